package dev.custos.scheduler.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.custos.common.outbox.Outbox;
import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.jobs.reconciliation.sample.ReconciliationSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.Installation.Run;

/**
 * Two {@code custos serve} processes on one database, a Quartz cluster as in production: the node
 * running a permission-reconciliation an operator triggered is killed with SIGKILL part-way through a step,
 * and the other node resumes that period's run by itself, once, to the results of a run that was
 * never interrupted. And two nodes started at once on a new database both start.
 */
@Timeout(1200)
class NodeFailoverIT {

    private static final String JOB = "permission-reconciliation";
    private static final String CHUNK_SIZE = "--custos.chunk-size=200";
    private static final List<String> FILES = List.of("revocations.csv", "rejects.csv");
    private static final Duration NODE_START = Duration.ofMinutes(3);
    private static final String RUNNING = "custos serve: scheduler ";
    private static final Pattern PORT = Pattern.compile("console and API on port (\\d+)");
    private static final String OPS_PASSWORD = "a long enough passphrase";
    /** The other node's host, for a node that died on another machine: only its heartbeat tells. */
    private static final String OTHER_HOST = "node-b.invalid";

    @TempDir
    static Path dir;

    static Period month;
    static Path inbox;
    static Installation reference;
    static long uninterruptedExecution;

    @BeforeAll
    static void runTheMonthUninterrupted() {
        // the month a firing today covers
        month = Period.lastClosed(PeriodType.MONTH, LocalDate.now(ZoneOffset.UTC));
        inbox = dir.resolve("inbox");
        ReconciliationSampleData.write(inbox, month, new ReconciliationSampleData.Sizes(3_000, 60_000), 2026, 11, true);
        reference = Installation.create(NodeFailoverIT.class, dir.resolve("reference"));
        CommandResult uninterrupted = reference.custos("run", JOB, "--period", month.toString(), "--inbox",
                inbox.toString(), CHUNK_SIZE);
        assertThat(uninterrupted.exitCode()).as(uninterrupted.describe()).isZero();
        uninterruptedExecution = JarRun.completedExecution(uninterrupted, JOB, month.toString());
    }

    @AfterAll
    static void dropReference() {
        if (reference != null) {
            reference.close();
        }
    }

