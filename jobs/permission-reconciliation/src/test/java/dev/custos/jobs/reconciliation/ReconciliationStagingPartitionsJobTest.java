package dev.custos.jobs.reconciliation;

import static dev.custos.common.roster.RosterCsv.roster;
import static dev.custos.jobs.reconciliation.EntitlementsCsv.entitlements;
import static dev.custos.jobs.reconciliation.GrantsCsv.grants;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import dev.custos.common.roster.RosterCsv;

/**
 * On MariaDB a run stages into partitions of its own (one per staging table), which a restart
 * finds there and which are dropped once its results are published; another period's run,
 * failed and waiting for its restart, keeps its partitions and rows meanwhile.
 */
class ReconciliationStagingPartitionsJobTest extends ReconciliationJobTestSupport {

    private static final String MONTH = "2047-10";
    private static final String OTHER_MONTH = "2047-11";
    private static final int EMPLOYEES = 30;
    private static final List<String> STAGING_TABLES = new PermissionReconciliationControl().stagingTables();
    private static final String FAIL_ON_STAGED_GRANT = """
            CREATE TRIGGER {results}.rc_grant_stage_refuses BEFORE INSERT ON {results}.rc_grant_stage
            FOR EACH ROW BEGIN
              IF NEW.employee_id = 'E25' AND NEW.system = 'ERP' THEN
                SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure';
              END IF;
            END""";
    private static final String STOP_FAILING_TO_STAGE = "DROP TRIGGER IF EXISTS {results}.rc_grant_stage_refuses";
    private static final String PARTITIONS = """
            SELECT PARTITION_NAME FROM information_schema.PARTITIONS
            WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND PARTITION_NAME IS NOT NULL""";

    @Test
    void aFailedRunKeepsItsPartitionsThroughAnotherPeriodsRunAndItsRestartEndsLikeAnUninterruptedRun()
            throws Exception {
        Path inbox = writeInputs(inbox("staging-partitions"));
        JobExecution uninterrupted = run(MONTH, inbox);
        assertThat(uninterrupted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        String revocations = revocations(MONTH);
        List<Map<String, Object>> findings = publishedFindings(MONTH);
        Map<String, Double> figures = values(MONTH);
        assertThat(findings).isNotEmpty();
        assertHasNoStaging(uninterrupted.getJobInstanceId());

        jdbc.execute(schema.sql(FAIL_ON_STAGED_GRANT));
        JobExecution failed;
        try {
            failed = run(MONTH, 1, inbox);
        } finally {
            jdbc.execute(schema.sql(STOP_FAILING_TO_STAGE));
        }
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        long instance = failed.getJobInstanceId();
        String partition = "p" + instance;
        for (String table : STAGING_TABLES) {
            assertThat(partitions(table)).as(table).contains(partition);
            assertThat(rowsIn(table, "pdefault")).as(table).isZero();
        }
        long stagedGrants = rowsIn("rc_grant_stage", partition);
        assertThat(stagedGrants).as("the grant chunks committed before the refused one").isPositive();

        JobExecution otherPeriod = run(OTHER_MONTH, inbox);
        assertThat(otherPeriod.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertHasNoStaging(otherPeriod.getJobInstanceId());
        assertThat(rowsIn("rc_grant_stage", partition)).isEqualTo(stagedGrants);
        assertThat(rowsIn("rc_employee_stage", partition)).isEqualTo(EMPLOYEES);

        JobExecution restarted = jobOperator.restart(failed);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(revocations(MONTH)).isEqualTo(revocations);
        assertThat(publishedFindings(MONTH)).isEqualTo(findings);
        assertThat(values(MONTH)).isEqualTo(figures);
        assertHasNoStaging(instance);
    }

    private void assertHasNoStaging(long instance) {
        for (String table : STAGING_TABLES) {
            assertThat(partitions(table)).as(table).doesNotContain("p" + instance).contains("pdefault");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM %s WHERE job_instance_id = ?"
                    .formatted(schema.table(table)), Long.class, instance)).as(table).isZero();
        }
    }

    private List<String> partitions(String table) {
        return jdbc.queryForList(PARTITIONS, String.class, schema.name(), table);
    }

    private long rowsIn(String table, String partition) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM %s PARTITION (%s)".formatted(schema.table(table), partition),
                Long.class);
    }

    /** {@code EMPLOYEES} employees with three grants each over two files, every third ERP grant excess. */
    private static Path writeInputs(Path inbox) {
        LocalDate longAgo = LocalDate.of(2045, 1, 1);
        LocalDate lastWeek = LocalDate.of(2047, 9, 20);
        RosterCsv roster = roster();
        GrantsCsv first = grants("access_grants_1.csv");
        GrantsCsv second = grants("access_grants_2.csv");
        for (int i = 1; i <= EMPLOYEES; i++) {
            String id = "E%02d".formatted(i);
            if (i % 10 == 0) {
                roster.departed(id, "Analyst", LocalDate.of(2047, 8, i / 10));
            } else {
                roster.active(id, "Analyst");
            }
            first.grant(id, "CRM", "READ", longAgo, lastWeek);
            second.grant(id, "ERP", i % 3 == 0 ? "ADMIN" : "READ", longAgo, lastWeek);
            second.grant(id, "DWH", "READ", longAgo, i % 4 == 0 ? LocalDate.of(2046, 1, 1) : lastWeek);
        }
        roster.writeTo(inbox);
        entitlements().allow("Analyst", "CRM", "READ").allow("Analyst", "ERP", "READ").allow("Analyst", "DWH", "READ")
                .writeTo(inbox);
        first.writeTo(inbox);
        second.writeTo(inbox);
        return inbox;
    }
}
