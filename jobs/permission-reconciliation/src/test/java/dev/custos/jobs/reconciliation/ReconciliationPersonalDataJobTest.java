package dev.custos.jobs.reconciliation;

import static dev.custos.common.roster.RosterCsv.roster;
import static dev.custos.jobs.reconciliation.EntitlementsCsv.entitlements;
import static dev.custos.jobs.reconciliation.GrantsCsv.grants;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import dev.custos.common.job.Control;
import dev.custos.common.results.ResultsMigration;

/** The control names no one, so it stages no name; no staging row outlives its period's run. */
class ReconciliationPersonalDataJobTest extends ReconciliationJobTestSupport {

    private static final LocalDate LONG_AGO = LocalDate.of(2045, 1, 1);

    @Autowired
    Control permissionReconciliationControl;

    @Autowired
    DataSource dataSource;

    /** The roster, policy and one grant file, all but the grants written into {@code inbox}. */
    private static GrantsCsv inputsWithoutGrants(Path inbox) {
        roster().active("E1", "Analyst").departed("E2", "Analyst", LONG_AGO.plusDays(10)).writeTo(inbox);
        entitlements().allow("Analyst", "CRM", "READ").writeTo(inbox);
        return grants("access_grants_apps.csv")
                .grant("E1", "CRM", "READ", LONG_AGO, null)
                .grant("E2", "CRM", "READ", LONG_AGO, null);
    }

    @Test
    void rosterIsStagedWithoutNames() throws Exception {
        Path inbox = inbox("no-grants");
        inputsWithoutGrants(inbox);

        JobExecution failed = run("2046-01", inbox);

        assertThat(failed.getStatus()).as("no grant file").isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.queryForList(schema.sql("""
                SELECT full_name FROM {results}.rc_employee_stage WHERE job_instance_id = ?"""), String.class,
                failed.getJobInstanceId())).as("the staged roster rows").hasSize(2).containsOnlyNulls();
    }

    @Test
    void failedRunFollowedByACompletedRerunLeavesNoStagingRowOfThePeriod() throws Exception {
        String month = "2046-02";
        Path inbox = inbox("rerun");
        GrantsCsv grants = inputsWithoutGrants(inbox);
        JobExecution failed = run(month, inbox);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(stagingRowsOfPeriod(month)).as("the failed run staged roster and policy").isPositive();
        grants.writeTo(inbox);

        JobExecution rerun = run(month, 1, inbox);

        assertThat(rerun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(stagingRowsOfPeriod(month)).as("staging rows of every run of " + month).isZero();
    }

    @Test
    void migrationForgetsTheNamesOfAStagedRosterStoredBeforeIt() {
        String table = schema.table("rc_employee_stage");
        long instance = -1;
        jdbc.update("INSERT INTO " + table + " (job_instance_id, employee_id, file, line, full_name, department, role, "
                + "status, hired_on) VALUES (?, 'E1', 'hr_roster.csv', 2, 'Staff E1', 'Sales', 'Rep', 'ACTIVE', "
                + "'2030-01-01')", instance);
        jdbc.update("DELETE FROM " + schema.table("flyway_results_history") + " WHERE version = '20.1'");
        try {
            ResultsMigration.migrate(dataSource, schema);

            assertThat(jdbc.queryForList("SELECT full_name FROM " + table + " WHERE job_instance_id = ?", String.class,
                    instance)).hasSize(1).containsOnlyNulls();
        } finally {
            jdbc.update("DELETE FROM " + table + " WHERE job_instance_id = ?", instance);
        }
    }

    /** Rows of any run of the month in every staging table the control names. */
    private long stagingRowsOfPeriod(String month) {
        long rows = 0;
        for (String table : permissionReconciliationControl.stagingTables()) {
            rows += jdbc.queryForObject("SELECT COUNT(*) FROM " + schema.table(table) + " WHERE job_instance_id IN "
                    + "(SELECT job_instance_id FROM " + schema.table("run") + " WHERE job = ? AND period = ?)",
                    Long.class, JOB, month);
        }
        return rows;
    }
}
