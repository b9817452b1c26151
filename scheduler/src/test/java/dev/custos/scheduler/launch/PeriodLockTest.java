package dev.custos.scheduler.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.custos.common.period.Period;
import dev.custos.common.results.PeriodBusyException;
import dev.custos.common.results.PeriodLock;
import dev.custos.common.results.RunRecorder;
import dev.custos.jobs.reconciliation.sample.ReconciliationSampleData;
import dev.custos.scheduler.CustosApplication;
import dev.custos.scheduler.InProcess;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.recovery.StaleExecutionRecovery;

/**
 * The hold of a (job, period) through the launcher, with two threads of one node each starting
 * the job with its own JobOperator call, and with holders that died or still live.
 */
@Timeout(600)
class PeriodLockTest {

    private static final String JOB = "permission-reconciliation";
    private static final Period MONTH = Period.parse("2026-10");
    private static final String ALL_FINDINGS = "SELECT COUNT(*) FROM %s.reconciliation_finding";
    private static final String PUBLISHED_FINDINGS = """
            SELECT COUNT(*) FROM %1$s.reconciliation_finding f
            JOIN %1$s.period_result p ON p.job_instance_id = f.job_instance_id
            WHERE p.job = ? AND p.period = ?""";
    private static final String PLANT_HOLD = """
            INSERT INTO %s.period_lock (job, period, holder, execution_id, host, pid, acquired_at, heartbeat_at)
            VALUES (?, ?, 'planted', ?, ?, ?, ?, ?)""";

    @TempDir
    static Path dir;

    static Installation installation;
    static ConfigurableApplicationContext node;
    static ControlLauncher launcher;
    static Path inbox;
    static long cleanFindings;

