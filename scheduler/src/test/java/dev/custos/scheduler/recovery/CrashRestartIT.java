package dev.custos.scheduler.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.custos.common.outbox.Outbox;
import dev.custos.common.period.Period;
import dev.custos.jobs.training.TrainingSampleData;
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
    private static final List<String> CHUNKED_STEPS = List.of("trainingCompletionsImportStep", "trainingCoverageStep");
    private static final String STEP_UNDER_WAY = """
            SELECT STEP_NAME FROM BATCH_STEP_EXECUTION
            WHERE STATUS = 'STARTED' AND COMMIT_COUNT >= 3 AND STEP_NAME IN (?, ?)""";
    private static final String BATCH_TABLES = """
            SELECT COUNT(*) FROM information_schema.tables
            WHERE table_schema = DATABASE() AND table_name = 'BATCH_STEP_EXECUTION'""";
    private static final List<String> FILES = List.of("gaps.csv", "coverage_by_department.csv", "rejects.csv");
    private static final Pattern COMPLETED = Pattern.compile("^training-coverage 2026-Q3: COMPLETED \\(execution (\\d+)\\)$",
            Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void killedRunIsMarkedFailedAndItsRestartPublishesWhatAnUninterruptedRunWould() throws Exception {
        Path inbox = dir.resolve("inbox");
        // large enough that the completions import takes several seconds in chunks of 500
        TrainingSampleData.write(inbox, Period.parse(PERIOD), new TrainingSampleData.Sizes(20_000, 12, 150_000), 2026, true);

        try (Installation crashed = Installation.create(CrashRestartIT.class, dir.resolve("crashed"));
             Installation reference = Installation.create(CrashRestartIT.class, dir.resolve("reference"))) {
            Process run = startJar(crashed, "run", JOB, "--period", PERIOD, "--inbox", inbox.toString(), CHUNK_SIZE);
            String interruptedStep;
            try {
                interruptedStep = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                        .until(() -> stepUnderWay(crashed, run), Objects::nonNull);
                killDashNine(run);
            } finally {
                run.destroyForcibly();
            }
            assertThat(run.exitValue()).as("exit status of a process killed by SIGKILL").isEqualTo(128 + 9);
            List<Long> startedExecutions = new ArrayList<>();
            crashed.query("SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION WHERE STATUS = 'STARTED'",
                    rs -> startedExecutions.add(rs.getLong(1)));
            assertThat(startedExecutions).as("the killed execution is left STARTED").hasSize(1);
            long killed = startedExecutions.get(0);
            assertThat(crashed.runs(JOB)).extracting(Run::status).containsExactly("STARTED");

            CommandResult restart = crashed.custos("restart", String.valueOf(killed), CHUNK_SIZE);

            assertThat(restart.exitCode()).as(restart.describe()).isZero();
            long restarted = executionOf(restart);
            Run killedRun = crashed.runs(JOB).get(0);
            assertThat(killedRun.executionId()).isEqualTo(killed);
            assertThat(killedRun.status()).isEqualTo("FAILED");
            assertThat(killedRun.exitMessage()).startsWith("stale execution recovered: process " + run.pid() + " on ")
                    .endsWith(" is gone");
            assertThat(batchExecution(crashed, killed)).startsWith("FAILED: stale execution recovered: process "
                    + run.pid() + " on ");
            assertThat(crashed.runs(JOB)).extracting(Run::executionId, Run::status).last()
                    .isEqualTo(tuple(restarted, "COMPLETED"));
            Map<String, Long> restartedSteps = stepReads(crashed, restarted);
            assertThat(restartedSteps).as("completed steps are not run again")
                    .doesNotContainKeys("trainingRosterImportStep", "trainingRequirementsImportStep")
                    .containsKey(interruptedStep);

            CommandResult uninterrupted = reference.custos("run", JOB, "--period", PERIOD, "--inbox", inbox.toString(),
                    CHUNK_SIZE);

            assertThat(uninterrupted.exitCode()).as(uninterrupted.describe()).isZero();
            long whole = stepReads(reference, executionOf(uninterrupted)).get(interruptedStep);
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

    /** {@code java -jar custos.jar args...} against the installation, output kept in files beside it. */
    private Process startJar(Installation installation, String... args) throws IOException {
        String jar = System.getProperty("custos.jar");
        assertThat(jar).as("system property custos.jar (set by failsafe)").isNotNull();
        assertThat(Path.of(jar)).isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar));
        command.addAll(List.of(installation.args(args)));
        return new ProcessBuilder(command)
                .redirectOutput(dir.resolve("run.out").toFile())
                .redirectError(dir.resolve("run.err").toFile())
                .start();
    }

    /** The chunked step the run is in once it has committed a few chunks, or null. */
    private String stepUnderWay(Installation installation, Process run) throws IOException {
        if (!run.isAlive()) {
            throw new AssertionError("the run ended (exit " + run.exitValue() + ") before it could be killed:\n"
                    + Files.readString(dir.resolve("run.out")) + Files.readString(dir.resolve("run.err")));
        }
        if (installation.queryLong(BATCH_TABLES) == 0) {
            return null; // not migrated yet: the process is still starting
        }
        List<String> steps = new ArrayList<>();
        installation.query(STEP_UNDER_WAY, rs -> steps.add(rs.getString(1)), CHUNKED_STEPS.toArray());
        return steps.isEmpty() ? null : steps.get(0);
    }

    private static void killDashNine(Process process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the killed process is gone").isTrue();
    }

    private static long executionOf(CommandResult result) {
        Matcher matcher = COMPLETED.matcher(result.out());
        assertThat(matcher.find()).as(result.describe()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** "STATUS: EXIT_MESSAGE" of a job execution in the Batch tables. */
    private static String batchExecution(Installation installation, long execution) {
        List<String> status = new ArrayList<>();
        installation.query("SELECT STATUS, EXIT_MESSAGE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                rs -> status.add(rs.getString(1) + ": " + rs.getString(2)), execution);
        return status.get(0);
    }

    /** Items read by each step of an execution, by step name. */
    private static Map<String, Long> stepReads(Installation installation, long execution) {
        Map<String, Long> reads = new LinkedHashMap<>();
        installation.query("SELECT STEP_NAME, READ_COUNT FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                rs -> reads.put(rs.getString(1), rs.getLong(2)), execution);
        return reads;
    }
}
