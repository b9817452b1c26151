package dev.custos.scheduler.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.custos.common.outbox.Outbox;
import dev.custos.common.period.Period;
import dev.custos.jobs.training.sample.TrainingSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.Installation.Run;

/**
 * A run killed with SIGKILL in the middle of a chunked step is marked FAILED by stale-run
 * recovery and resumed by {@code custos restart} at that step's last commit; its published
 * figures and files are those of a run that was never interrupted.
 */
@Timeout(600)
class CrashRestartIT {

    private static final String JOB = "training-coverage";
    private static final String PERIOD = "2026-Q3";
    private static final String CHUNK_SIZE = "--custos.chunk-size=500";
    /** trainingCompletionsImportStep and trainingCoverageStep, the long chunked steps. */
    private static final String CHUNKED_STEP = "trainingCo%Step";
    private static final List<String> FILES = List.of("gaps.csv", "coverage_by_department.csv", "rejects.csv");

    @TempDir
    Path dir;

    @Test
    void killedRunIsMarkedFailedAndItsRestartPublishesWhatAnUninterruptedRunWould() throws Exception {
        Path inbox = dir.resolve("inbox");
        // large enough that the completions import takes several seconds in chunks of 500
        TrainingSampleData.write(inbox, Period.parse(PERIOD), new TrainingSampleData.Sizes(20_000, 12, 150_000), 2026, true);

        try (Installation crashed = Installation.create(CrashRestartIT.class, dir.resolve("crashed"));
             Installation reference = Installation.create(CrashRestartIT.class, dir.resolve("reference"))) {
            JarRun run = JarRun.start(crashed, dir, "run", JOB, "--period", PERIOD, "--inbox", inbox.toString(), CHUNK_SIZE);
            String interruptedStep;
            try (run) {
                interruptedStep = run.awaitStepUnderWay(CHUNKED_STEP, 3);
                run.killDashNine();
            }
            assertThat(run.exitValue()).as("exit status of a process killed by SIGKILL").isEqualTo(128 + 9);
            List<Long> startedExecutions = JarRun.startedExecutions(crashed);
            assertThat(startedExecutions).as("the killed execution is left STARTED").hasSize(1);
            long killed = startedExecutions.get(0);
            assertThat(crashed.runs(JOB)).extracting(Run::status).containsExactly("STARTED");

            CommandResult restart = crashed.custos("restart", String.valueOf(killed), CHUNK_SIZE);

            assertThat(restart.exitCode()).as(restart.describe()).isZero();
            long restarted = JarRun.completedExecution(restart, JOB, PERIOD);
            Run killedRun = crashed.runs(JOB).get(0);
            assertThat(killedRun.executionId()).isEqualTo(killed);
            assertThat(killedRun.status()).isEqualTo("FAILED");
            assertThat(killedRun.exitMessage()).startsWith("stale execution recovered: process " + run.pid() + " on ")
                    .endsWith(" is gone");
            assertThat(JarRun.batchExecution(crashed, killed)).startsWith("FAILED: stale execution recovered: process "
                    + run.pid() + " on ");
            assertThat(crashed.runs(JOB)).extracting(Run::executionId, Run::status).last()
                    .isEqualTo(tuple(restarted, "COMPLETED"));
            Map<String, Long> restartedSteps = JarRun.stepReads(crashed, restarted);
            assertThat(restartedSteps).as("completed steps are not run again")
                    .doesNotContainKeys("trainingRosterImportStep", "trainingRequirementsImportStep")
                    .containsKey(interruptedStep);

            CommandResult uninterrupted = reference.custos("run", JOB, "--period", PERIOD, "--inbox", inbox.toString(),
                    CHUNK_SIZE);

            assertThat(uninterrupted.exitCode()).as(uninterrupted.describe()).isZero();
            long whole = JarRun.stepReads(reference, JarRun.completedExecution(uninterrupted, JOB, PERIOD))
                    .get(interruptedStep);
            assertThat(restartedSteps.get(interruptedStep)).as("the restart resumed " + interruptedStep + " at its last commit")
                    .isLessThan(whole);
            Map<String, Double> figures = reference.publishedMetrics(JOB, PERIOD);
            assertThat(figures.get("rows_rejected")).isPositive();
            assertThat(figures.get("in_scope")).isGreaterThan(15_000.0);
            assertThat(crashed.publishedMetrics(JOB, PERIOD)).isEqualTo(figures);
            for (String file : FILES) {
                Path expected = reference.outbox().resolve(JOB).resolve(PERIOD).resolve(file);
                Path actual = crashed.outbox().resolve(JOB).resolve(PERIOD).resolve(file);
                assertThat(expected).isRegularFile();
                assertThat(Files.mismatch(actual, expected)).as(file + " differs from the uninterrupted run's at byte")
                        .isEqualTo(-1L);
            }
            assertThat(Outbox.readSummary(crashed.outbox().resolve(JOB).resolve(PERIOD).resolve(Outbox.SUMMARY)).metrics())
                    .isEqualTo(Outbox.readSummary(reference.outbox().resolve(JOB).resolve(PERIOD).resolve(Outbox.SUMMARY))
                            .metrics());
        }
    }
}
