package dev.custos.scheduler.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.custos.common.period.Period;
import dev.custos.jobs.training.sample.TrainingSampleData;
import dev.custos.scheduler.CustosApplication;
import dev.custos.scheduler.InProcess;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.Installation.Run;

/**
 * The serve node's sweep: a failed run that nobody restarted within {@code custos.staging.keep-failed}
 * is abandoned and its staged inputs deleted; a younger one is left for an operator to resume.
 */
@Timeout(300)
class FailedRunSweepTest {

    private static final String JOB = "training-coverage";
    private static final List<String> STAGING = List.of("tc_employee_stage", "tc_requirement_stage",
            "tc_completion_stage");

    @TempDir
    static Path dir;

    static Installation installation;
    static ConfigurableApplicationContext node;

    @BeforeAll
    static void startANodeKeepingFailedRunsTwoSeconds() {
        installation = Installation.create(FailedRunSweepTest.class, dir.resolve("home"));
        List<String> args = new ArrayList<>(installation.overrides());
        args.addAll(List.of("--custos.quartz.enabled=false", "--custos.staging.keep-failed=PT2S",
                "--spring.autoconfigure.exclude=org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration"));
        node = InProcess.run(() -> new SpringApplication(CustosApplication.class).run(args.toArray(String[]::new)));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    void failedRunNotRestartedWithinKeepFailedIsAbandonedAndItsStagingPurged() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("without-completions"));
        TrainingSampleData.write(dir.resolve("full"), Period.parse("2026-Q1"), TrainingSampleData.Sizes.demo(), 7, true);
        for (String file : List.of(TrainingSampleData.ROSTER_FILE, TrainingSampleData.REQUIREMENTS_FILE)) {
            Files.copy(dir.resolve("full").resolve(file), inbox.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        RunOutcome failed = node.getBean(ControlLauncher.class).run(JOB, Period.parse("2026-Q1"), false, inbox, null);
        assertThat(failed.status()).isEqualTo("FAILED");
        long instance = instanceOf(failed.executionId());
        assertThat(stagedRows(instance)).isPositive();
        FailedRunSweep sweep = node.getBean(FailedRunSweep.class);

        assertThat(sweep.abandonExpiredFailedRuns()).as("a run failed just now is kept for a restart").isEmpty();
        assertThat(stagedRows(instance)).isPositive();

        Thread.sleep(3_000);
        List<Long> abandoned = sweep.abandonExpiredFailedRuns();

        assertThat(abandoned).containsExactly(failed.executionId());
        assertThat(stagedRows(instance)).as("staging rows of the abandoned instance").isZero();
        assertThat(installation.runs(JOB)).filteredOn(run -> run.executionId() == failed.executionId())
                .extracting(Run::status).containsExactly("ABANDONED");
        assertThat(installation.runs(JOB)).filteredOn(run -> run.executionId() == failed.executionId())
                .extracting(Run::exitMessage).singleElement().asString()
                .isEqualTo("abandoned: failed and not restarted within custos.staging.keep-failed (PT2S)");
        assertThat(sweep.abandonExpiredFailedRuns()).as("an abandoned run is not swept again").isEmpty();
    }

    @Test
    void stagingRowsOfARunAbandonedWhoseRemovalFailedAreRemovedByTheNextSweep() throws Exception {
        RunOutcome failed = node.getBean(ControlLauncher.class).run(JOB, Period.parse("2026-Q3"), false,
                inboxWithoutCompletions("q3"), null);
        assertThat(failed.status()).isEqualTo("FAILED");
        long instance = instanceOf(failed.executionId());
        assertThat(stagedRows(instance)).isPositive();
        assertThat(partitionsOf(instance)).isPositive();
        markAbandonedLeavingItsStaging(failed.executionId());

        List<Long> abandoned = node.getBean(FailedRunSweep.class).abandonExpiredFailedRuns();

        assertThat(abandoned).as("already abandoned").doesNotContain(failed.executionId());
        assertThat(stagedRows(instance)).as("staging rows of the abandoned instance").isZero();
        assertThat(partitionsOf(instance)).as("its staging partitions").isZero();
    }

    /* what an abandon leaves when its removal of the staging rows fails after the run was marked ABANDONED */
    private static void markAbandonedLeavingItsStaging(long execution) throws SQLException {
        try (Connection connection = installation.database().connect();
             PreparedStatement update = connection.prepareStatement("UPDATE " + installation.database().resultsSchema()
                     + ".run SET status = 'ABANDONED' WHERE execution_id = ?")) {
            update.setLong(1, execution);
            assertThat(update.executeUpdate()).isOne();
        }
    }

    private static Path inboxWithoutCompletions(String name) throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("without-completions-" + name));
        TrainingSampleData.write(dir.resolve("full-" + name), Period.parse("2026-Q3"), TrainingSampleData.Sizes.demo(),
                7, true);
        for (String file : List.of(TrainingSampleData.ROSTER_FILE, TrainingSampleData.REQUIREMENTS_FILE)) {
            Files.copy(dir.resolve("full-" + name).resolve(file), inbox.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        return inbox;
    }

    private static long partitionsOf(long instance) {
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
}
