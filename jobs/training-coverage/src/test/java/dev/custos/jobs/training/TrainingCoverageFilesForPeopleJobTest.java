package dev.custos.jobs.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import dev.custos.common.period.Period;

/**
 * gaps.csv and coverage_by_department.csv are opened by managers in a spreadsheet: a cell an
 * export begins with a formula is written as text there, numbers stay numbers, and the results
 * schema and summary.json keep the values as the export had them.
 */
class TrainingCoverageFilesForPeopleJobTest extends TrainingCoverageJobTestSupport {

    private static final List<String> FORMULAS =
            List.of("=HYPERLINK(\"http://evil\",\"x\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3");
    private static final String COURSE = "@C1";

    @Test
    void formulaCellsInGapsAndDepartmentFilesAreWrittenAsTextAndTheResultsKeepTheRawValues() throws Exception {
        Period quarter = freshQuarter();
        TrainingInbox inbox = TrainingInbox.forQuarter(quarter).course(COURSE, "ALL");
        List<List<String>> rawGaps = new ArrayList<>();
        for (int i = 0; i < FORMULAS.size(); i++) {
            String id = FORMULAS.get(i);
            String name = FORMULAS.get((i + 1) % FORMULAS.size());
            String department = FORMULAS.get((i + 2) % FORMULAS.size());
            inbox.rosterLine(String.join(",", quoted(id), quoted(name), "e" + i + "@example.test", quoted(department),
                    "Rep", "ACTIVE", TrainingInbox.LONG_AGO.toString(), ""));
            rawGaps.add(List.of(id.toUpperCase(Locale.ROOT), name, department, COURSE));
        }

        JobExecution execution = run(inbox);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(csvRecords(outboxFile(quarter, TrainingCoveragePublication.GAPS_FILE)))
                .as("every text cell starts with ' and then the raw value")
                .containsExactlyInAnyOrderElementsOf(rawGaps.stream()
                        .map(raw -> raw.stream().map(cell -> "'" + cell).toList()).toList());
        assertThat(csvRecords(outboxFile(quarter, TrainingCoveragePublication.DEPARTMENTS_FILE)))
                .as("department as text, the figures as numbers")
                .containsExactlyInAnyOrderElementsOf(FORMULAS.stream()
                        .map(department -> List.of("'" + department, "1", "0", "0.0")).toList());
        assertThat(jdbc.queryForList(schema.sql("""
                        SELECT employee_id, full_name, department, missing_courses FROM {results}.training_coverage
                        WHERE job_instance_id = ?"""), execution.getJobInstanceId()))
                .extracting(row -> List.of(row.get("employee_id"), row.get("full_name"), row.get("department"),
                        row.get("missing_courses")))
                .as("the results schema holds the values as imported")
                .containsExactlyInAnyOrderElementsOf(rawGaps.stream().map(List::<Object>copyOf).toList());
        assertThat(publishedMetrics(quarter)).as("metric names keep the raw department")
                .containsKeys(FORMULAS.stream().map(department -> "coverage." + department).toArray(String[]::new));
    }

    /** An RFC 4180 field: the exports quote a value holding commas or quotes. */
    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
