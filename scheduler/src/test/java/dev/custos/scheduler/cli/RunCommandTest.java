package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.custos.common.outbox.Outbox;
import dev.custos.common.outbox.Summary;
import dev.custos.common.period.Period;
import dev.custos.common.results.Metric;
import dev.custos.common.results.RunRecorder;
import dev.custos.jobs.training.sample.TrainingSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.Installation.Run;

/**
 * {@code custos run}, {@code restart}, {@code executions} and {@code backfill} against MariaDB:
 * one instance per period, a completed period is not run twice, a rerun replaces the period's
 * results, a failed run is resumed by restart, a backfill goes in order and stops at a failure.
 * Each test works on periods of its own, so they share one installation.
 */
@Timeout(300)
class RunCommandTest {

    private static final String JOB = "training-coverage";
    private static final Pattern OUTCOME = Pattern.compile("^training-coverage (\\S+): (\\w+) \\(execution (\\d+)\\)$");

    @TempDir
    static Path dir;

    static Installation installation;

    @BeforeAll
    static void createInstallationWithSampleInputs() {
        installation = Installation.create(RunCommandTest.class, dir.resolve("custos"));
        for (String quarter : List.of("2026-Q3", "2025-Q1", "2025-Q2", "2025-Q3", "2024-Q1")) {
            TrainingSampleData.write(installation.inbox(JOB, quarter), Period.parse(quarter),
                    TrainingSampleData.Sizes.demo(), quarter.hashCode(), true);
        }
        TrainingSampleData.write(dir.resolve("2026-Q2-files"), Period.parse("2026-Q2"), TrainingSampleData.Sizes.demo(),
                43, true);
    }