    /**
     * On one host the survivor sees at once that the dead node's process is gone; a node on
     * another host (its run row says so) is recognised by its heartbeat going stale.
     */
    @ParameterizedTest(name = "node killed in {0} after {1} commits, dead node on another host: {2}")
    @CsvSource({
            "reconciliationGrantFileImportStep%, 10, false",
            "reconciliationFindingsStep, 20, true"})
    void survivingNodeResumesTheDeadNodesRunOfThePeriodOnceToTheResultsOfACleanRun(String step, int commits,
                                                                                   boolean otherHost) throws Exception {
        Path home = dir.resolve("cluster-" + step.replace("%", "") + "-" + commits);
        try (Installation cluster = Installation.create(NodeFailoverIT.class, home)) {
            copyInbox(cluster.inbox(JOB, month.toString())); // scheduled runs read the period's folder of the inbox
            CommandResult added = CommandResult.withStdin(OPS_PASSWORD + "\n",
                    () -> cluster.custos("user", "add", "ops", "--role", "OPS", "--password-stdin"));
            assertThat(added.exitCode()).as(added.describe()).isZero();
            List<JarRun> nodes = startNodes(cluster, home);
            try {
                // an operator's trigger now, on either node: the cluster runs it on one of them
                HttpResponse<String> triggered = trigger(nodes.get(0));
                assertThat(triggered.statusCode()).as(triggered.body()).isEqualTo(202);
                assertThat(triggered.body()).contains("\"period\":\"" + month + "\"");

                String interruptedStep = nodes.get(0).awaitStepUnderWay(step, commits);
                long killedExecution = cluster.queryLong(sql(cluster, "SELECT execution_id FROM %s.run WHERE status = 'STARTED'"));
                long runnerPid = cluster.queryLong(sql(cluster, "SELECT pid FROM %s.run WHERE execution_id = ?"), killedExecution);
                JarRun runner = nodes.stream().filter(node -> node.pid() == runnerPid).findFirst().orElseThrow();
                JarRun survivor = nodes.stream().filter(node -> node != runner).findFirst().orElseThrow();
                runner.killDashNine();
                if (otherHost) {
                    moveRunToHost(cluster, killedExecution, OTHER_HOST);
                }

                await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> cluster.runs(JOB).stream().anyMatch(run -> !run.status().equals("STARTED")
                                && run.executionId() != killedExecution) || !survivor.isAlive());
                assertThat(survivor.isAlive()).as(survivor.output()).isTrue();
                List<Run> runs = cluster.runs(JOB);
                assertThat(runs).as(survivor.output()).extracting(Run::status).containsExactly("FAILED", "COMPLETED");
                Run killed = runs.get(0);
                Run resumed = runs.get(1);
                assertThat(killed.executionId()).isEqualTo(killedExecution);
                assertThat(killed.period()).isEqualTo(resumed.period()).isEqualTo(month.toString());
                assertThat(killed.exitMessage()).startsWith(otherHost
                        ? "stale execution recovered: no heartbeat from " + OTHER_HOST + " since "
                        : "stale execution recovered: process " + runnerPid + " on ");
                assertThat(cluster.queryLong(sql(cluster, "SELECT pid FROM %s.run WHERE execution_id = ?"),
                        resumed.executionId())).as("the survivor ran it").isEqualTo(survivor.pid());
                assertThat(jobInstance(cluster, resumed.executionId())).as("the period's run resumed, not run anew")
                        .isEqualTo(jobInstance(cluster, killedExecution));
                long resumedReads = JarRun.stepReads(cluster, resumed.executionId()).getOrDefault(interruptedStep, -1L);
                long wholeReads = JarRun.stepReads(reference, uninterruptedExecution).get(interruptedStep);
                assertThat(resumedReads).as(interruptedStep + " resumed at its last commit").isPositive()
                        .isLessThan(wholeReads);
                assertThat(JarRun.stepReads(cluster, resumed.executionId()))
                        .as("steps the dead node completed are not run again").doesNotContainKey("reconciliationRosterImportStep");
                assertThat(survivor.output()).contains("resuming " + JOB + " " + month + ": the node that was running it stopped");

                Map<String, Long> committedByTheDeadNode = JarRun.stepReads(cluster, killedExecution);
                long committedReads = committedByTheDeadNode.values().stream().mapToLong(Long::longValue).sum();
                assertThat(committedReads).isPositive();
                assertThat(cluster.queryLong(sql(cluster, "SELECT read_count FROM %s.run WHERE execution_id = ?"),
                        killedExecution)).as("the dead node's run shows what it committed").isEqualTo(committedReads);
                CommandResult executions = cluster.custos("executions", "--job", JOB);
                assertThat(executions.outLines()).as(executions.describe())
                        .anySatisfy(line -> assertThat(line.split("\\s+")).startsWith(String.valueOf(killedExecution), JOB,
                                month.toString(), "0", "FAILED").contains("read=" + committedReads));

                assertThat(cluster.publishedMetrics(JOB, month.toString()))
                        .isEqualTo(reference.publishedMetrics(JOB, month.toString()));
                assertThat(JarRun.publishedReconciliationFindings(cluster, month.toString())).isEqualTo(JarRun.publishedReconciliationFindings(reference, month.toString())).isNotEmpty();
                for (String file : FILES) {
                    Path expected = reference.outbox().resolve(JOB).resolve(month.toString()).resolve(file);
                    Path actual = cluster.outbox().resolve(JOB).resolve(month.toString()).resolve(file);
                    assertThat(expected).isRegularFile();
                    assertThat(Files.mismatch(actual, expected)).as(file + " differs from the clean run's at byte")
                            .isEqualTo(-1L);
                }
                assertThat(Outbox.readSummary(cluster.outbox().resolve(JOB).resolve(month.toString()).resolve(Outbox.SUMMARY))
                        .metrics()).isEqualTo(Outbox.readSummary(reference.outbox().resolve(JOB).resolve(month.toString())
                        .resolve(Outbox.SUMMARY)).metrics());

                Thread.sleep(5_000);
                assertThat(cluster.runs(JOB)).as("exactly once: nothing else ran the period")
                        .extracting(Run::status).containsExactly("FAILED", "COMPLETED");
                assertThat(survivor.isAlive()).isTrue();
            } finally {
                nodes.forEach(JarRun::close);
            }
        }
    }

    /** Starting two nodes at once on a new database, three times over (the failover test does it twice more). */
    @Test
    void twoNodesStartingTogetherOnANewDatabaseBothStartWithOneScheduleEach() throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            Path home = dir.resolve("start-together-" + attempt);
            try (Installation cluster = Installation.create(NodeFailoverIT.class, home)) {
                List<JarRun> nodes = startNodes(cluster, home);
                try {
                    long controls = cluster.queryLong("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS WHERE JOB_GROUP = 'custos'");
                    assertThat(controls).isEqualTo(4);
                    Stream.of("QRTZ_TRIGGERS", "QRTZ_CRON_TRIGGERS").forEach(table -> assertThat(cluster.queryLong(
                            "SELECT COUNT(*) FROM " + table + " WHERE TRIGGER_GROUP = 'custos'")).as(table).isEqualTo(controls));
                    assertThat(cluster.queryLong("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS WHERE JOB_GROUP = 'custos'"
                            + " AND REQUESTS_RECOVERY = '1'")).as("every control's job asks to be recovered when its node dies")
                            .isEqualTo(controls);
                    assertThat(cluster.queryLong("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = 'custos-system'"))
                            .as("one alerts trigger for the cluster, not one per node").isEqualTo(1);
                    for (JarRun node : nodes) {
                        assertThat(node.isAlive()).as(node.output()).isTrue();
                    }
                } finally {
                    nodes.forEach(JarRun::close);
                }
            }
        }
    }

    /** Two serve nodes started at the same moment, each with its own log folder; returns when both run. */
    private static List<JarRun> startNodes(Installation cluster, Path home) throws Exception {
        List<JarRun> nodes = new ArrayList<>();
        for (String name : List.of("node-1", "node-2")) {
            nodes.add(JarRun.start(cluster, home.resolve(name), "serve", CHUNK_SIZE,
                    "--custos.zone=UTC",
                    // two nodes on one machine: each console on a port of its own
                    "--server.port=0",
                    // a dead node's run is stale after 10 s without a heartbeat, beating every 2 s
                    "--custos.recovery.stale-after=PT10S",
                    "--custos.heartbeat-seconds=2",
                    // a dead node is noticed by the other within seconds
                    "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=2000",
                    "--spring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000"));
        }
        try {
            for (JarRun node : nodes) {
                node.awaitOutput(RUNNING, NODE_START);
            }
        } catch (RuntimeException | Error e) {
            nodes.forEach(JarRun::close);
            throw e;
        }
        return nodes;
    }

    /** {@code POST /api/v1/schedules/<job>/trigger} on {@code node}, as an OPS user's script sends it. */
    private static HttpResponse<String> trigger(JarRun node) throws IOException, InterruptedException {
        Matcher port = PORT.matcher(node.awaitOutput(RUNNING, Duration.ofSeconds(5)));
        assertThat(port.find()).isTrue();
        String credentials = Base64.getEncoder().encodeToString(("ops:" + OPS_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.group(1)
                        + "/api/v1/schedules/" + JOB + "/trigger"))
                .header("Authorization", "Basic " + credentials).POST(HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void copyInbox(Path target) throws Exception {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(inbox)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
    }

    /**
     * As if the run had been on another machine: its run row and its hold of the period name that
     * host (and its pid means nothing here), so only the heartbeat tells it is dead.
     */
    private static void moveRunToHost(Installation installation, long execution, String host) throws SQLException {
        try (Connection connection = installation.database().connect();
             PreparedStatement run = connection.prepareStatement(
                     sql(installation, "UPDATE %s.run SET host = ? WHERE execution_id = ?"));
             PreparedStatement hold = connection.prepareStatement(
                     sql(installation, "UPDATE %s.period_lock SET host = ? WHERE execution_id = ?"))) {
            run.setString(1, host);
            run.setLong(2, execution);
            assertThat(run.executeUpdate()).isEqualTo(1);
            hold.setString(1, host);
            hold.setLong(2, execution);
            assertThat(hold.executeUpdate()).as("the dead node's hold of the period").isEqualTo(1);
        }
    }

    private static String sql(Installation installation, String template) {
        return template.formatted(installation.database().resultsSchema());
    }

    private static long jobInstance(Installation installation, long execution) {
        return installation.queryLong("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", execution);
    }
}
