package dev.custos.scheduler.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.custos.common.outbox.Outbox;
import dev.custos.common.period.Period;
import dev.custos.jobs.reconciliation.sample.ReconciliationSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.Installation.Run;

/**
 * permission-reconciliation killed with SIGKILL at five points (the roster import, two chunks of
 * the parallel grant import, two chunks of the findings step) and resumed with
 * {@code custos restart} ends with the revocation list, finding rows and figures of a run that
 * was never interrupted.
 */
@Timeout(900)
class ReconciliationCrashRestartIT {

    private static final String JOB = "permission-reconciliation";
    private static final String MONTH = "2026-10";
    private static final String CHUNK_SIZE = "--custos.chunk-size=200";
    private static final List<String> FILES = List.of("revocations.csv", "rejects.csv");

    @TempDir
    static Path dir;

    static Path inbox;
    static Installation reference;
    static long uninterruptedExecution;

    @BeforeAll
    static void runTheMonthUninterrupted() {
        inbox = dir.resolve("inbox");
        // 15 roster chunks, about 70 chunks per grant file and a few hundred in the findings step
        ReconciliationSampleData.write(inbox, Period.parse(MONTH), new ReconciliationSampleData.Sizes(3_000, 60_000),
                2026, 11, true);
        reference = Installation.create(ReconciliationCrashRestartIT.class, dir.resolve("reference"));
        CommandResult uninterrupted = reference.custos("run", JOB, "--period", MONTH, "--inbox", inbox.toString(),
                CHUNK_SIZE);
        assertThat(uninterrupted.exitCode()).as(uninterrupted.describe()).isZero();
        uninterruptedExecution = JarRun.completedExecution(uninterrupted, JOB, MONTH);
        Map<String, Double> figures = reference.publishedMetrics(JOB, MONTH);
        assertThat(figures.get("rows_rejected")).isPositive();
        assertThat(figures.get("findings.LEAVER_ACCESS")).isPositive();
        assertThat(figures.get("findings.DORMANT")).isPositive();
    }

    @AfterAll
    static void dropReference() {
        if (reference != null) {
            reference.close();
        }
    }

    @ParameterizedTest(name = "killed in {0} after {1} commits")
    @CsvSource({
            "reconciliationRosterImportStep, 3",
            "reconciliationGrantFileImportStep%, 5",
            "reconciliationGrantFileImportStep%, 40",
            "reconciliationFindingsStep, 5",
            "reconciliationFindingsStep, 60"})
    void restartAfterKillDashNineEndsLikeAnUninterruptedRun(String step, int commits) throws Exception {
        Path home = dir.resolve("killed-" + step.replace("%", "") + "-" + commits);
        try (Installation crashed = Installation.create(ReconciliationCrashRestartIT.class, home)) {
            JarRun run = JarRun.start(crashed, home, "run", JOB, "--period", MONTH, "--inbox", inbox.toString(),
                    CHUNK_SIZE);
            String interruptedStep;
            try (run) {
                interruptedStep = run.awaitStepUnderWay(step, commits);
                run.killDashNine();
            }
            List<Long> started = JarRun.startedExecutions(crashed);
            assertThat(started).as("the killed execution is left STARTED").hasSize(1);

            CommandResult restart = crashed.custos("restart", String.valueOf(started.get(0)), CHUNK_SIZE);

            assertThat(restart.exitCode()).as(restart.describe()).isZero();
            long restarted = JarRun.completedExecution(restart, JOB, MONTH);
            assertThat(crashed.runs(JOB)).extracting(Run::status).containsExactly("FAILED", "COMPLETED");
            long resumedReads = JarRun.stepReads(crashed, restarted).get(interruptedStep);
            long wholeReads = JarRun.stepReads(reference, uninterruptedExecution).get(interruptedStep);
            assertThat(resumedReads).as("the restart resumed " + interruptedStep + " at its last commit")
                    .isLessThan(wholeReads);
            assertThat(crashed.publishedMetrics(JOB, MONTH)).isEqualTo(reference.publishedMetrics(JOB, MONTH));
            assertThat(JarRun.publishedReconciliationFindings(crashed, MONTH)).isEqualTo(JarRun.publishedReconciliationFindings(reference, MONTH)).isNotEmpty();
            for (String file : FILES) {
                Path expected = reference.outbox().resolve(JOB).resolve(MONTH).resolve(file);
                Path actual = crashed.outbox().resolve(JOB).resolve(MONTH).resolve(file);
                assertThat(expected).isRegularFile();
                assertThat(Files.mismatch(actual, expected)).as(file + " differs from the uninterrupted run's at byte")
                        .isEqualTo(-1L);
            }
            assertThat(Outbox.readSummary(crashed.outbox().resolve(JOB).resolve(MONTH).resolve(Outbox.SUMMARY)).metrics())
                    .isEqualTo(Outbox.readSummary(reference.outbox().resolve(JOB).resolve(MONTH).resolve(Outbox.SUMMARY))
                            .metrics());
        }
    }
}