    @AfterAll
    static void dropInstallation() {
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    void completedPeriodIsNotRunTwiceAndARerunReplacesItsResults() {
        CommandResult first = installation.custos("run", JOB, "--period", "2026-Q3");

        assertThat(first.exitCode()).as(first.describe()).isZero();
        long firstExecution = executionOf(first, "2026-Q3", "COMPLETED");
        assertThat(first.out()).contains("coverage", "in_scope", "covered", "rows_read", "target 1");
        assertThat(first.err()).isEmpty();
        Map<String, Double> firstMetrics = installation.publishedMetrics(JOB, "2026-Q3");
        assertThat(firstMetrics).containsKeys("in_scope", "covered", "coverage", "rows_read", "rows_accepted",
                "rows_rejected");
        assertThat(firstMetrics.get("rows_rejected")).isPositive();
        assertThat(summaryMetrics("2026-Q3")).isEqualTo(firstMetrics);
        assertThat(summary("2026-Q3").executionId()).isEqualTo(firstExecution);

        CommandResult again = installation.custos("run", JOB, "--period", "2026-Q3");

        assertThat(again.exitCode()).as(again.describe()).isEqualTo(ExitCodes.ALREADY_COMPLETED);
        assertThat(again.errLines()).as(again.describe()).hasSize(1);
        assertThat(again.errLines().get(0)).startsWith("custos: ")
                .contains("already completed by execution " + firstExecution);
        assertThat(installation.runs(JOB)).filteredOn(run -> run.period().equals("2026-Q3")).hasSize(1);

        CommandResult restart = installation.custos("restart", Long.toString(firstExecution));

        assertThat(restart.exitCode()).as(restart.describe()).isEqualTo(ExitCodes.ALREADY_COMPLETED);
        assertThat(restart.errLines()).as(restart.describe()).hasSize(1);
        assertThat(restart.errLines().get(0)).startsWith("custos: ")
                .contains("already completed by execution " + firstExecution)
                .contains("custos run " + JOB + " --period 2026-Q3 --rerun");

        CommandResult rerun = installation.custos("run", JOB, "--period", "2026-Q3", "--rerun");

        assertThat(rerun.exitCode()).as(rerun.describe()).isZero();
        long rerunExecution = executionOf(rerun, "2026-Q3", "COMPLETED");
        assertThat(rerunExecution).isNotEqualTo(firstExecution);
        assertThat(installation.publishedMetrics(JOB, "2026-Q3")).isEqualTo(firstMetrics);
        assertThat(summaryMetrics("2026-Q3")).isEqualTo(firstMetrics);
        assertThat(summary("2026-Q3").executionId()).isEqualTo(rerunExecution);
        List<String> audited = new ArrayList<>();
        installation.query("SELECT actor, role, outcome FROM " + installation.database().resultsSchema()
                + ".operator_audit WHERE action = 'rerun' AND target = ?", rs -> audited.add(String.join("|",
                rs.getString(1), rs.getString(2), rs.getString(3))), JOB + " 2026-Q3");
        assertThat(audited).as("a rerun from the command line is in the operator audit log with the OS user")
                .containsExactly(System.getProperty("user.name") + "|SHELL|COMPLETED");
        assertThat(coverageRowsOf("2026-Q3")).as("detail rows of the period, not doubled")
                .isEqualTo(firstMetrics.get("in_scope").longValue());

        CommandResult executions = installation.custos("executions", "--job", JOB);

        assertThat(executions.exitCode()).as(executions.describe()).isZero();
        assertThat(executions.outLines())
                .anyMatch(line -> line.matches(firstExecution + " +training-coverage +2026-Q3 +0 +COMPLETED .*"))
                .anyMatch(line -> line.matches(rerunExecution + " +training-coverage +2026-Q3 +1 +COMPLETED .*"));
        assertThat(executions.outLines().get(0)).contains("FIGURES (summary.json)").doesNotContain("READ", "WRITTEN");
        assertThat(executions.outLines()).as("the counts are the summary's")
                .anyMatch(line -> line.startsWith(rerunExecution + " ") && line.contains("rows_read=%d rows_accepted=%d "
                        .formatted(firstMetrics.get("rows_read").longValue(), firstMetrics.get("rows_accepted").longValue())
                        + "rows_rejected=" + firstMetrics.get("rows_rejected").longValue() + " "));

        CommandResult json = installation.custos("executions", "--job", JOB, "--period", "2026-q3", "--format", "json");

        assertThat(json.exitCode()).as(json.describe()).isZero();
        List<Map<String, Object>> listed = JsonMapper.builder().build().readValue(json.out(),
                new TypeReference<List<Map<String, Object>>>() { });
        assertThat(listed).extracting(execution -> ((Number) execution.get("executionId")).longValue())
                .as("newest first, the period's only").containsExactly(rerunExecution, firstExecution);
        assertThat(listed.get(0)).containsOnlyKeys("executionId", "job", "period", "rerun", "status", "startedAt",
                        "endedAt", "seconds", "figures", "message")
                .containsEntry("job", JOB).containsEntry("period", "2026-Q3").containsEntry("rerun", 1)
                .containsEntry("status", "COMPLETED");
        assertThat((String) listed.get(0).get("startedAt")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat((String) listed.get(0).get("endedAt")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat((Map<String, Object>) listed.get(0).get("figures")).as("the summary's figures")
                .containsEntry("rows_read", firstMetrics.get("rows_read"))
                .containsEntry("rows_accepted", firstMetrics.get("rows_accepted"))
                .containsEntry("rows_rejected", firstMetrics.get("rows_rejected"));
    }

    @Test
    void runWithAMissingInputFailsNamingTheFileAndRestartResumesOnceItIsThere() throws IOException {
        Path inbox = Files.createDirectories(dir.resolve("partial-inbox"));
        Path q2Files = dir.resolve("2026-Q2-files");
        copyInput(q2Files, inbox, TrainingSampleData.ROSTER_FILE);
        copyInput(q2Files, inbox, TrainingSampleData.REQUIREMENTS_FILE);

        CommandResult failed = installation.custos("run", JOB, "--period", "2026-Q2", "--inbox", inbox.toString());

        assertThat(failed.exitCode()).as(failed.describe()).isEqualTo(ExitCodes.FAILED);
        long failedExecution = executionOf(failed, "2026-Q2", "FAILED");
        assertThat(failed.errLines()).as(failed.describe()).hasSize(2);
        assertThat(failed.errLines().get(0)).startsWith("custos: training-coverage 2026-Q2 failed: ")
                .contains(TrainingSampleData.COMPLETIONS_FILE);
        assertThat(failed.errLines().get(1))
                .isEqualTo("custos: fix the cause, then resume with: custos restart " + failedExecution);
        assertThat(failed.showsStackTrace()).as(failed.describe()).isFalse();
        assertThat(installation.publishedMetrics(JOB, "2026-Q2")).isEmpty();

        copyInput(q2Files, inbox, TrainingSampleData.COMPLETIONS_FILE);
        CommandResult restarted = installation.custos("restart", String.valueOf(failedExecution));

        assertThat(restarted.exitCode()).as(restarted.describe()).isZero();
        long restartedExecution = executionOf(restarted, "2026-Q2", "COMPLETED");
        assertThat(restartedExecution).isGreaterThan(failedExecution);
        assertThat(installation.publishedMetrics(JOB, "2026-Q2")).containsKeys("in_scope", "coverage");
        assertThat(installation.runs(JOB)).filteredOn(run -> run.period().equals("2026-Q2"))
                .extracting(Run::executionId, Run::status)
                .containsExactly(tuple(failedExecution, "FAILED"),
                        tuple(restartedExecution, "COMPLETED"));
        assertThat(stepsOf(restartedExecution)).as("the restart resumes at the failed step")
                .doesNotContain("trainingRosterImportStep", "trainingRequirementsImportStep")
                .contains("trainingCompletionsImportStep", "trainingPublishStep");
        List<String> audited = new ArrayList<>();
        installation.query("SELECT actor, role, outcome, client_address FROM " + installation.database().resultsSchema()
                + ".operator_audit WHERE action = 'restart' AND target = ?", rs -> audited.add(String.join("|",
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))), "execution " + failedExecution);
        assertThat(audited).as("the restart is in the operator audit log with the OS user").containsExactly(
                System.getProperty("user.name") + "|SHELL|COMPLETED|command line on " + RunRecorder.hostName());
    }

    @Test
    void backfillRunsThePeriodsInOrderAndSkipsCompletedOnes() {
        CommandResult earlier = installation.custos("run", JOB, "--period", "2025-Q2");
        assertThat(earlier.exitCode()).as(earlier.describe()).isZero();
        long q2Execution = executionOf(earlier, "2025-Q2", "COMPLETED");

        CommandResult backfill = installation.custos("backfill", JOB, "--from", "2025-Q1", "--to", "2025-Q3");

        assertThat(backfill.exitCode()).as(backfill.describe()).isZero();
        assertThat(backfill.err()).isEmpty();
        List<String> lines = backfill.outLines();
        int q1 = indexOf(lines, "training-coverage 2025-Q1: COMPLETED (execution ");
        int q2 = indexOf(lines, "training-coverage 2025-Q2: already completed (execution " + q2Execution + "), skipped");
        int q3 = indexOf(lines, "training-coverage 2025-Q3: COMPLETED (execution ");
        assertThat(q1).as(backfill.describe()).isNotNegative().isLessThan(q2);
        assertThat(q2).isLessThan(q3);
        List<Run> runs = installation.runs(JOB).stream().filter(run -> run.period().startsWith("2025-")).toList();
        assertThat(runs).extracting(Run::period).containsExactly("2025-Q2", "2025-Q1", "2025-Q3");
        assertThat(runs).extracting(Run::status).containsOnly("COMPLETED");
        for (Run run : runs) {
            assertThat(inboxOf(run.executionId())).as("each period reads its own folder")
                    .isEqualTo(installation.inbox(JOB, run.period()).toAbsolutePath().normalize().toString());
        }
    }

    @Test
    void backfillStopsAtTheFirstPeriodThatFails() throws IOException {
        CommandResult earlier = installation.custos("run", JOB, "--period", "2024-Q1");
        assertThat(earlier.exitCode()).as(earlier.describe()).isZero();
        // an inbox root whose periods still to run have no roster: each of them fails
        Path broken = Files.createDirectories(dir.resolve("inbox-without-roster"));
        for (String quarter : List.of("2024-Q2", "2024-Q3")) {
            Path folder = Files.createDirectories(broken.resolve(JOB).resolve(quarter));
            copyInput(installation.inbox(JOB, "2024-Q1"), folder, TrainingSampleData.REQUIREMENTS_FILE);
            copyInput(installation.inbox(JOB, "2024-Q1"), folder, TrainingSampleData.COMPLETIONS_FILE);
        }

        CommandResult backfill = installation.custos("backfill", JOB, "--from", "2024-Q1", "--to", "2024-Q3",
                "--inbox", broken.toString());

        assertThat(backfill.exitCode()).as(backfill.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(backfill.out()).contains("training-coverage 2024-Q1: already completed (execution ");
        long failedExecution = executionOf(backfill, "2024-Q2", "FAILED");
        assertThat(backfill.errLines()).as(backfill.describe()).containsExactly(
                backfill.errLines().get(0),
                "custos: fix the cause, then resume with: custos restart " + failedExecution,
                "custos: backfill stopped at 2024-Q2");
        assertThat(backfill.errLines().get(0)).startsWith("custos: training-coverage 2024-Q2 failed: ")
                .contains(TrainingSampleData.ROSTER_FILE);
        assertThat(installation.runs(JOB)).extracting(Run::period).doesNotContain("2024-Q3");
        assertThat(backfill.showsStackTrace()).as(backfill.describe()).isFalse();
    }

    private static long executionOf(CommandResult result, String period, String status) {
        for (String line : result.outLines()) {
            Matcher matcher = OUTCOME.matcher(line);
            if (matcher.matches() && matcher.group(1).equals(period) && matcher.group(2).equals(status)) {
                return Long.parseLong(matcher.group(3));
            }
        }
        throw new AssertionError("no line 'training-coverage " + period + ": " + status + " (execution N)' in\n"
                + result.describe());
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static Summary summary(String period) {
        return Outbox.readSummary(installation.outbox().resolve(JOB).resolve(period).resolve(Outbox.SUMMARY));
    }

    private static Map<String, Double> summaryMetrics(String period) {
        return summary(period).metrics().stream().collect(Collectors.toMap(Metric::name, Metric::value));
    }

    private static long coverageRowsOf(String period) {
        String schema = installation.database().resultsSchema();
        return installation.queryLong("SELECT COUNT(*) FROM " + schema + ".training_coverage t WHERE t.job_instance_id IN "
                + "(SELECT job_instance_id FROM " + schema + ".run WHERE job = ? AND period = ?)", JOB, period);
    }

    private static String inboxOf(long executionId) {
        List<String> inbox = new ArrayList<>();
        installation.query("SELECT PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ? "
                + "AND PARAMETER_NAME = 'inbox'", rs -> inbox.add(rs.getString(1)), executionId);
        assertThat(inbox).hasSize(1);
        return inbox.get(0);
    }

    private static List<String> stepsOf(long executionId) {
        List<String> steps = new ArrayList<>();
        installation.query("SELECT STEP_NAME FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? ORDER BY STEP_EXECUTION_ID",
                rs -> steps.add(rs.getString(1)), executionId);
        return steps;
    }

    private static void copyInput(Path from, Path to, String file) throws IOException {
        Files.copy(from.resolve(file), to.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
}
