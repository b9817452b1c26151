package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.CustosApplication;
import dev.custos.scheduler.InProcess;
import dev.custos.scheduler.Installation;

/**
 * {@code custos serve} evaluates alerts from a Quartz trigger of its own and posts them to a real HTTP
 * receiver: a control whose period passed its deadline without a completed run raises "overdue" once.
 */
class ServeAlertsTest {

    private static final String JOB = "key-rotation";
    private static final String ENABLED = "--custos.fifth-control.enabled=true";
    /* key-rotation's 2026-12 is due by 2027-01-05T12:00Z; only 2026-11 completes */
    private static final Instant AFTER_DECEMBER_WAS_DUE = Instant.parse("2027-01-06T00:00:00Z");

    @TempDir
    static Path home;

    private static Installation installation;
    private static HttpServer receiver;
    private static final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void completeNovemberAndStartReceiver() throws IOException {
        installation = Installation.create(ServeAlertsTest.class, home);
        Path inbox = Files.createDirectories(home.resolve("inputs/" + JOB + "/2026-11"));
        Files.writeString(inbox.resolve("key_inventory.csv"), "key_id,rotated_on\nK-1,2026-11-20\n");
        CommandResult run = installation.custos("run", JOB, "--period", "2026-11", "--inbox", inbox.toString(), ENABLED);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Idempotency-Key") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        installation.close();
    }

    @Test
    void serveRaisesOverdueOnceFromTheAlertsQuartzTriggerWhichSchedulesDoesNotList() throws Exception {
        List<String> args = new ArrayList<>(Mode.SERVE.springArguments());
        args.addAll(installation.overrides());
        args.addAll(List.of(ENABLED, "--server.port=0", "--custos.alerts.interval=PT0.5S",
                "--custos.alerts.webhook.url=http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                "--custos.alerts.webhook.secret=serve-test-secret"));
        SpringApplication application = new SpringApplication(CustosApplication.class);
        application.addInitializers(context -> context.getBeanFactory()
                .registerSingleton("clock", Clock.fixed(AFTER_DECEMBER_WAS_DUE, ZoneOffset.UTC)));
        try (ConfigurableApplicationContext serve = InProcess.run(() -> application.run(args.toArray(String[]::new)))) {
            Scheduler scheduler = serve.getBean(Scheduler.class);
            assertThat(scheduler.checkExists(JobKey.jobKey("custos-alerts", "custos-system"))).isTrue();
            assertThat(scheduler.checkExists(TriggerKey.triggerKey("custos-alerts", "custos-system"))).isTrue();
            scheduler.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(2000);
        }

        assertThat(received).hasSize(1);
        assertThat(received.get(0)).startsWith("overdue:key-rotation:2026-12#1:FIRING {")
                .contains("\"state\":\"FIRING\"", "\"kind\":\"OVERDUE\"", "due by 2027-01-05T12:00:00Z");
        CommandResult schedules = installation.custos("schedules", ENABLED);
        assertThat(schedules.exitCode()).as(schedules.describe()).isZero();
        assertThat(schedules.out()).contains(JOB).doesNotContain("custos-alerts");
    }

    @Test
    void aWebhookWithoutASecretStopsServeInOneLine() {
        CommandResult serve = installation.custos("serve", "--server.port=0", ENABLED,
                "--custos.alerts.webhook.url=http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");

        assertThat(serve.exitCode()).as(serve.describe()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(serve.errLines()).as(serve.describe()).containsExactly(
                "custos: custos.alerts.webhook.url needs custos.alerts.webhook.secret to sign the alerts");
        assertThat(serve.showsStackTrace()).isFalse();
    }
}
