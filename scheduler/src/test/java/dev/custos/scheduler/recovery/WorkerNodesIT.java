package dev.custos.scheduler.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.custos.common.outbox.Outbox;
import dev.custos.common.period.Period;
import dev.custos.jobs.reconciliation.sample.ReconciliationSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;

/**
 * permission-reconciliation with its grant import and review partitioned over worker nodes
 * ({@code custos worker}, real processes of {@code custos.jar}) through the RabbitMQ the tests share,
 * each test on a queue of its own: the results are those of one node, byte for byte; a worker killed
 * mid-partition fails the run at the manager's timeout and {@code custos restart} reruns only the
 * unfinished partitions; a broker gone mid-run fails the run clearly and a restart once it is back
 * completes; a worker of another job repository refuses the request.
 */
@Timeout(1200)
class WorkerNodesIT {

    private static final String JOB = "permission-reconciliation";
    private static final String LAST_MONTH = "2026-09";
    private static final String MONTH = "2026-10";
    private static final String CHUNK_SIZE = "--custos.chunk-size=200";
    private static final List<String> FILES = List.of("revocations.csv", "rejects.csv");
    private static final String AMQP_HOST = env("CUSTOS_TEST_AMQP_HOST", "127.0.0.1");
    private static final int AMQP_PORT = Integer.parseInt(env("CUSTOS_TEST_AMQP_PORT", "5672"));
    private static final String AMQP_USER = env("CUSTOS_TEST_AMQP_USER", "guest");
    private static final String AMQP_PASSWORD = env("CUSTOS_TEST_AMQP_PASSWORD", "guest");

    @TempDir
    static Path dir;

    static Installation reference;
    private final List<String> queues = new ArrayList<>();
    private final List<JarRun> processes = new ArrayList<>();

    @BeforeAll
    static void runBothMonthsOnOneNode() {
        for (String month : List.of(LAST_MONTH, MONTH)) {
            // 10 roster chunks, about 40 chunks per grant file, a few hundred in the review
            ReconciliationSampleData.write(inbox(month), Period.parse(month),
                    new ReconciliationSampleData.Sizes(2_000, 40_000), 2026, month.equals(MONTH) ? 11 : 10, true);
        }
        reference = Installation.create(WorkerNodesIT.class, dir.resolve("reference"));
        for (String month : List.of(LAST_MONTH, MONTH)) {
            CommandResult run = reference.custos("run", JOB, "--period", month, "--inbox", inbox(month).toString(),
                    CHUNK_SIZE);
            assertThat(run.exitCode()).as(run.describe()).isZero();
        }
        Map<String, Double> figures = reference.publishedMetrics(JOB, MONTH);
        assertThat(figures.get("rows_rejected")).isPositive();
        assertThat(figures.get("findings_persisting")).isPositive();
        assertThat(figures.get("findings_new")).isPositive();
    }

    @AfterAll
    static void dropReference() {
        if (reference != null) {
            reference.close();
        }
    }

    @AfterEach
    void stopWorkersAndDropQueues() throws Exception {
        processes.forEach(JarRun::close);
        try (Connection connection = amqp().newConnection(); Channel channel = connection.createChannel()) {
            for (String queue : queues) {
                channel.queueDelete(queue);
            }
        }
    }