    @BeforeAll
    static void startANodeAndRunTheMonth() {
        inbox = dir.resolve("inbox");
        ReconciliationSampleData.write(inbox, MONTH, new ReconciliationSampleData.Sizes(1_000, 20_000), 2026, 11, true);
        installation = Installation.create(PeriodLockTest.class, dir.resolve("home"));
        List<String> args = new ArrayList<>(installation.overrides());
        args.addAll(List.of("--custos.quartz.enabled=false", "--custos.chunk-size=200", "--custos.heartbeat-seconds=1",
                "--spring.autoconfigure.exclude=org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration"));
        node = InProcess.run(() -> new SpringApplication(CustosApplication.class).run(args.toArray(String[]::new)));
        launcher = node.getBean(ControlLauncher.class);
        assertThat(launcher.run(JOB, MONTH, false, inbox, null).completed()).isTrue();
        cleanFindings = publishedFindings();
        assertThat(cleanFindings).isPositive();
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

    @AfterEach
    void removePlantedHolds() throws Exception {
        try (var connection = installation.database().connect(); var delete = connection.createStatement()) {
            delete.executeUpdate("DELETE FROM %s.period_lock".formatted(installation.database().resultsSchema()));
        }
    }

    @RepeatedTest(3)
    void concurrentRerunsOfOnePeriodLetExactlyOneWrite() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<RunOutcome>> launches = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                launches.add(threads.submit(() -> {
                    together.await();
                    return launcher.run(JOB, MONTH, true, inbox, null);
                }));
            }
            List<RunOutcome> completed = new ArrayList<>();
            List<Throwable> refused = new ArrayList<>();
            for (Future<RunOutcome> launch : launches) {
                try {
                    completed.add(launch.get(5, TimeUnit.MINUTES));
                } catch (java.util.concurrent.ExecutionException e) {
                    refused.add(e.getCause());
                }
            }
            assertThat(completed).hasSize(1);
            assertThat(completed.get(0).completed()).as(completed.get(0).message()).isTrue();
            assertThat(refused).hasSize(1);
            assertThat(refused.get(0)).isInstanceOf(PeriodBusyException.class)
                    .hasMessageStartingWith("%s %s is already running as execution %d on ".formatted(JOB, MONTH,
                            completed.get(0).executionId()));
        } finally {
            threads.shutdownNow();
        }
        assertThat(publishedFindings()).isEqualTo(cleanFindings);
        assertThat(installation.queryLong(ALL_FINDINGS.formatted(installation.database().resultsSchema())))
                .isEqualTo(cleanFindings);
    }

    @Test
    void aLiveHolderRefusesTheRunAndADeadOnesHoldIsTakenOver() throws Exception {
        long live = ProcessHandle.current().parent().orElseThrow().pid();
        plantHold(4242L, live, LocalDateTime.now());
        assertThatThrownBy(() -> launcher.run(JOB, MONTH, true, inbox, null))
                .isInstanceOf(PeriodBusyException.class)
                .hasMessageStartingWith("%s %s is already running as execution 4242 on %s (pid %d) since "
                        .formatted(JOB, MONTH, RunRecorder.hostName(), live));
        removePlantedHolds();

        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        plantHold(4243L, finished.pid(), LocalDateTime.now());

        RunOutcome outcome = launcher.run(JOB, MONTH, true, inbox, null);

        assertThat(outcome.completed()).as(outcome.message()).isTrue();
        assertThat(publishedFindings()).isEqualTo(cleanFindings);
        assertThat(installation.queryLong("SELECT COUNT(*) FROM %s.period_lock"
                .formatted(installation.database().resultsSchema()))).isZero();
    }

    @Test
    void aHoldThisProcessLeftBehindWhenItsReleaseFailedIsTakenOver() throws Exception {
        plantHold(4244L, ProcessHandle.current().pid(), LocalDateTime.now());

        RunOutcome outcome = launcher.run(JOB, MONTH, true, inbox, null);

        assertThat(outcome.completed()).as(outcome.message()).isTrue();
        assertThat(publishedFindings()).isEqualTo(cleanFindings);
        assertThat(installation.queryLong("SELECT COUNT(*) FROM %s.period_lock"
                .formatted(installation.database().resultsSchema()))).isZero();
    }

    @Test
    void aHoldOfAnotherHostIsBrokenOnlyWhenItsHeartbeatIsStaleByTheDatabaseClock() throws Exception {
        String results = installation.database().resultsSchema();
        String plant = """
                INSERT INTO %s.period_lock (job, period, holder, execution_id, host, pid, acquired_at, heartbeat_at)
                VALUES (?, ?, 'elsewhere', 4245, 'another-node', 1, CURRENT_TIMESTAMP(3),
                        TIMESTAMPADD(SECOND, ?, CURRENT_TIMESTAMP(3)))""".formatted(results);
        try (var connection = installation.database().connect(); var insert = connection.prepareStatement(plant)) {
            insert.setString(1, JOB);
            insert.setString(2, MONTH.toString());
            insert.setInt(3, 0);
            insert.executeUpdate();
        }
        assertThatThrownBy(() -> launcher.run(JOB, MONTH, true, inbox, null))
                .isInstanceOf(PeriodBusyException.class)
                .hasMessageContaining("as execution 4245 on another-node (pid 1) since ")
                .hasMessageMatching(".* since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ; .*");
        try (var connection = installation.database().connect(); var age = connection.createStatement()) {
            age.executeUpdate("UPDATE %s.period_lock SET heartbeat_at = TIMESTAMPADD(SECOND, -600, CURRENT_TIMESTAMP(3))"
                    .formatted(results));
        }

        RunOutcome outcome = launcher.run(JOB, MONTH, true, inbox, null);

        assertThat(outcome.completed()).as(outcome.message()).isTrue();
        assertThat(publishedFindings()).isEqualTo(cleanFindings);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aRunWhoseHoldWasBrokenWritesNoFileAndNoResult(boolean takenOver) throws Exception {
        String results = installation.database().resultsSchema();
        Path outbox = Files.createTempDirectory(dir, "outbox");
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<RunOutcome> run = thread.submit(() -> launcher.run(JOB, MONTH, true, inbox, outbox));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (installation.queryLong("SELECT COUNT(*) FROM %s.period_lock WHERE execution_id IS NOT NULL"
                    .formatted(results)) == 0) {
                assertThat(System.nanoTime()).as("the run attaches its execution").isLessThan(deadline);
                Thread.sleep(20);
            }
            try (var connection = installation.database().connect(); var breakIt = connection.createStatement()) {
                breakIt.executeUpdate(takenOver
                        ? "UPDATE %s.period_lock SET holder = 'other', execution_id = 4246".formatted(results)
                        : "DELETE FROM %s.period_lock".formatted(results));
            }

            RunOutcome outcome = run.get(5, TimeUnit.MINUTES);

            assertThat(outcome.completed()).as("a run no longer holding its period completes").isFalse();
            assertThat(outcome.message()).contains("no longer holds the period");
            assertThat(outbox.resolve(JOB).resolve(MONTH.toString()).resolve("summary.json")).doesNotExist();
            assertThat(publishedFindings()).isEqualTo(cleanFindings);
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void anExecutionBatchLeftStartedAfterItsRunEndedIsMarkedFailed() throws Exception {
        String results = installation.database().resultsSchema();
        long execution = installation.queryLong("SELECT MAX(execution_id) FROM %s.run".formatted(results));
        try (var connection = installation.database().connect(); var update = connection.createStatement()) {
            // as when Batch's last update failed after the run row was closed
            update.executeUpdate("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL "
                    + "WHERE JOB_EXECUTION_ID = " + execution);
            update.executeUpdate(("UPDATE %s.run SET status = 'FAILED', ended_at = TIMESTAMPADD(SECOND, -600, "
                    + "CURRENT_TIMESTAMP(3)) WHERE execution_id = %d").formatted(results, execution));
        }

        List<Long> recovered = node.getBean(StaleExecutionRecovery.class).recoverStaleExecutions();

        assertThat(recovered).contains(execution);
        assertThat(installation.queryLong("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ? "
                + "AND STATUS = 'FAILED'", execution)).isOne();
    }

    @Test
    void aHoldWithoutAnExecutionIsBeatenForAsLongAsItIsHeld() throws Exception {
        String results = installation.database().resultsSchema();
        PeriodLock periodLock = node.getBean(PeriodLock.class);
        assertThat(periodLock.tryAcquire(JOB, MONTH.toString(), "between-runs", null)).isEmpty();
        try {
            try (var connection = installation.database().connect(); var age = connection.createStatement()) {
                age.executeUpdate("UPDATE %s.period_lock SET heartbeat_at = TIMESTAMPADD(SECOND, -600, CURRENT_TIMESTAMP(3))"
                        .formatted(results));
            }
            String fresh = "SELECT COUNT(*) FROM %s.period_lock WHERE heartbeat_at > TIMESTAMPADD(SECOND, -60, "
                    + "CURRENT_TIMESTAMP(3))";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (installation.queryLong(fresh.formatted(results)) == 0) {
                assertThat(System.nanoTime()).as("the hold's heartbeat is refreshed").isLessThan(deadline);
                Thread.sleep(200);
            }
        } finally {
            periodLock.release(JOB, MONTH.toString(), "between-runs");
        }
    }

    private static void plantHold(long execution, long pid, LocalDateTime heartbeat) throws Exception {
        try (var connection = installation.database().connect();
             var insert = connection.prepareStatement(PLANT_HOLD.formatted(installation.database().resultsSchema()))) {
            insert.setString(1, JOB);
            insert.setString(2, MONTH.toString());
            insert.setLong(3, execution);
            insert.setString(4, RunRecorder.hostName());
            insert.setLong(5, pid);
            insert.setTimestamp(6, Timestamp.valueOf(heartbeat));
            insert.setTimestamp(7, Timestamp.valueOf(heartbeat));
            insert.executeUpdate();
        }
    }

    private static long publishedFindings() {
        return installation.queryLong(PUBLISHED_FINDINGS.formatted(installation.database().resultsSchema()),
                JOB, MONTH.toString());
    }
}
