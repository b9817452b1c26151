package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.custos.common.period.Period;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.CustosApplication;
import dev.custos.scheduler.InProcess;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.launch.ControlLauncher;
import dev.custos.scheduler.launch.RunOutcome;
import dev.custos.scheduler.quartz.ScheduleService;

/**
 * {@code custos serve}'s context on a random port, against a real MariaDB and blob store:
 * Actuator's health (database, store, scheduler, each control's deadline) and Prometheus metrics
 * (Spring Batch's own and Custos's figures), read over HTTP as Prometheus and a load balancer do.
 * Security is not configured here: these are the endpoints the console's roles will guard.
 */
class ServeMonitoringTest {

    private static final String JOB = "key-rotation";
    private static final String ENABLED = "--custos.fifth-control.enabled=true";
    /* key-rotation's 2026-11 is due by 2026-12-05T12:00Z (P4DT12H after the month) */
    private static final Instant AFTER_NOVEMBER_WAS_DUE = Instant.parse("2026-12-07T00:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Health details and the metrics are for the ADMIN and AUDITOR roles. */
    private static final String AUDITOR_PASSWORD = "auditor reads the metrics";

    @TempDir
    static Path home;

    private static Installation installation;

    @BeforeAll
    static void completeNovember() throws IOException {
        installation = Installation.create(ServeMonitoringTest.class, home);
        CommandResult run = installation.custos("run", JOB, "--period", "2026-11", "--inbox", keys("2026-11").toString(),
                ENABLED);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        CommandResult added = CommandResult.withStdin(AUDITOR_PASSWORD + "\n",
                () -> installation.custos("user", "add", "auditor", "--role", "AUDITOR", "--password-stdin"));
        assertThat(added.exitCode()).as(added.describe()).isZero();
    }

    @AfterAll
    static void dropDatabase() {
        installation.close();
    }

    private static Path keys(String month) throws IOException {
        Path inbox = Files.createDirectories(home.resolve("inputs/" + JOB + "/" + month));
        Files.writeString(inbox.resolve("key_inventory.csv"), """
                key_id,rotated_on
                K-1,%s-20
                K-2,2026-01-01
                K-3,not-a-date
                """.formatted(month));
        return inbox;
    }

    /** serve's own arguments (Mode.SERVE), the installation's, a random port, and a clock of the test's. */
    private static ConfigurableApplicationContext serve(Instant now, String... more) {
        List<String> args = new ArrayList<>(Mode.SERVE.springArguments());
        args.addAll(installation.overrides());
        args.addAll(List.of(ENABLED, "--server.port=0", "--management.endpoint.health.show-details=always",
                "--management.endpoint.health.show-components=always", "--custos.monitoring.refresh=PT0.5S"));
        args.addAll(List.of(more));
        SpringApplication application = new SpringApplication(CustosApplication.class);
        application.addInitializers(context -> context.getBeanFactory()
                .registerSingleton("clock", Clock.fixed(now, ZoneOffset.UTC)));
        return InProcess.run(() -> application.run(args.toArray(String[]::new)));
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext serve, String path) throws Exception {
        String port = serve.getEnvironment().getProperty("local.server.port");
        String auditor = Base64.getEncoder().encodeToString(("auditor:" + AUDITOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Basic " + auditor).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsUpWithDatabaseStoreSchedulerAndAControlThatKeptItsDeadline() throws Exception {
        try (ConfigurableApplicationContext serve = serve(AFTER_NOVEMBER_WAS_DUE)) {
            HttpResponse<String> response = get(serve, "/actuator/health");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode health = JSON.readTree(response.body());
            assertThat(health.path("status").asString()).isEqualTo("UP");
            JsonNode components = health.path("components");
            assertThat(components.path("db").path("status").asString()).isEqualTo("UP");
            assertThat(components.path("blobStore").path("status").asString()).isEqualTo("UP");
            assertThat(components.path("scheduler").path("details").path("state").asString()).isEqualTo("started");
            JsonNode keyRotation = components.path("controls").path("components").path(JOB);
            assertThat(keyRotation.path("status").asString()).as(response.body()).isEqualTo("UP");
            assertThat(keyRotation.path("details").path("latestCompleted").asString()).isEqualTo("2026-11");
            assertThat(keyRotation.path("details").path("dueBy").asString()).isEqualTo("2026-12-05T12:00:00Z");
        }
    }

    @Test
    void aPausedScheduleIsNamedWhileHealthStaysUpAndASchedulerInStandbyIsDown() throws Exception {
        try (ConfigurableApplicationContext serve = serve(AFTER_NOVEMBER_WAS_DUE)) {
            ScheduleService schedules = serve.getBean(ScheduleService.class);
            schedules.synchronize();
            schedules.pause(JOB);

            HttpResponse<String> paused = get(serve, "/actuator/health");
            assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
            JsonNode scheduler = JSON.readTree(paused.body()).path("components").path("scheduler");
            assertThat(scheduler.path("status").asString()).isEqualTo("UP");
            assertThat(scheduler.path("details").path("paused").toString()).isEqualTo("[\"" + JOB + "\"]");

            serve.getBean(Scheduler.class).standby();
            HttpResponse<String> standby = get(serve, "/actuator/health");
            assertThat(standby.statusCode()).as(standby.body()).isEqualTo(503);
            JsonNode down = JSON.readTree(standby.body()).path("components").path("scheduler");
            assertThat(down.path("status").asString()).isEqualTo("DOWN");
            assertThat(down.path("details").path("state").asString()).isEqualTo("standby");
            schedules.resume(JOB);
        }
    }

    @Test
    void aControlPastItsDeadlineMakesHealthOverdueWith503NamingIt() throws Exception {
        // two months on: December was due and never ran
        try (ConfigurableApplicationContext serve = serve(Instant.now().plus(Duration.ofDays(62)))) {
            HttpResponse<String> response = get(serve, "/actuator/health");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            JsonNode health = JSON.readTree(response.body());
            assertThat(health.path("status").asString()).isEqualTo("OVERDUE");
            JsonNode keyRotation = health.path("components").path("controls").path("components").path(JOB);
            assertThat(keyRotation.path("status").asString()).isEqualTo("OVERDUE");
            assertThat(keyRotation.path("details").path("overdue").asString()).startsWith(JOB + " ").contains("not completed by");
            assertThat(prometheusOnceRefreshed(serve, "custos_control_overdue{job=\"" + JOB + "\"} 1.0")).isTrue();
        }
    }

    @Test
    void prometheusHasSpringBatchJobAndStepMetricsAndCustosFiguresAfterARun() throws Exception {
        try (ConfigurableApplicationContext serve = serve(AFTER_NOVEMBER_WAS_DUE)) {
            // October given November's file again: published, with the warning input_reused_from
            Path october = Files.createDirectories(home.resolve("inputs/" + JOB + "/2026-10"));
            Files.copy(keys("2026-11").resolve("key_inventory.csv"), october.resolve("key_inventory.csv"));
            RunOutcome octoberRun = serve.getBean(ControlLauncher.class)
                    .run(JOB, Period.parse("2026-10"), false, october, installation.outbox());
            assertThat(octoberRun.completed()).as(octoberRun.toString()).isTrue();

            String metrics = get(serve, "/actuator/prometheus").body();
            // the tags the dashboard (ops/observability/custos-dashboard.json) groups by
            assertThat(lines(metrics, "spring_batch_job_seconds_count"))
                    .anyMatch(line -> line.contains("spring_batch_job_name=\"" + JOB + "\"")
                            && line.contains("spring_batch_job_status=\"COMPLETED\""));
            assertThat(lines(metrics, "spring_batch_step_seconds_count"))
                    .anyMatch(line -> line.contains("spring_batch_step_job_name=\"" + JOB + "\"")
                            && line.contains("spring_batch_step_name="));

            assertThat(prometheusOnceRefreshed(serve,
                    "custos_run_warning{job=\"" + JOB + "\",name=\"input_reused_from\"} 1.0")).isTrue();
            String refreshed = get(serve, "/actuator/prometheus").body();
            // November stays the latest completed period: one of its two well-formed keys was rotated in it
            assertThat(refreshed).contains("custos_kpi_value{job=\"" + JOB + "\",kpi=\"keys_rotated\"} 0.5")
                    .contains("custos_kpi_met{job=\"" + JOB + "\",kpi=\"keys_rotated\"} 0.0")
                    .contains("custos_metric{job=\"" + JOB + "\",name=\"rows_rejected\"} 1.0")
                    .contains("custos_last_run_failed{job=\"" + JOB + "\"} 0.0")
                    .contains("custos_control_overdue{job=\"" + JOB + "\"} 0.0")
                    .contains("custos_run_warning{job=\"" + JOB + "\",name=\"input_reused_from\"} 1.0");
            assertThat(lines(refreshed, "custos_last_success_timestamp_seconds{job=\"" + JOB + "\"}")).hasSize(1);
        }
    }

    @Test
    void aRunWithJsonLoggingNamesItsExecutionJobAndPeriodOnEveryLineItLogs() throws Exception {
        CommandResult september;
        try {
            september = installation.custos("run", JOB, "--period", "2026-09", "--inbox",
                    keys("2026-09").toString(), ENABLED, "--logging.structured.format.file=ecs",
                    // Batch's own step and job loggers are off by default (they print a failure's raw text)
                    "--logging.level.org.springframework.batch.core.job=INFO",
                    "--logging.level.org.springframework.batch.core.step=INFO");
        } finally {
            // Boot hands the format to Logback as a system property, which would outlive this command in the test JVM
            System.clearProperty("FILE_LOG_STRUCTURED_FORMAT");
        }
        assertThat(september.exitCode()).as(september.describe()).isZero();

        List<JsonNode> json = new ArrayList<>();
        try (Stream<String> lines = Files.lines(installation.logFile())) {
            for (String line : lines.filter(line -> line.startsWith("{")).toList()) {
                json.add(JSON.readTree(line));
            }
        }
        List<JsonNode> runLines = json.stream().filter(line -> "2026-09".equals(line.path("period").asString())).toList();
        assertThat(runLines).as("lines of the September run").isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("job").asString()).isEqualTo(JOB);
            assertThat(line.path("execution_id").asString()).matches("\\d+");
            assertThat(line.path("@timestamp").asString()).endsWith("Z");
        });
        // Batch's step lines are logged inside the run: every one of them carries the run's context
        List<JsonNode> stepLines = json.stream()
                .filter(line -> line.toString().contains("Executing step") || line.toString().contains("executed in"))
                .toList();
        assertThat(stepLines).isNotEmpty().allSatisfy(line -> assertThat(line.path("period").asString()).isEqualTo("2026-09"));
    }

