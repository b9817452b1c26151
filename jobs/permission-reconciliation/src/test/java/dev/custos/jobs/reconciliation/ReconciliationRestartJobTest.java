package dev.custos.jobs.reconciliation;

import static dev.custos.common.roster.RosterCsv.roster;
import static dev.custos.jobs.reconciliation.EntitlementsCsv.entitlements;
import static dev.custos.jobs.reconciliation.GrantsCsv.grants;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import dev.custos.common.results.RunRecorder;
import dev.custos.common.roster.RosterCsv;

/**
 * A run that fails part-way (a grant file that cannot be read on from some line, or the database
 * refusing a finding in some chunk) and is restarted once the cause is fixed ends exactly like a
 * run that never failed: same revocation list, same finding rows, same figures.
 */
// reruns of one month run in rising order: an older rerun may not publish over a newer one
@TestMethodOrder(MethodOrderer.MethodName.class)
class ReconciliationRestartJobTest extends ReconciliationJobTestSupport {

    private static final String MONTH = "2043-10";
    private static final int EMPLOYEES = 30;
    private static final LocalDate LONG_AGO = LocalDate.of(2040, 1, 1);
    private static final String FAIL_ON_EMPLOYEE = """
            CREATE TRIGGER {results}.reconciliation_finding_fails BEFORE INSERT ON {results}.reconciliation_finding
            FOR EACH ROW BEGIN
              IF NEW.employee_id = '%s' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure'; END IF;
            END""";
    private static final String STOP_FAILING = "DROP TRIGGER IF EXISTS {results}.reconciliation_finding_fails";
    private static final String FAIL_ON_STAGED_GRANT = """
            CREATE TRIGGER {results}.rc_grant_stage_fails BEFORE INSERT ON {results}.rc_grant_stage
            FOR EACH ROW BEGIN
              IF NEW.employee_id = '%s' AND NEW.system = 'ERP' THEN
                SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure';
              END IF;
            END""";
    private static final String STOP_FAILING_TO_STAGE = "DROP TRIGGER IF EXISTS {results}.rc_grant_stage_fails";

    /** Taken once, from the first run of the month; every restarted rerun must end the same. */
    private static Uninterrupted uninterrupted;

    private Path inbox;

    record Uninterrupted(String revocations, List<Map<String, Object>> findings, Map<String, Double> metrics) {
    }

