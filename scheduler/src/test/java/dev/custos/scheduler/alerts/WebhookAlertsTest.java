package dev.custos.scheduler.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.custos.common.results.ResultsMigration;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.test.TestDatabase;
import dev.custos.scheduler.HttpReceiver;
import dev.custos.scheduler.HttpReceiver.Received;

/** Alerts posted to a real HTTP receiver from incidents read from MariaDB's results schema. */
class WebhookAlertsTest {

    private static final TestDatabase DATABASE = TestDatabase.create(WebhookAlertsTest.class);
    private static final String SECRET = "s3cr3t-webhook-key-for-the-test";
    private static final String PERSONAL = "Jeanne Dupont";
    private static final Duration BACKOFF = Duration.ofSeconds(30);

    private static JdbcTemplate jdbc;
    private static ResultsSchema schema;

    private List<Received> received;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private HttpReceiver receiver;
    private AlertEvaluator evaluator;

    @BeforeAll
    static void migrate() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(DATABASE.url(), TestDatabase.user(),
                TestDatabase.password());
        schema = new ResultsSchema(DATABASE.resultsSchema());
        ResultsMigration.migrate(dataSource, schema);
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterAll
    static void drop() {
        DATABASE.drop();
    }

    @BeforeEach
    void startReceiver() throws IOException {
        for (String table : List.of("run", "alert", "alert_delivery")) {
            jdbc.update(schema.sql("DELETE FROM {results}." + table));
        }
        receiver = HttpReceiver.start().answering("/hook", () -> failuresLeft.getAndDecrement() > 0 ? 500 : 204);
        received = receiver.received("/hook");
        URI url = URI.create(receiver.url("/hook"));
        var settings = new AlertsProperties.Webhook(url, SECRET, 3, BACKOFF, Duration.ofSeconds(5));
        evaluator = new AlertEvaluator(new AlertReadings(jdbc, schema), List::of, new AlertStore(jdbc, schema),
                List.of(new WebhookChannel(settings)), new SimpleMeterRegistry(), clock);
        logs.start();
        ((Logger) LoggerFactory.getLogger(AlertEvaluator.class)).addAppender(logs);
    }

    @AfterEach
    void stopReceiver() {
        ((Logger) LoggerFactory.getLogger(AlertEvaluator.class)).detachAppender(logs);
        receiver.close();
    }

    @Test
    void aFailedRunFailingEveryRetryRaisesOneSignedFiringAlert() throws Exception {
        run(1, "reconciliation", "2026-11", "FAILED");
        evaluator.evaluate();
        run(2, "reconciliation", "2026-11", "FAILED");
        clock.advance(Duration.ofMinutes(5));
        evaluator.evaluate();
        run(3, "reconciliation", "2026-11", "FAILED");
        evaluator.evaluate();

        assertThat(received).hasSize(1);
        Received alert = received.get(0);
        assertThat(alert.header("X-Custos-Signature")).isEqualTo("sha256=" + hmac(SECRET, alert.body()));
        assertThat(alert.header("Idempotency-Key")).isEqualTo("run-failed:reconciliation:2026-11#1:FIRING");
        assertThat(alert.body()).isEqualTo("{\"incident\":\"run-failed:reconciliation:2026-11\",\"kind\":\"RUN_FAILED\","
                + "\"job\":\"reconciliation\",\"period\":\"2026-11\",\"state\":\"FIRING\",\"summary\":\"The latest run "
                + "of reconciliation for 2026-11 ended FAILED (execution 1)\",\"time\":\"2026-12-01T08:00:00Z\"}");
        assertThat(jdbc.queryForMap(schema.sql("SELECT state, occurrence FROM {results}.alert")))
                .containsEntry("state", "OPEN").containsEntry("occurrence", 1);
    }

