package dev.custos.jobs.reconciliation;

import static dev.custos.common.roster.RosterCsv.roster;
import static dev.custos.jobs.reconciliation.EntitlementsCsv.entitlements;
import static dev.custos.jobs.reconciliation.GrantsCsv.grants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import dev.custos.common.outbox.Outbox;
import dev.custos.common.results.RunRecorder;
import dev.custos.common.roster.RosterCsv;

/** Malformed rows, missing files and a suspicious roster. */
class ReconciliationInputsJobTest extends ReconciliationJobTestSupport {

    private static final LocalDate LONG_AGO = LocalDate.of(2030, 1, 1);

    @Test
    void malformedRowsAreRejectedWithFileLineAndReasonAndTheRestIsReconciled() throws Exception {
        Path inbox = inbox("malformed");
        String used = "2038-03-28";
        roster()
                .active("E01", "Analyst")
                .line("E02", "Bo", "b@x", "Ops", "Analyst", "ACTIVE", "2020-02-30", "")
                .line("E03", "Cy", "c@x", "Ops", "Analyst", "RETIRED", "2020-01-01", "")
                .line("", "Di", "d@x", "Ops", "Analyst", "ACTIVE", "2020-01-01", "")
                .line("E05", "Ed", "e@x")
                .line("E06", "Flo", "f@x", "Ops", "Analyst", "ACTIVE", "2020-01-01", "", "extra")
                .active("e01", "Analyst")
                .active("E09", "Analyst")
                .writeTo(inbox);
        entitlements()
                .allow("Analyst", "CRM", "READ")
                .line("Analyst", "", "READ")
                .line("Analyst", "CRM")
                .writeTo(inbox);
        grants("access_grants_a.csv")
                .line("E01", "CRM", "READ", "2030-01-01", used)
                .line("E01", "CRM", "WRITE", "2038-13-01", used)
                .line("", "CRM", "READ", "2030-01-01", "")
                .line("E01", "CRM")
                .line("E01", "CRM", "READ", "2030-01-01", "", "x")
                .line("E09", "CRM", "READ", "2030-01-01", "yesterday")
                .line("E09", "ERP", "ADMIN", "2030-01-01", used)
                .writeTo(inbox);
        grants("access_grants_b.csv").line("E02", "CRM", "READ", "2030-01-01", used).writeTo(inbox);

        JobExecution execution = run("2038-03", inbox);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(Files.readString(outboxFile("2038-03", Outbox.REJECTS))).isEqualTo("""
                file,line,reason
                access_grants_a.csv,3,bad date in granted_on: '2038-13-01' (expected YYYY-MM-DD)
                access_grants_a.csv,4,blank employee_id
                access_grants_a.csv,5,"expected 5 fields, found 2"
                access_grants_a.csv,6,"expected 5 fields, found 6"
                access_grants_a.csv,7,bad date in last_used_on: value not shown (expected YYYY-MM-DD)
                hr_roster.csv,3,bad date in hired_on: '2020-02-30' (expected YYYY-MM-DD)
                hr_roster.csv,4,"bad value in status: 'RETIRED' (expected one of ACTIVE, DEPARTED)"
                hr_roster.csv,5,blank employee_id
                hr_roster.csv,6,"expected 8 fields, found 3"
                hr_roster.csv,7,"expected 8 fields, found 9"
                hr_roster.csv,8,repeated employee_id (first at line 2)
                role_entitlements.csv,3,blank system
                role_entitlements.csv,4,"expected 3 fields, found 2"
                """);
        assertThat(rowsReadAndRejectedByFile(execution.getJobInstanceId())).containsExactly(
                entry("access_grants_a.csv", new long[] {7, 5}),
                entry("access_grants_b.csv", new long[] {1, 0}),
                entry("hr_roster.csv", new long[] {8, 6}),
                entry("role_entitlements.csv", new long[] {3, 2}));
        assertThat(values("2038-03")).contains(entry("rows_read", 19.0), entry("rows_accepted", 6.0),
                entry("rows_rejected", 13.0), entry("grants", 3.0), entry("findings", 2.0),
                entry("findings.EXCESS_PRIVILEGE", 1.0), entry("findings.UNKNOWN_IDENTITY", 1.0));
        assertThat(revocations("2038-03")).isEqualTo("""
                employee_id,system,permission,reason,status
                E02,CRM,READ,UNKNOWN_IDENTITY,NEW
                E09,ERP,ADMIN,EXCESS_PRIVILEGE,NEW
                """);
    }

    @Test
    void missingRosterFailsNamingItAndPublishesNothing() throws Exception {
        Path inbox = inbox("no-roster");
        entitlements().allow("Analyst", "CRM", "READ").writeTo(inbox);
        grants("access_grants.csv").grant("E01", "CRM", "READ", LONG_AGO, null).writeTo(inbox);

        assertFailsWithoutResults("2038-04", inbox, "hr_roster.csv not found in " + inbox.toAbsolutePath());
    }

