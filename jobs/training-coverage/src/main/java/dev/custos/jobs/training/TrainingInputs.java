package dev.custos.jobs.training;

import java.util.List;

import dev.custos.common.csv.CsvLayout;
import dev.custos.common.csv.CsvRow;
import dev.custos.common.csv.RowRejectedException;

/** The three exports the control reads, their columns, and how a row becomes a record. */
final class TrainingInputs {

    static final String ROSTER = "hr_roster.csv";
    static final String REQUIREMENTS = "training_requirements.csv";
    static final String COMPLETIONS = "training_completions.csv";

    static final CsvLayout ROSTER_LAYOUT = new CsvLayout(ROSTER,
            List.of("employee_id", "full_name", "email", "department", "role", "status", "hired_on", "departed_on"),
            List.of());
    static final CsvLayout REQUIREMENTS_LAYOUT = new CsvLayout(REQUIREMENTS,
            List.of("course_id", "title", "audience"), List.of());
    static final CsvLayout COMPLETIONS_LAYOUT = new CsvLayout(COMPLETIONS,
            List.of("employee_id", "course_id", "completed_on", "score"), List.of());

    private TrainingInputs() {
    }

    static Employee employee(CsvRow row) {
        String id = row.id("employee_id");
        String fullName = row.required("full_name");
        String department = row.required("department");
        String role = row.required("role");
        EmploymentStatus status = row.enumValue("status", EmploymentStatus.class);
        var hiredOn = row.date("hired_on");
        var departedOn = row.optionalDate("departed_on").orElse(null);
        if (status == EmploymentStatus.DEPARTED && departedOn == null) {
            throw new RowRejectedException("status DEPARTED without departed_on");
        }
        if (departedOn != null && departedOn.isBefore(hiredOn)) {
            throw new RowRejectedException("departed_on " + departedOn + " is before hired_on " + hiredOn);
        }
        return new Employee(id, fullName, department, role, status, hiredOn, departedOn);
    }

    static Requirement requirement(CsvRow row) {
        String courseId = courseId(row);
        String title = row.required("title");
        try {
            return new Requirement(courseId, title, Audience.parse(row.required("audience")));
        } catch (IllegalArgumentException e) {
            throw new RowRejectedException(e.getMessage());
        }
    }

    /** Course ids are joined by ';' in gaps.csv, so they cannot contain it (nor '|'). */
    private static String courseId(CsvRow row) {
        String courseId = row.id("course_id");
        if (courseId.contains(";") || courseId.contains("|")) {
            throw new RowRejectedException("course_id must not contain ';' or '|': '" + courseId + "'");
        }
        return courseId;
    }

    static Completion completion(CsvRow row) {
        return new Completion(row.id("employee_id"), courseId(row), row.date("completed_on"),
                row.optionalInt("score", 0, 100).orElse(null));
    }
}
