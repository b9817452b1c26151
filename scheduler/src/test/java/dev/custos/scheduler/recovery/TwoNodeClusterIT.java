package dev.custos.scheduler.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

import dev.custos.common.period.Period;
import dev.custos.common.test.TestDatabase;
import dev.custos.jobs.reconciliation.sample.ReconciliationSampleData;
import dev.custos.jobs.training.sample.TrainingSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.Installation.Run;

/**
 * Two {@code custos serve} processes on one MariaDB, as behind a load balancer: twenty one-shot
 * triggers fire exactly once each across the cluster; both consoles list the same executions; and a
 * browser session logged in on one node goes on on the other after the first is killed with
 * SIGKILL (sessions live in the database). A node killed in the middle of a run is
 * {@link NodeFailoverIT}'s.
 */
@Timeout(600)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterIT {

    private static final String TRAINING = "training-coverage";
    private static final String RECONCILIATION = "permission-reconciliation";
    /** Firings per control: twenty in all. */
    private static final int TRIGGERS_EACH = 10;
    private static final String GROUP = "two-node-test";
    private static final String USER = "night-operator";
    private static final String PASSWORD = "correct horse battery";
    private static final Pattern PORT = Pattern.compile("console and API on port (\\d+)");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    /** What ControlQuartzJob logs once a firing has run its period (a firing that finds it done logs "already completed"). */
    private static final Pattern FIRING = Pattern.compile("scheduled (" + TRAINING + "|" + RECONCILIATION
            + ") (\\d{4}-(Q\\d|\\d\\d))( completed \\(execution|: .*already completed| ended | could not be launched)");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    static Path dir;

    static Installation cluster;
    static final List<JarRun> nodes = new ArrayList<>();
    static final List<Integer> ports = new ArrayList<>();

    @BeforeAll
    static void twoNodesOnOneDatabase() throws Exception {
        cluster = Installation.create(TwoNodeClusterIT.class, dir.resolve("custos"));
        CommandResult added = CommandResult.withStdin(PASSWORD + "\n",
                () -> cluster.custos("user", "add", USER, "--role", "OPS", "--password-stdin"));
        assertThat(added.exitCode()).as(added.describe()).isZero();
        for (String name : List.of("node-a", "node-b")) {
            nodes.add(JarRun.start(cluster, dir.resolve(name), "serve", "--custos.zone=UTC", "--server.port=0",
                    // a one-shot trigger due years ago is a misfire: handled (fired now) within a second
                    "--spring.quartz.properties.org.quartz.jobStore.misfireThreshold=1000",
                    "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=2000",
                    "--spring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000"));
        }
        for (JarRun node : nodes) {
            Matcher port = PORT.matcher(node.awaitOutput("custos serve: scheduler ", Duration.ofMinutes(3)));
            assertThat(port.find()).isTrue();
            ports.add(Integer.parseInt(port.group(1)));
        }
    }

    @AfterAll
    static void stop() {
        nodes.forEach(JarRun::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void twentyOneShotTriggersFireExactlyOnceEachAcrossTheNodesAndBothConsolesListTheSameExecutions() throws Exception {
        // each a cron firing once, years ago, on a control's own Quartz job as its schedule fires it: the misfire
        // rule fires it now, for the period of its due time; a control's firings never overlap (as in production),
        // the two controls' may, on either node
        Map<String, List<String>> periods = Map.of(TRAINING, new ArrayList<>(), RECONCILIATION, new ArrayList<>());
        Scheduler scheduler = new StdSchedulerFactory(quartzClient()).getScheduler();
        try {
            Period quarter = Period.parse("2021-Q1");
            Period month = Period.parse("2024-01");
            for (int i = 0; i < TRIGGERS_EACH; i++, quarter = quarter.next(), month = month.next()) {
                TrainingSampleData.write(cluster.inbox(TRAINING, quarter.toString()), quarter,
                        new TrainingSampleData.Sizes(12, 2, 20), i, false);
                ReconciliationSampleData.write(cluster.inbox(RECONCILIATION, month.toString()), month,
                        new ReconciliationSampleData.Sizes(12, 100), i, i, false);
                scheduler.scheduleJob(firingOnce(TRAINING, quarter, quarter.end().plusDays(1).atTime(4, 0)));
                scheduler.scheduleJob(firingOnce(RECONCILIATION, month, month.end().plusDays(1).atTime(3, 0)));
                periods.get(TRAINING).add(quarter.toString());
                periods.get(RECONCILIATION).add(month.toString());
            }
        } finally {
            scheduler.shutdown(false);
        }

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() ->
                cluster.queryLong("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = ?", GROUP) == 0
                        && cluster.queryLong("SELECT COUNT(*) FROM QRTZ_FIRED_TRIGGERS") == 0
                        || nodes.stream().anyMatch(node -> !node.isAlive()));
        for (JarRun node : nodes) {
            assertThat(node.isAlive()).as(node.describe()).isTrue();
        }
        Map<String, Integer> firings = new TreeMap<>();
        for (JarRun node : nodes) {
            Matcher firing = FIRING.matcher(node.output());
            while (firing.find()) {
                firings.merge(firing.group(1) + " " + firing.group(2), 1, Integer::sum);
            }
        }
        List<String> expected = new ArrayList<>();
        periods.forEach((job, list) -> list.forEach(period -> expected.add(job + " " + period)));
        assertThat(firings).as("firings per period, both nodes' logs together").containsOnlyKeys(expected)
                .allSatisfy((firing, count) -> assertThat(count).as(firing).isEqualTo(1));
        for (String job : periods.keySet()) {
            List<Run> runs = cluster.runs(job);
            assertThat(runs).as(runs.toString()).extracting(Run::period).containsExactlyInAnyOrderElementsOf(periods.get(job));
            assertThat(runs).as(runs.toString()).extracting(Run::status).containsOnly("COMPLETED");
            for (Run run : runs) {
                assertThat(cluster.queryLong("SELECT pid FROM " + cluster.database().resultsSchema()
                        + ".run WHERE execution_id = ?", run.executionId())).as("ran on one of the two nodes")
                        .isIn(nodes.get(0).pid(), nodes.get(1).pid());
            }
        }
        assertThat(cluster.queryLong("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).isEqualTo(expected.size());

        String list = "/api/v1/executions?size=" + expected.size();
        HttpResponse<String> onA = send(get(0, list).header("Authorization", basic()));
        HttpResponse<String> onB = send(get(1, list).header("Authorization", basic()));
        assertThat(onA.statusCode()).as(onA.body()).isEqualTo(200);
        assertThat(onB.statusCode()).as(onB.body()).isEqualTo(200);
        assertThat(onB.body()).as("both nodes list the same executions").isEqualTo(onA.body());
        expected.forEach(firing -> assertThat(onA.body()).contains("\"period\":\"" + firing.split(" ")[1] + "\""));
    }

    @Test
    @Order(2)
    void aSessionLoggedInOnANodeThatIsKilledGoesOnOnTheOtherNode() throws Exception {
        HttpResponse<String> form = send(get(0, "/login"));
        String anonymous = sessionCookie(form).orElseThrow(() -> new AssertionError("no session cookie: " + form.headers()));
        Matcher token = CSRF.matcher(form.body());
        assertThat(token.find()).as(form.body()).isTrue();
        HttpResponse<String> loggedIn = send(HttpRequest.newBuilder(uri(0, "/login")).header("Cookie", anonymous)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + USER + "&password=" + encode(PASSWORD)
                        + "&_csrf=" + encode(token.group(1)))).build());
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
        String session = sessionCookie(loggedIn).orElse(anonymous);
        assertThat(send(get(0, "/").header("Cookie", session)).body()).contains(USER);

        nodes.get(0).killDashNine();

        HttpResponse<String> home = send(get(1, "/").header("Cookie", session));
        assertThat(home.statusCode()).as("the session, on the node that did not log it in").isEqualTo(200);
        assertThat(home.body()).contains(USER);
        HttpResponse<String> executions = send(get(1, "/api/v1/executions").header("Cookie", session));
        assertThat(executions.statusCode()).as(executions.body()).isEqualTo(200);
        assertThat(send(get(1, "/api/v1/executions")).statusCode()).as("without the session").isEqualTo(401);
    }

    /** A trigger of the control's own Quartz job firing once, at {@code due} (UTC), for the period after {@code period}. */
    private static Trigger firingOnce(String job, Period period, LocalDateTime due) {
        ZonedDateTime at = due.atZone(ZoneOffset.UTC);
        return TriggerBuilder.newTrigger().withIdentity(job + " " + period, GROUP).forJob(JobKey.jobKey(job, "custos"))
                .startAt(Date.from(at.minusDays(1).toInstant()))
                .withSchedule(CronScheduleBuilder.cronSchedule("%d %d %d %d %d ? %d".formatted(at.getSecond(),
                                at.getMinute(), at.getHour(), at.getDayOfMonth(), at.getMonthValue(), at.getYear()))
                        .inTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC)).withMisfireHandlingInstructionFireAndProceed())
                .build();
    }

    /** A Quartz client of the cluster's job store (never started: it only stores jobs and triggers). */
    private static Properties quartzClient() {
        Properties settings = new Properties();
        settings.setProperty("org.quartz.scheduler.instanceName", "custos");
        settings.setProperty("org.quartz.scheduler.instanceId", "two-node-test-client");
        settings.setProperty("org.quartz.threadPool.threadCount", "1");
        settings.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        settings.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        settings.setProperty("org.quartz.jobStore.isClustered", "true");
        settings.setProperty("org.quartz.jobStore.dataSource", "cluster");
        settings.setProperty("org.quartz.dataSource.cluster.provider", "hikaricp");
        settings.setProperty("org.quartz.dataSource.cluster.driver", "org.mariadb.jdbc.Driver");
        settings.setProperty("org.quartz.dataSource.cluster.URL", cluster.database().url());
        settings.setProperty("org.quartz.dataSource.cluster.user", TestDatabase.user());
        settings.setProperty("org.quartz.dataSource.cluster.password", TestDatabase.password());
        settings.setProperty("org.quartz.dataSource.cluster.maxConnections", "2");
        return settings;
    }

    private static Optional<String> sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("SESSION="))
                .map(cookie -> cookie.substring(0, cookie.indexOf(';'))).findFirst();
    }

    private static URI uri(int node, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(node) + path);
    }

    private static HttpRequest.Builder get(int node, String path) {
        return HttpRequest.newBuilder(uri(node, path)).GET();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
