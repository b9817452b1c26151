package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.HttpReceiver;
import dev.custos.scheduler.CustosApplication;
import dev.custos.scheduler.InProcess;
import dev.custos.scheduler.Installation;

/**
 * {@code custos serve} evaluates alerts from one cluster-wide Quartz trigger of its own and sends them to a
 * real HTTP receiver (the signed webhook and a chat room) and a real SMTP server: when the node that was
 * serving stops, the next node raises "overdue" for the control that did not run, once on each channel.
 */
class ServeAlertsTest {

    private static final String JOB = "key-rotation";
    private static final String ENABLED = "--custos.fifth-control.enabled=true";
    /* key-rotation's 2026-12 is due by 2027-01-05T12:00Z; only 2026-11 completes */
    private static final Instant BEFORE_DECEMBER_WAS_DUE = Instant.parse("2027-01-05T00:00:00Z");
    private static final Instant AFTER_DECEMBER_WAS_DUE = Instant.parse("2027-01-06T00:00:00Z");
    private static final String AUDITOR_PASSWORD = "auditor reads the metrics";
    private static final TriggerKey ALERTS_TRIGGER = TriggerKey.triggerKey("custos-alerts", "custos-system");

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    static Path home;

    private static Installation installation;
    private static HttpReceiver receiver;

    @BeforeAll
    static void completeNovemberAndStartReceiver() throws IOException {
        installation = Installation.create(ServeAlertsTest.class, home);
        Path inbox = Files.createDirectories(home.resolve("inputs/" + JOB + "/2026-11"));
        Files.writeString(inbox.resolve("key_inventory.csv"), "key_id,rotated_on\nK-1,2026-11-20\n");
        CommandResult run = installation.custos("run", JOB, "--period", "2026-11", "--inbox", inbox.toString(), ENABLED);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        CommandResult added = CommandResult.withStdin(AUDITOR_PASSWORD + "\n",
                () -> installation.custos("user", "add", "auditor", "--role", "AUDITOR", "--password-stdin"));
        assertThat(added.exitCode()).as(added.describe()).isZero();
        receiver = HttpReceiver.start().answering("/hook", 200).answering("/chat", 200);
    }

    @AfterAll
    static void stop() {
        receiver.close();
        installation.close();
    }

    /** A serve node of the cluster (the installation's database), with the test's clock and every channel set. */
    private static ConfigurableApplicationContext node(Instant now) {
        List<String> args = new ArrayList<>(Mode.SERVE.springArguments());
        args.addAll(installation.overrides());
        args.addAll(List.of(ENABLED, "--server.port=0", "--custos.alerts.interval=PT0.5S",
                "--custos.alerts.webhook.url=" + receiver.url("/hook"),
                "--custos.alerts.webhook.secret=serve-test-secret",
                "--custos.alerts.chat.url=" + receiver.url("/chat"),
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + SMTP.getSmtp().getPort(),
                "--custos.alerts.mail.to=ops@example.org", "--custos.alerts.mail.from=custos@example.org"));
        SpringApplication application = new SpringApplication(CustosApplication.class);
        application.addInitializers(context -> context.getBeanFactory()
                .registerSingleton("clock", Clock.fixed(now, ZoneOffset.UTC)));
        return InProcess.run(() -> application.run(args.toArray(String[]::new)));
    }

    @Test
    void aStoppedServeLeavesTheNextNodeToRaiseOverdueOnceOnEachChannelAndCountIt() throws Exception {
        try (ConfigurableApplicationContext first = node(BEFORE_DECEMBER_WAS_DUE)) {
            Scheduler scheduler = first.getBean(Scheduler.class);
            scheduler.start();
            assertThat(scheduler.checkExists(JobKey.jobKey("custos-alerts", "custos-system"))).isTrue();
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (scheduler.getTrigger(ALERTS_TRIGGER).getPreviousFireTime() == null && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(scheduler.getTrigger(ALERTS_TRIGGER).getPreviousFireTime()).as("the first node evaluated")
                    .isNotNull();
        }
        List<HttpReceiver.Received> webhook = receiver.received("/hook");
        List<HttpReceiver.Received> chat = receiver.received("/chat");
        assertThat(webhook).as("nothing was due while the first node served").isEmpty();

        try (ConfigurableApplicationContext next = node(AFTER_DECEMBER_WAS_DUE)) {
            Scheduler scheduler = next.getBean(Scheduler.class);
            scheduler.start();
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((webhook.isEmpty() || chat.isEmpty() || SMTP.getReceivedMessages().length == 0)
                    && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            Trigger trigger = scheduler.getTrigger(ALERTS_TRIGGER);
            long firedBefore = trigger.getPreviousFireTime().getTime();
            while (scheduler.getTrigger(ALERTS_TRIGGER).getPreviousFireTime().getTime() < firedBefore + 1500
                    && System.nanoTime() < until) {
                Thread.sleep(100); // a few more evaluations: the incident is still open, nothing more is sent
            }
            String metrics = prometheus(next);
            assertThat(metrics).contains("custos_alerts_sent_total{channel=\"webhook\"} 1.0",
                    "custos_alerts_sent_total{channel=\"chat\"} 1.0", "custos_alerts_sent_total{channel=\"mail\"} 1.0",
                    "custos_alerts_failed_total{channel=\"webhook\"} 0.0");
        }

        assertThat(webhook).hasSize(1);
        assertThat(webhook.get(0).header("Idempotency-Key")).isEqualTo("overdue:key-rotation:2026-12#1:FIRING");
        assertThat(webhook.get(0).body()).startsWith("{")
                .contains("\"state\":\"FIRING\"", "\"kind\":\"OVERDUE\"", "due by 2027-01-05T12:00:00Z");
        assertThat(chat).singleElement().extracting(HttpReceiver.Received::body).asString()
                .startsWith("{\"text\":\"[FIRING] No completed run of key-rotation");
        assertThat(SMTP.getReceivedMessages()).singleElement()
                .satisfies(mail -> assertThat(mail.getSubject()).isEqualTo("[Custos] FIRING: OVERDUE key-rotation 2026-12"));
        CommandResult schedules = installation.custos("schedules", ENABLED);
        assertThat(schedules.exitCode()).as(schedules.describe()).isZero();
        assertThat(schedules.out()).contains(JOB).doesNotContain("custos-alerts");
    }

    @Test
    void aWebhookWithoutASecretStopsServeInOneLine() {
        CommandResult serve = installation.custos("serve", "--server.port=0", ENABLED,
                "--custos.alerts.webhook.url=" + receiver.url("/hook"));

        assertThat(serve.exitCode()).as(serve.describe()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(serve.errLines()).as(serve.describe()).containsExactly(
                "custos: custos.alerts.webhook.url needs custos.alerts.webhook.secret to sign the alerts");
        assertThat(serve.showsStackTrace()).isFalse();
    }

    private static String prometheus(ConfigurableApplicationContext serve) throws Exception {
        String port = serve.getEnvironment().getProperty("local.server.port");
        String auditor = Base64.getEncoder().encodeToString(("auditor:" + AUDITOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                        .header("Authorization", "Basic " + auditor).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
