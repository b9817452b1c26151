package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.custos.common.period.Period;
import dev.custos.jobs.training.sample.TrainingSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.Installation.Run;

/**
 * {@code custos abandon} against MariaDB: a failed run that will not be resumed is given up, its
 * staged inputs (names among them) are deleted, it cannot be restarted, and the period runs afresh.
 */
@Timeout(300)
class AbandonCommandTest {

    private static final String JOB = "training-coverage";
    private static final List<String> STAGING = List.of("tc_employee_stage", "tc_requirement_stage",
            "tc_completion_stage");
    private static final Pattern OUTCOME = Pattern.compile("^training-coverage (\\S+): (\\w+) \\(execution (\\d+)\\)$");

    @TempDir
    static Path dir;

    static Installation installation;

    @BeforeAll
    static void createInstallationWithSampleInputs() {
        installation = Installation.create(AbandonCommandTest.class, dir.resolve("custos"));
        TrainingSampleData.write(installation.inbox(JOB, "2026-Q1"), Period.parse("2026-Q1"),
                TrainingSampleData.Sizes.demo(), 42, true);
        TrainingSampleData.write(installation.inbox(JOB, "2025-Q4"), Period.parse("2025-Q4"),
                TrainingSampleData.Sizes.demo(), 43, true);
    }

    @AfterAll
    static void dropInstallation() {
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    void abandonedFailedRunKeepsNoStagedRowsCannotBeRestartedAndThePeriodRunsAfresh() throws IOException {
        Path inbox = Files.createDirectories(dir.resolve("partial-inbox"));
        copyInput(inbox, TrainingSampleData.ROSTER_FILE);
        copyInput(inbox, TrainingSampleData.REQUIREMENTS_FILE);
        CommandResult failed = installation.custos("run", JOB, "--period", "2026-Q1", "--inbox", inbox.toString());
        assertThat(failed.exitCode()).as(failed.describe()).isEqualTo(ExitCodes.FAILED);
        long failedExecution = executionOf(failed, "2026-Q1", "FAILED");
        long failedInstance = instanceOf(failedExecution);
        assertThat(stagedRows(failedInstance)).as("the roster is staged, names included").isPositive();
        assertThat(stagingPartitions(failedInstance)).as("its own partition of each staging table").isEqualTo(3);

        CommandResult abandon = installation.custos("abandon", String.valueOf(failedExecution),
                "--reason", "HR sends a corrected roster\nnext week");

        assertThat(abandon.exitCode()).as(abandon.describe()).isZero();
        assertThat(abandon.outLines()).as(abandon.describe()).containsExactly(
                "training-coverage 2026-Q1: execution " + failedExecution + " ABANDONED; its staging rows are deleted",
                "run the period again with: custos run training-coverage --period 2026-Q1");
        assertThat(stagedRows(failedInstance)).as("staging rows of the abandoned instance").isZero();
        assertThat(stagingPartitions(failedInstance)).as("partitions of the abandoned instance").isZero();
        assertThat(installation.runs(JOB)).filteredOn(run -> run.executionId() == failedExecution)
                .extracting(Run::status, Run::exitMessage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ABANDONED",
                        "abandoned: HR sends a corrected roster next week"));
        assertThat(installation.queryLong("SELECT STATUS = 'ABANDONED' FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                failedExecution)).as("Batch knows it abandoned").isEqualTo(1);

        CommandResult restart = installation.custos("restart", String.valueOf(failedExecution));

        assertThat(restart.exitCode()).as(restart.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(restart.errLines()).as(restart.describe()).containsExactly("custos: execution " + failedExecution
                + " of training-coverage 2026-Q1 was abandoned and its staged inputs deleted, so it cannot be resumed;"
                + " run the period again with: custos run training-coverage --period 2026-Q1");
        List<String> audited = new java.util.ArrayList<>();
        installation.query("SELECT action, actor, role, reason, outcome FROM " + installation.database().resultsSchema()
                + ".operator_audit WHERE target = ? ORDER BY id", rs -> audited.add(String.join("|", rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))), "execution " + failedExecution);
        assertThat(audited).as("the abandon is audited with its reason; the refused restart is not").containsExactly(
                "abandon|" + System.getProperty("user.name") + "|SHELL|HR sends a corrected roster\nnext week|ABANDONED");

        copyInput(inbox, TrainingSampleData.COMPLETIONS_FILE);
        CommandResult again = installation.custos("run", JOB, "--period", "2026-Q1", "--inbox", inbox.toString());

        assertThat(again.exitCode()).as(again.describe()).isZero();
        long againExecution = executionOf(again, "2026-Q1", "COMPLETED");
        assertThat(instanceOf(againExecution)).as("a new instance").isNotEqualTo(failedInstance);
        assertThat(installation.queryLong("SELECT rerun FROM " + installation.database().resultsSchema()
                + ".run WHERE execution_id = ?", againExecution)).isEqualTo(1);
        Map<String, Double> afterAbandon = installation.publishedMetrics(JOB, "2026-Q1");
        assertThat(afterAbandon).containsKeys("in_scope", "covered", "coverage", "rows_read");

        CommandResult clean = installation.custos("run", JOB, "--period", "2026-Q1", "--rerun", "--inbox",
                inbox.toString());
        assertThat(clean.exitCode()).as(clean.describe()).isZero();
        assertThat(installation.publishedMetrics(JOB, "2026-Q1")).as("results equal a clean run's")
                .isEqualTo(afterAbandon);
    }

    @Test
    void aCompletedRunIsNotAbandonedAndAnUnknownOneIsAUsageError() {
        CommandResult run = installation.custos("run", JOB, "--period", "2025-Q4");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        long completed = executionOf(run, "2025-Q4", "COMPLETED");

        CommandResult abandon = installation.custos("abandon", String.valueOf(completed));

        assertThat(abandon.exitCode()).as(abandon.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(abandon.errLines()).as(abandon.describe()).containsExactly("custos: execution " + completed
                + " of training-coverage 2025-Q4 cannot be abandoned: its run completed as execution " + completed);
        assertThat(installation.publishedMetrics(JOB, "2025-Q4")).isNotEmpty();

        CommandResult unknown = installation.custos("abandon", "987654321");
        assertThat(unknown.exitCode()).as(unknown.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.errLines()).as(unknown.describe()).hasSize(1);
    }

    private static long stagingPartitions(long instance) {
        return installation.queryLong("SELECT COUNT(*) FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = ? "
                + "AND PARTITION_NAME = ?", installation.database().resultsSchema(), "p" + instance);
    }

    private static long stagedRows(long instance) {
        String schema = installation.database().resultsSchema();
        long rows = 0;
        for (String table : STAGING) {
            rows += installation.queryLong("SELECT COUNT(*) FROM " + schema + "." + table + " WHERE job_instance_id = ?",
                    instance);
        }
        return rows;
    }

    private static long instanceOf(long execution) {
        return installation.queryLong("SELECT job_instance_id FROM " + installation.database().resultsSchema()
                + ".run WHERE execution_id = ?", execution);
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

    private static void copyInput(Path to, String file) throws IOException {
        Files.copy(installation.inbox(JOB, "2026-Q1").resolve(file), to.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
}