    @Test
    void aManagerAndTwoWorkersPublishWhatOneNodePublishes() throws Exception {
        Path home = dir.resolve("two-workers");
        try (Installation cluster = Installation.create(WorkerNodesIT.class, home)) {
            List<String> workers = workerSettings(newQueue(), AMQP_PORT, "30m");
            JarRun first = startWorker(cluster, home.resolve("worker-1"), workers);
            JarRun second = startWorker(cluster, home.resolve("worker-2"), workers);

            for (String month : List.of(LAST_MONTH, MONTH)) {
                CommandResult run = cluster.custos(with(workers, "run", JOB, "--period", month, "--inbox",
                        inbox(month).toString()));
                assertThat(run.exitCode()).as(run.describe()).isZero();
            }

            assertSameResultsAsOneNode(cluster);
            assertThat(cluster.queryLong("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STATUS = 'COMPLETED' "
                    + "AND STEP_NAME LIKE 'reconciliationFindingsRangeStep:range%'")).as("review ranges run on workers")
                    .isEqualTo(2 * 4);
            assertThat(first.output()).as("the first worker ran partitions").contains("custos worker: reconciliation");
            assertThat(second.output()).as("the second worker ran partitions").contains("custos worker: reconciliation");
        }
    }

    @Test
    void aWorkerKilledMidPartitionFailsTheRunAtTheTimeoutAndRestartRerunsOnlyUnfinishedPartitions() throws Exception {
        Path home = dir.resolve("killed-worker");
        try (Installation cluster = Installation.create(WorkerNodesIT.class, home)) {
            runLastMonthOnOneNode(cluster);
            String queue = newQueue();
            JarRun doomed = startWorker(cluster, home.resolve("worker-killed"), workerSettings(queue, AMQP_PORT, "30m"));
            JarRun manager = start(cluster, home.resolve("manager"), with(workerSettings(queue, AMQP_PORT, "1m"),
                    "run", JOB, "--period", MONTH, "--inbox", inbox(MONTH).toString()));
            String killedRange = manager.awaitStepUnderWay("reconciliationFindingsRangeStep:%", 3);
            doomed.killDashNine();

            assertThat(manager.waitFor(3, TimeUnit.MINUTES)).as("the manager gives up at its timeout").isTrue();
            CommandResult failed = manager.result();
            assertThat(failed.exitCode()).as(failed.describe()).isNotZero();
            assertThat(failed.err()).contains("unfinished after custos.workers.timeout (PT1M)").contains(killedRange);
            long failedExecution = failedExecution(cluster);
            List<String> doneBefore = stepsOf(cluster, failedExecution, "COMPLETED");

            startWorker(cluster, home.resolve("worker-new"), workerSettings(queue, AMQP_PORT, "30m"));
            CommandResult restart = cluster.custos(with(workerSettings(queue, AMQP_PORT, "30m"), "restart",
                    String.valueOf(failedExecution)));

            assertThat(restart.exitCode()).as(restart.describe()).isZero();
            long restarted = JarRun.completedExecution(restart, JOB, MONTH);
            List<String> rerun = stepsOf(cluster, restarted, "COMPLETED").stream().filter(name -> name.contains(":")).toList();
            assertThat(rerun).as("partitions run again").contains(killedRange)
                    .noneMatch(name -> name.startsWith("reconciliationGrantFileImportStep:"))
                    .doesNotContainAnyElementsOf(doneBefore);
            assertSameResultsAsOneNode(cluster);
        }
    }

    @Test
    void theBrokerGoneMidRunFailsTheRunClearlyAndARestartOnceItIsBackCompletes() throws Exception {
        Path home = dir.resolve("broker-gone");
        try (Installation cluster = Installation.create(WorkerNodesIT.class, home);
             BrokerProxy broker = BrokerProxy.start(AMQP_HOST, AMQP_PORT)) {
            runLastMonthOnOneNode(cluster);
            String queue = newQueue();
            startWorker(cluster, home.resolve("worker"), workerSettings(queue, AMQP_PORT, "30m"));
            List<String> throughProxy = workerSettings(queue, broker.port(), "10m");
            JarRun manager = start(cluster, home.resolve("manager"), with(throughProxy, "run", JOB, "--period", MONTH,
                    "--inbox", inbox(MONTH).toString()));
            manager.awaitStepUnderWay("reconciliationGrantFileImportStep:%", 3);
            broker.cut();

            assertThat(manager.waitFor(3, TimeUnit.MINUTES)).isTrue();
            CommandResult failed = manager.result();
            assertThat(failed.exitCode()).as(failed.describe()).isNotZero();
            assertThat(failed.err()).contains("reconciliationFindingsStep: the workers' broker (spring.rabbitmq.*) "
                    + "did not take the partition requests");
            long failedExecution = failedExecution(cluster);

            broker.open();
            CommandResult restart = cluster.custos(with(throughProxy, "restart", String.valueOf(failedExecution)));

            assertThat(restart.exitCode()).as(restart.describe()).isZero();
            assertSameResultsAsOneNode(cluster);
        }
    }