    @Test
    void aReceiverFailingTwiceAcceptsTheThirdAttemptAndTheTableShowsThem() {
        failuresLeft.set(2);
        run(1, "backup", "2026-11-30", "STOPPED");

        evaluator.evaluate();
        evaluator.evaluate();
        assertThat(delivery()).containsEntry("attempts", 1).containsEntry("last_status", "HTTP 500");
        assertThat(delivery().get("next_attempt_utc").toString()).startsWith("2026-12-01 08:00:30");
        clock.advance(BACKOFF);
        evaluator.evaluate();
        assertThat(delivery()).containsEntry("attempts", 2);
        assertThat(delivery().get("next_attempt_utc").toString()).startsWith("2026-12-01 08:01:30");
        clock.advance(BACKOFF.multipliedBy(2));
        evaluator.evaluate();
        clock.advance(Duration.ofHours(1));
        evaluator.evaluate();

        assertThat(received).hasSize(1);
        assertThat(received.get(0).body()).contains("\"state\":\"FIRING\"", "\"kind\":\"RUN_FAILED\"");
        assertThat(delivery()).containsEntry("attempts", 3).containsEntry("last_status", "HTTP 204")
                .containsEntry("next_attempt_utc", null);
        assertThat(delivery().get("delivered_at_utc")).isNotNull();
        assertThat(logs.list).filteredOn(e -> e.getLevel().toString().equals("WARN")).hasSize(2)
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).contains("backup", "HTTP 500"));
    }

    @Test
    void aDeliveryUsingUpItsAttemptsStaysVisibleAsUndelivered() {
        failuresLeft.set(10);
        run(1, "backup", "2026-11-29", "FAILED");
        for (int attempt = 0; attempt < 5; attempt++) {
            evaluator.evaluate();
            clock.advance(Duration.ofHours(1));
        }

        assertThat(received).isEmpty();
        assertThat(delivery()).containsEntry("attempts", 3).containsEntry("last_status", "HTTP 500")
                .containsEntry("delivered_at_utc", null).containsEntry("next_attempt_utc", null);
        assertThat(logs.list).last().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("given up", "run-failed:backup:2026-11-29");
    }

    @Test
    void aRerunThatCompletesSendsResolvedOnceAndEvaluatingAgainSendsNothing() throws Exception {
        run(1, "reconciliation", "2026-10", "FAILED");
        evaluator.evaluate();
        run(2, "reconciliation", "2026-10", "COMPLETED");
        clock.advance(Duration.ofMinutes(10));
        evaluator.evaluate();
        evaluator.evaluate();
        clock.advance(Duration.ofHours(2));
        evaluator.evaluate();

        assertThat(received).extracting(delivered -> delivered.header("Idempotency-Key")).containsExactly(
                "run-failed:reconciliation:2026-10#1:FIRING", "run-failed:reconciliation:2026-10#1:RESOLVED");
        Received resolved = received.get(1);
        assertThat(resolved.body()).contains("\"state\":\"RESOLVED\"", "\"time\":\"2026-12-01T08:10:00Z\"");
        assertThat(resolved.header("X-Custos-Signature")).isEqualTo("sha256=" + hmac(SECRET, resolved.body()));
        assertThat(jdbc.queryForObject(schema.sql("SELECT state FROM {results}.alert"), String.class))
                .isEqualTo("RESOLVED");
        assertThat(jdbc.queryForObject(schema.sql("SELECT COUNT(*) FROM {results}.alert_delivery "
                + "WHERE delivered_at_utc IS NOT NULL"), Integer.class)).isEqualTo(2);
    }

    @Test
    void neitherTheBodyNorTheLogsCarryTheSecretOrTheRunsPersonalMessage() {
        failuresLeft.set(1);
        run(1, "training", "2026", "FAILED");
        evaluator.evaluate();
        clock.advance(BACKOFF);
        evaluator.evaluate();

        assertThat(received).hasSize(1);
        assertThat(received.get(0).body()).doesNotContain(SECRET, PERSONAL);
        assertThat(logs.list).isNotEmpty().allSatisfy(e -> assertThat(e.getFormattedMessage())
                .doesNotContain(SECRET, PERSONAL));
        assertThat(jdbc.queryForList(schema.sql("SELECT body, last_status FROM {results}.alert_delivery")).toString())
                .doesNotContain(SECRET, PERSONAL);
    }

    @Test
    void aMessageDueOnAChannelRemovedFromTheConfigurationIsMarkedSoNeverRetriedAndShown() {
        run(1, "backup", "2026-11-27", "FAILED");
        evaluator.evaluate();
        // a message recorded for the chat channel while it was configured, not sent before it was removed
        new AlertStore(jdbc, schema).addDelivery("run-failed:backup:2026-11-27#1:FIRING", "run-failed:backup:2026-11-27",
                "chat", "FIRING", "{\"text\":\"backup failed\"}", clock.instant());

        evaluator.evaluate();
        clock.advance(Duration.ofDays(1));
        evaluator.evaluate();

        assertThat(received).as("the configured channel's message only").hasSize(1);
        assertThat(jdbc.queryForMap(schema.sql("SELECT attempts, last_status, next_attempt_utc, delivered_at_utc "
                + "FROM {results}.alert_delivery WHERE channel = 'chat'"))).containsEntry("attempts", 0)
                .containsEntry("last_status", "channel-removed").containsEntry("next_attempt_utc", null)
                .containsEntry("delivered_at_utc", null);
        assertThat(new AlertStore(jdbc, schema).due(clock.instant())).as("no longer due").isEmpty();
        assertThat(new AlertHistory(jdbc, schema).recent(10)).singleElement().satisfies(alert -> assertThat(
                alert.deliveries()).extracting(AlertHistory.Delivery::channel, AlertHistory.Delivery::outcome)
                .containsExactlyInAnyOrder(tuple("webhook", "DELIVERED"), tuple("chat", "CHANNEL_REMOVED")));
        assertThat(logs.list).filteredOn(event -> event.getFormattedMessage().contains("no longer configured"))
                .as("said once").singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("chat", "run-failed:backup:2026-11-27");
    }

    @Test
    void withoutAWebhookUrlIncidentsAreRecordedAndNothingIsSent() {
        var noChannel = new AlertEvaluator(new AlertReadings(jdbc, schema), List::of, new AlertStore(jdbc, schema),
                List.of(), new SimpleMeterRegistry(), clock);
        run(1, "backup", "2026-11-28", "FAILED");
        noChannel.evaluate();

        assertThat(jdbc.queryForObject(schema.sql("SELECT incident_key FROM {results}.alert WHERE state = 'OPEN'"),
                String.class)).isEqualTo("run-failed:backup:2026-11-28");
        assertThat(jdbc.queryForObject(schema.sql("SELECT COUNT(*) FROM {results}.alert_delivery"), Integer.class))
                .isZero();
        assertThat(received).isEmpty();
    }

    private Map<String, Object> delivery() {
        return jdbc.queryForMap(schema.sql("SELECT attempts, last_status, next_attempt_utc, delivered_at_utc "
                + "FROM {results}.alert_delivery"));
    }

    private void run(long executionId, String job, String period, String status) {
        jdbc.update(schema.sql("""
                INSERT INTO {results}.run (execution_id, job_instance_id, job, period, status, started_at, ended_at,
                  exit_message)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)"""), executionId, executionId, job, period, status,
                clock.instant().atOffset(ZoneOffset.UTC).toLocalDateTime(),
                clock.instant().atOffset(ZoneOffset.UTC).toLocalDateTime(),
                "Row 3 of the roster names " + PERSONAL + " twice");
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