    @Test
    void everyLogLineStartsWithItsUtcTimeEvenAFailedRunsStackTrace() throws Exception {
        Path august = Files.createDirectories(home.resolve("inputs/" + JOB + "/2026-08"));
        Files.writeString(august.resolve("key_inventory.csv"), "not,the,header\n");
        CommandResult failed = installation.custos("run", JOB, "--period", "2026-08", "--inbox", august.toString(), ENABLED);
        assertThat(failed.exitCode()).as(failed.describe()).isEqualTo(ExitCodes.FAILED);

        List<String> lines;
        try (Stream<String> all = Files.lines(installation.logFile())) {
            lines = all.filter(line -> !line.startsWith("{")).toList(); // JSON lines are another test's
        }
        assertThat(lines).anyMatch(line -> line.contains(" ERROR ") && line.contains(" | \tat "))
                .allMatch(line -> line.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z [A-Z]+ .*"));
    }

    @Test
    void serveOnAPortInUseSaysSoInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CommandResult serve = installation.custos("serve", "--server.port=" + taken.getLocalPort(),
                    "--server.address=127.0.0.1", ENABLED);

            assertThat(serve.exitCode()).as(serve.describe()).isEqualTo(ExitCodes.ENVIRONMENT);
            assertThat(serve.errLines()).as(serve.describe()).hasSize(1);
            assertThat(serve.errLines()).containsExactly("custos: port " + taken.getLocalPort()
                    + " is in use: stop what listens there or set server.port");
            assertThat(serve.showsStackTrace()).isFalse();
        }
    }

    @Test
    void aDeadlineForNoControlStopsServeInOneLine() {
        CommandResult serve = installation.custos("serve", "--server.port=0", "--custos.deadlines.no-such-job=P1D", ENABLED);

        assertThat(serve.exitCode()).as(serve.describe()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(serve.errLines()).as(serve.describe()).containsExactly(
                "custos: custos.deadlines names no control: no-such-job");
        assertThat(serve.showsStackTrace()).isFalse();
    }

    private static List<String> lines(String metrics, String prefix) {
        return metrics.lines().filter(line -> line.startsWith(prefix)).toList();
    }

    /** Custos's gauges are refreshed from the results schema every custos.monitoring.refresh (here half a second). */
    private static boolean prometheusOnceRefreshed(ConfigurableApplicationContext serve, String expected) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            if (get(serve, "/actuator/prometheus").body().contains(expected)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