    @Test
    void aWorkerOfAnotherJobRepositoryRefusesThePartitionAndWritesNothing() throws Exception {
        Path home = dir.resolve("other-repository");
        try (Installation cluster = Installation.create(WorkerNodesIT.class, home.resolve("manager"));
             Installation other = Installation.create(WorkerNodesIT.class, home.resolve("other"))) {
            String queue = newQueue();
            JarRun stranger = startWorker(other, home.resolve("worker-other"), workerSettings(queue, AMQP_PORT, "30m"));
            CommandResult run = cluster.custos(with(workerSettings(queue, AMQP_PORT, "15s"), "run", JOB, "--period",
                    LAST_MONTH, "--inbox", inbox(LAST_MONTH).toString()));

            assertThat(stranger.waitFor(1, TimeUnit.MINUTES)).as("the worker stops").isTrue();
            CommandResult refused = stranger.result();
            assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(4);
            assertThat(refused.errLines()).singleElement().asString()
                    .startsWith("custos: a partition request (reconciliationGrantFileImportStep, step execution ")
                    .contains("but this worker's is").contains(": refused;");
            assertThat(other.queryLong("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION")).as("nothing run in its repository")
                    .isZero();
            assertThat(run.exitCode()).as(run.describe()).isNotZero();
            assertThat(run.err()).contains("reconciliationGrantsImportStep: partition(s) reconciliationGrantFileImportStep:")
                    .contains("unfinished after custos.workers.timeout (PT15S); is a custos worker running against this "
                            + "database and broker?");
        }
    }

    @Test
    void aGrantFileAWorkerCannotReadFailsTheRunWithTheWorkersReason() throws Exception {
        Path home = dir.resolve("bad-file");
        try (Installation cluster = Installation.create(WorkerNodesIT.class, home)) {
            Path badInbox = home.resolve("bad-inbox");
            ReconciliationSampleData.write(badInbox, Period.parse(LAST_MONTH),
                    new ReconciliationSampleData.Sizes(200, 2_000), 2026, 10, false);
            Files.writeString(badInbox.resolve("access_grants_zz_broken.csv"), "employee_id,system\nE1,CRM\n");
            String queue = newQueue();
            startWorker(cluster, home.resolve("worker"), workerSettings(queue, AMQP_PORT, "30m"));

            CommandResult run = cluster.custos(with(workerSettings(queue, AMQP_PORT, "5m"), "run", JOB, "--period",
                    LAST_MONTH, "--inbox", badInbox.toString()));

            assertThat(run.exitCode()).as(run.describe()).isNotZero();
            assertThat(run.err()).contains("reconciliationGrantFileImportStep:access_grants_zz_broken.csv: ")
                    .contains("access_grants_zz_broken.csv").contains("(on a worker node)");
            List<String> failedPartitions = new ArrayList<>();
            cluster.query("SELECT EXIT_MESSAGE FROM BATCH_STEP_EXECUTION WHERE STATUS = 'FAILED' "
                            + "AND STEP_NAME = 'reconciliationGrantFileImportStep:access_grants_zz_broken.csv'",
                    rs -> failedPartitions.add(rs.getString(1)));
            assertThat(failedPartitions).as("the failed partition's exit message, saved with its status")
                    .singleElement().asString()
                    .startsWith("reconciliationGrantFileImportStep:access_grants_zz_broken.csv: ")
                    .doesNotContain("\n").doesNotContain("\tat ").doesNotContain("Exception:");
        }
    }