    @BeforeEach
    void runTheMonthUninterruptedOnce() throws Exception {
        inbox = writeInputs(inbox("october"), 10);
        if (uninterrupted == null) {
            assertThat(run("2043-09", writeInputs(inbox("september"), 9)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(run(MONTH, inbox).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            uninterrupted = new Uninterrupted(revocations(MONTH), publishedFindings(MONTH), values(MONTH));
        }
        assertThat(uninterrupted.metrics().get("findings_persisting")).isPositive();
        assertThat(uninterrupted.metrics().get("findings_new")).isPositive();
        assertThat(uninterrupted.metrics().get("findings_resolved")).isPositive();
    }

    /** The refused finding is in the first chunk, one in the middle, and the last one. */
    @ParameterizedTest
    @CsvSource({"E03, 3", "E15, 4", "E30, 5"})
    void restartAfterTheDatabaseRefusedAFindingEndsLikeAnUninterruptedRun(String employee, int rerun) throws Exception {
        jdbc.execute(schema.sql(FAIL_ON_EMPLOYEE.formatted(employee)));
        JobExecution failed;
        try {
            failed = run(MONTH, rerun, inbox);
        } finally {
            jdbc.execute(schema.sql(STOP_FAILING));
        }
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getStepExecutions()).filteredOn(step -> step.getStatus() == BatchStatus.FAILED)
                .singleElement().satisfies(step -> assertThat(step.getStepName()).isEqualTo("reconciliationFindingsStep"));

        JobExecution restarted = jobOperator.restart(failed);

        assertEndsLikeTheUninterruptedRun(restarted);
    }

    /** The file breaks on its first row, or after some chunks of it were committed. */
    @ParameterizedTest
    @CsvSource({"2, 1", "40, 2"})
    void restartAfterAGrantFileFailedPartWayEndsLikeAnUninterruptedRun(int brokenLine, int rerun) throws Exception {
        Path grantFile = inbox.resolve("access_grants_2.csv");
        List<String> lines = Files.readAllLines(grantFile, StandardCharsets.UTF_8);
        breakLine(grantFile, lines, brokenLine);

        JobExecution failed = run(MONTH, rerun, inbox);

        Files.write(grantFile, lines, StandardCharsets.UTF_8);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(RunRecorder.rootMessage(failed.getAllFailureExceptions().get(0)))
                .startsWith("access_grants_2.csv: not valid UTF-8 in the record starting at line " + brokenLine);

        JobExecution restarted = jobOperator.restart(failed);

        assertEndsLikeTheUninterruptedRun(restarted);
    }

    /**
     * The database refuses a grant row of access_grants_2.csv (two rows per employee, chunks of ten)
     * in its first chunk or after four of its chunks were staged and committed: the chunk's stream
     * is refused whole, the message names file and lines but neither value nor server text.
     */
    @ParameterizedTest
    @CsvSource({"E03, 6", "E25, 7"})
    void restartAfterTheDatabaseRefusedAStagedGrantEndsLikeAnUninterruptedRun(String employee, int rerun)
            throws Exception {
        jdbc.execute(schema.sql(FAIL_ON_STAGED_GRANT.formatted(employee)));
        JobExecution failed;
        try {
            failed = run(MONTH, rerun, inbox);
        } finally {
            jdbc.execute(schema.sql(STOP_FAILING_TO_STAGE));
        }
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getAllFailureExceptions()).extracting(RunRecorder::rootMessage)
                .anySatisfy(message -> assertThat(message)
                        .startsWith("the database refused to stage the rows of access_grants_2.csv lines ")
                        .endsWith("(SQLState 45000, error 1644)")
                        .doesNotContain(employee, "injected"));

        JobExecution restarted = jobOperator.restart(failed);

        assertEndsLikeTheUninterruptedRun(restarted);
    }

    private void assertEndsLikeTheUninterruptedRun(JobExecution restarted) throws IOException {
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(revocations(MONTH)).isEqualTo(uninterrupted.revocations());
        assertThat(publishedFindings(MONTH)).isEqualTo(uninterrupted.findings());
        assertThat(values(MONTH)).isEqualTo(uninterrupted.metrics());
        assertThat(findingRowsOfAnyRun(MONTH)).isEqualTo(uninterrupted.findings().size());
    }

    /** Replaces line {@code line} (1 = header) by one holding a byte that is not UTF-8. */
    private static void breakLine(Path file, List<String> lines, int line) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            text.append(i == line - 1 ? "E01,CRM,READ,2040-01-01,\u0000" : lines.get(i)).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                bytes[i] = (byte) 0xC3;
            }
        }
        Files.write(file, bytes);
    }

    /**
     * {@code EMPLOYEES} employees of 2043 with three grants each over two files: an entitled grant in
     * use, an ERP grant that is excess for every second employee in September and every third in
     * October, and a grant dormant for every fourth employee; every tenth employee left in August.
     * October therefore has persisting, new and resolved findings against September.
     */
    private static Path writeInputs(Path inbox, int monthValue) {
        int excessEvery = monthValue == 9 ? 2 : 3;
        LocalDate lastWeek = LocalDate.of(2043, monthValue, 20);
        RosterCsv roster = roster();
        GrantsCsv first = grants("access_grants_1.csv");
        GrantsCsv second = grants("access_grants_2.csv");
        for (int i = 1; i <= EMPLOYEES; i++) {
            String id = "E%02d".formatted(i);
            if (i % 10 == 0) {
                roster.departed(id, "Analyst", LocalDate.of(2043, 8, i / 10));
            } else {
                roster.active(id, "Analyst");
            }
            first.grant(id, "CRM", "READ", LONG_AGO, lastWeek);
            second.grant(id, "ERP", i % excessEvery == 0 ? "ADMIN" : "READ", LONG_AGO, lastWeek);
            second.grant(id, "DWH", "READ", LONG_AGO, i % 4 == 0 ? LocalDate.of(2042, 1, 1) : lastWeek);
        }
        roster.writeTo(inbox);
        entitlements().allow("Analyst", "CRM", "READ").allow("Analyst", "ERP", "READ").allow("Analyst", "DWH", "READ")
                .writeTo(inbox);
        first.writeTo(inbox);
        second.writeTo(inbox);
        return inbox;
    }
}
