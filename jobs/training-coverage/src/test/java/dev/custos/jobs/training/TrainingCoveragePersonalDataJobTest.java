package dev.custos.jobs.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import dev.custos.common.job.Control;
import dev.custos.common.period.Period;
import dev.custos.common.results.ResultsMigration;

/** The results schema keeps the minimum of personal data, and no staging row outlives its period's run. */
class TrainingCoveragePersonalDataJobTest extends TrainingCoverageJobTestSupport {

    @Autowired
    Control trainingCoverageControl;

    @Autowired
    DataSource dataSource;

    /** E1 covered, E2 missing CRM. */
    private static TrainingInbox oneCoveredOneWithGaps(Period quarter) {
        return TrainingInbox.forQuarter(quarter)
                .employee("E1", "Sales", "Rep")
                .employee("E2", "Sales", "Rep")
                .course("SEC", "ALL")
                .course("CRM", "department:Sales")
                .passed("E1", "SEC").passed("E1", "CRM")
                .passed("E2", "SEC");
    }

    @Test
    void coveredEmployeesAreKeptByIdentifierAloneAndOnlyEmployeesWithGapsByName() throws Exception {
        Period quarter = freshQuarter();

        JobExecution execution = run(oneCoveredOneWithGaps(quarter));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(coverageRows(execution.getJobInstanceId())).containsExactly(
                Map.of("employee_id", "E1", "covered", true, "name", "(none)"),
                Map.of("employee_id", "E2", "covered", false, "name", "Staff E2"));
        assertThat(lines(outboxFile(quarter, TrainingCoveragePublication.GAPS_FILE)))
                .containsExactly("employee_id,full_name,department,missing_courses", "E2,Staff E2,Sales,CRM");
    }

    @Test
    void failedRunFollowedByACompletedRerunLeavesNoStagingRowOfThePeriod() throws Exception {
        Period quarter = freshQuarter();
        Path incomplete = oneCoveredOneWithGaps(quarter).leaveOut(TrainingInbox.COMPLETIONS)
                .writeTo(dir.resolve("incomplete"));
        JobExecution failed = run(parameters(quarter, 0, incomplete));
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(stagingRowsOfPeriod(quarter)).as("the failed run staged the roster").isPositive();

        JobExecution rerun = run(parameters(quarter, 1, oneCoveredOneWithGaps(quarter).writeTo(dir.resolve("complete"))));

        assertThat(rerun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(stagingRowsOfPeriod(quarter)).as("staging rows of every run of " + quarter).isZero();
    }

    @Test
    void migrationForgetsTheNamesOfCoveredEmployeesStoredBeforeIt() {
        String table = schema.table("training_coverage");
        String history = schema.table("flyway_results_history");
        long instance = -1;
        jdbc.update("INSERT INTO " + table + " (job_instance_id, employee_id, full_name, department, covered, "
                + "missing_courses) VALUES (?, 'E1', 'Staff E1', 'Sales', TRUE, ''), (?, 'E2', 'Staff E2', 'Sales', "
                + "FALSE, 'CRM')", instance, instance);
        jdbc.update("DELETE FROM " + history + " WHERE version = '10.1'");
        try {
            ResultsMigration.migrate(dataSource, schema);

            assertThat(coverageRows(instance)).containsExactly(
                    Map.of("employee_id", "E1", "covered", true, "name", "(none)"),
                    Map.of("employee_id", "E2", "covered", false, "name", "Staff E2"));
        } finally {
            jdbc.update("DELETE FROM " + table + " WHERE job_instance_id = ?", instance);
        }
    }

    private List<Map<String, Object>> coverageRows(long jobInstanceId) {
        return jdbc.queryForList(schema.sql("""
                SELECT employee_id, covered, COALESCE(full_name, '(none)') AS name FROM {results}.training_coverage
                WHERE job_instance_id = ? ORDER BY employee_id"""), jobInstanceId);
    }

    /** Rows of any run of the period in every staging table the control names. */
    private long stagingRowsOfPeriod(Period quarter) {
        long rows = 0;
        for (String table : trainingCoverageControl.stagingTables()) {
            rows += jdbc.queryForObject("SELECT COUNT(*) FROM " + schema.table(table) + " WHERE job_instance_id IN "
                    + "(SELECT job_instance_id FROM " + schema.table("run") + " WHERE job = ? AND period = ?)",
                    Long.class, JOB, quarter.toString());
        }
        return rows;
    }
}