    private void assertSameResultsAsOneNode(Installation cluster) throws Exception {
        for (String month : List.of(LAST_MONTH, MONTH)) {
            assertThat(cluster.publishedMetrics(JOB, month)).isEqualTo(reference.publishedMetrics(JOB, month));
            assertThat(JarRun.publishedReconciliationFindings(cluster, month))
                    .isEqualTo(JarRun.publishedReconciliationFindings(reference, month)).isNotEmpty();
            for (String file : FILES) {
                Path expected = reference.outbox().resolve(JOB).resolve(month).resolve(file);
                Path actual = cluster.outbox().resolve(JOB).resolve(month).resolve(file);
                assertThat(expected).isRegularFile();
                assertThat(Files.mismatch(actual, expected)).as(file + " of " + month + " differs at byte").isEqualTo(-1L);
            }
            assertThat(Outbox.readSummary(cluster.outbox().resolve(JOB).resolve(month).resolve(Outbox.SUMMARY)).metrics())
                    .isEqualTo(Outbox.readSummary(reference.outbox().resolve(JOB).resolve(month).resolve(Outbox.SUMMARY))
                            .metrics());
        }
    }

    private static void runLastMonthOnOneNode(Installation cluster) {
        CommandResult run = cluster.custos("run", JOB, "--period", LAST_MONTH, "--inbox", inbox(LAST_MONTH).toString(),
                CHUNK_SIZE);
        assertThat(run.exitCode()).as(run.describe()).isZero();
    }

    private JarRun startWorker(Installation installation, Path logDir, List<String> settings) throws Exception {
        JarRun worker = start(installation, logDir, with(settings, "worker"));
        worker.awaitOutput("custos worker: taking partitions", Duration.ofMinutes(5));
        return worker;
    }

    private JarRun start(Installation installation, Path logDir, String... args) throws Exception {
        JarRun process = JarRun.start(installation, logDir, args);
        processes.add(process);
        return process;
    }

    private String newQueue() {
        String queue = "custos.test." + UUID.randomUUID();
        queues.add(queue);
        return queue;
    }

    private static List<String> workerSettings(String queue, int port, String timeout) {
        return List.of("--custos.workers.enabled=true", "--custos.workers.queue=" + queue,
                "--custos.workers.timeout=" + timeout, "--custos.workers.poll-interval=200ms",
                "--custos.workers.receive-interval=200ms", "--spring.rabbitmq.host=" + AMQP_HOST,
                "--spring.rabbitmq.port=" + port, "--spring.rabbitmq.username=" + AMQP_USER,
                "--spring.rabbitmq.password=" + AMQP_PASSWORD, CHUNK_SIZE);
    }

    private static String[] with(List<String> settings, String... args) {
        return Stream.concat(Stream.of(args), settings.stream()).toArray(String[]::new);
    }

    private static long failedExecution(Installation installation) {
        List<Long> failed = new ArrayList<>();
        installation.query("SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION WHERE STATUS = 'FAILED'",
                rs -> failed.add(rs.getLong(1)));
        assertThat(failed).as("one failed execution").hasSize(1);
        return failed.get(0);
    }

    private static List<String> stepsOf(Installation installation, long execution, String status) {
        List<String> steps = new ArrayList<>();
        installation.query("SELECT STEP_NAME FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STATUS = ?",
                rs -> steps.add(rs.getString(1)), execution, status);
        return steps;
    }

    private static Path inbox(String month) {
        return dir.resolve("inbox-" + month);
    }

    private static ConnectionFactory amqp() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(AMQP_HOST);
        factory.setPort(AMQP_PORT);
        factory.setUsername(AMQP_USER);
        factory.setPassword(AMQP_PASSWORD);
        return factory;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
