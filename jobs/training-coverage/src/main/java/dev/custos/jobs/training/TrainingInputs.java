package dev.custos.jobs.training;

import java.util.List;

import dev.custos.common.csv.CsvLayout;
import dev.custos.common.csv.CsvRow;
import dev.custos.common.csv.RejectedValue;
import dev.custos.common.csv.RowRejectedException;

/**
 * The training exports the control reads (the roster is {@code dev.custos.common.roster}), their
 * columns, and how a row becomes a record.
 */
public final class TrainingInputs {

    public static final String REQUIREMENTS = "training_requirements.csv";
    public static final String COMPLETIONS = "training_completions.csv";

    public static final CsvLayout REQUIREMENTS_LAYOUT = new CsvLayout(REQUIREMENTS,
            List.of("course_id", "title", "audience"), List.of());
    public static final CsvLayout COMPLETIONS_LAYOUT = new CsvLayout(COMPLETIONS,
            List.of("employee_id", "course_id", "completed_on", "score"), List.of());

    /** The staging columns' sizes: a longer field is a rejected row, not a failed run. */
    private static final int MAX_TITLE_LENGTH = 255;
    private static final int MAX_AUDIENCE_LENGTH = 200;

    private TrainingInputs() {
    }

    static Requirement requirement(CsvRow row) {
        String courseId = courseId(row);
        String title = row.required("title", MAX_TITLE_LENGTH);
        String audience = row.required("audience", MAX_AUDIENCE_LENGTH);
        try {
            return new Requirement(courseId, title, Audience.parse(audience));
        } catch (IllegalArgumentException e) {
            throw new RowRejectedException("bad value in audience: " + RejectedValue.IDENTIFIER.quote(audience)
                    + " (expected ALL, department:NAME or role:NAME)");
        }
    }

    /** Course ids are joined by ';' in gaps.csv, so they cannot contain it (nor '|'). */
    private static String courseId(CsvRow row) {
        String courseId = row.id("course_id");
        if (courseId.contains(";") || courseId.contains("|")) {
            throw new RowRejectedException("course_id contains a semicolon or a vertical bar (they separate course ids in gaps.csv)");
        }
        return courseId;
    }

    static Completion completion(CsvRow row) {
        return new Completion(row.id("employee_id"), courseId(row), row.date("completed_on"),
                row.optionalInt("score", 0, 100).orElse(null));
    }
}