    @Test
    void missingEntitlementsFailNamingThemAndPublishNothing() throws Exception {
        Path inbox = inbox("no-entitlements");
        roster().active("E01", "Analyst").writeTo(inbox);
        grants("access_grants.csv").grant("E01", "CRM", "READ", LONG_AGO, null).writeTo(inbox);

        assertFailsWithoutResults("2038-05", inbox, "role_entitlements.csv not found in " + inbox.toAbsolutePath());
    }

    @Test
    void noGrantFileFailsNamingThePatternAndPublishesNothing() throws Exception {
        Path inbox = inbox("no-grants");
        roster().active("E01", "Analyst").writeTo(inbox);
        entitlements().allow("Analyst", "CRM", "READ").writeTo(inbox);
        Files.writeString(inbox.resolve("grants.csv"), "employee_id,system,permission,granted_on,last_used_on\n");

        assertFailsWithoutResults("2038-06", inbox, "no access_grants*.csv in " + inbox.toAbsolutePath());
    }

    @Test
    void grantFileLinkedFromOutsideTheInboxFailsNamingItAndPublishesNothing() throws Exception {
        Path inbox = inbox("linked-grants");
        roster().active("E01", "Analyst").writeTo(inbox);
        entitlements().allow("Analyst", "CRM", "READ").writeTo(inbox);
        grants("access_grants_crm.csv").grant("E01", "CRM", "READ", LONG_AGO, null).writeTo(inbox);
        Path outside = grants("access_grants_erp.csv").grant("E01", "ERP", "ADMIN", LONG_AGO, null)
                .writeTo(inbox("outside-the-inbox"));
        Files.createSymbolicLink(inbox.resolve("access_grants_erp.csv"), outside);

        assertFailsWithoutResults("2038-07", inbox, "access_grants_erp.csv in " + inbox.toAbsolutePath()
                + " is a symbolic link; input files must be regular files in the inbox (links are not followed): copy"
                + " the file itself there");
    }

    @Test
    void rosterShrunkBelowHalfOfLastMonthsFailsBeforeAnyFinding() throws Exception {
        Path full = inbox("full-roster");
        writeRosterAndGrants(full, 10);
        assertThat(run("2039-01", full).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Path partial = inbox("partial-roster");
        writeRosterAndGrants(partial, 10);
        employees(4).writeTo(partial);

        assertFailsWithoutResults("2039-02", partial, "hr_roster.csv lists 4 employees, fewer than 50% of the 10 of"
                + " 2039-01: a partial HR export would flag everyone missing as an unknown identity, so 2039-02 was not"
                + " reconciled. Check the export and run the period again with --rerun; if the workforce really"
                + " shrank, lower custos.reconciliation.min-roster-share for that run");
    }

    @Test
    void rosterOfExactlyHalfOfLastMonthsIsReconciled() throws Exception {
        Path full = inbox("full-roster");
        writeRosterAndGrants(full, 10);
        assertThat(run("2040-01", full).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Path half = inbox("half-roster");
        writeRosterAndGrants(half, 5);

        assertThat(run("2040-02", half).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void emptyRosterFailsEvenWithoutAPreviousMonth() throws Exception {
        Path inbox = inbox("empty-roster");
        writeRosterAndGrants(inbox, 3);
        roster().writeTo(inbox);

        assertFailsWithoutResults("2040-06", inbox, "hr_roster.csv lists no employee (no row, or every row rejected):"
                + " every grant would be an unknown identity, so 2040-06 was not reconciled. Check the HR export and"
                + " run the period again with --rerun");
    }

    private void assertFailsWithoutResults(String period, Path inbox, String message) throws Exception {
        JobExecution execution = run(period, inbox);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getAllFailureExceptions()).extracting(RunRecorder::rootMessage).containsExactly(message);
        assertThat(published(period)).isFalse();
        assertThat(metrics(period)).isEmpty();
        assertThat(findingRowsOfAnyRun(period)).isZero();
        assertThat(outboxFile(period, Outbox.SUMMARY)).doesNotExist();
    }

    private static void writeRosterAndGrants(Path inbox, int employees) {
        employees(employees).writeTo(inbox);
        entitlements().allow("Analyst", "CRM", "READ").writeTo(inbox);
        GrantsCsv grants = grants("access_grants.csv");
        for (int i = 1; i <= employees; i++) {
            grants.grant("E%02d".formatted(i), "ERP", "ADMIN", LONG_AGO, null);
        }
        grants.writeTo(inbox);
    }

    private static RosterCsv employees(int count) {
        RosterCsv roster = roster();
        for (int i = 1; i <= count; i++) {
            roster.active("E%02d".formatted(i), "Analyst");
        }
        return roster;
    }

    private Map<String, long[]> rowsReadAndRejectedByFile(long jobInstanceId) {
        Map<String, long[]> byFile = new java.util.TreeMap<>();
        jdbc.query(schema.sql("""
                SELECT f.file, f.rows_read,
                       (SELECT COUNT(*) FROM {results}.reject r WHERE r.job_instance_id = f.job_instance_id
                          AND r.file = f.file) AS rejected
                FROM {results}.input_file f WHERE f.job_instance_id = ?"""),
                rs -> {
                    byFile.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }, jobInstanceId);
        return byFile;
    }
}
