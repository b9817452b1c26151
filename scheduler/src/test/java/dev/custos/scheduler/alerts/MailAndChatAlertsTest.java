package dev.custos.scheduler.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import dev.custos.common.CustosException;
import dev.custos.common.results.ResultsMigration;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.test.TestDatabase;
import dev.custos.scheduler.HttpReceiver;

/**
 * Alerts by mail to a real SMTP server (GreenMail) and as chat messages to a real HTTP receiver, from
 * incidents read from MariaDB's results schema; each channel's deliveries recorded and counted apart.
 */
class MailAndChatAlertsTest {

    private static final TestDatabase DATABASE = TestDatabase.create(MailAndChatAlertsTest.class);
    private static final String PERSONAL = "Jeanne Dupont";
    private static final Duration BACKOFF = Duration.ofSeconds(30);
    private static final String OPS = "ops@example.org";
    private static final String FROM = "custos@example.org";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static JdbcTemplate jdbc;
    private static ResultsSchema schema;

    private final AtomicInteger chatFailuresLeft = new AtomicInteger();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private HttpReceiver chatRoom;

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
    void startChatRoom() throws IOException {
        for (String table : List.of("run", "alert", "alert_delivery")) {
            jdbc.update(schema.sql("DELETE FROM {results}." + table));
        }
        chatRoom = HttpReceiver.start().answering("/hooks/room-token",
                () -> chatFailuresLeft.getAndDecrement() > 0 ? 503 : 200);
        logs.start();
        ((Logger) LoggerFactory.getLogger(AlertEvaluator.class)).addAppender(logs);
    }

    @AfterEach
    void stopChatRoom() {
        ((Logger) LoggerFactory.getLogger(AlertEvaluator.class)).detachAppender(logs);
        chatRoom.close();
    }

    private AlertEvaluator evaluator(int smtpPort) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtpPort);
        var properties = new AlertsProperties(Duration.ofMinutes(1),
                new AlertsProperties.Webhook(null, null, 3, BACKOFF, Duration.ofSeconds(5)),
                new AlertsProperties.Mail(List.of(OPS), FROM, 3, BACKOFF),
                new AlertsProperties.Chat(URI.create(chatRoom.url("/hooks/room-token")), 3, BACKOFF, Duration.ofSeconds(5)));
        return new AlertEvaluator(new AlertReadings(jdbc, schema), List::of, new AlertStore(jdbc, schema),
                AlertsConfig.channels(properties, sender), metrics, clock);
    }

    @Test
    void aFailedRunSendsOnePlainTextMailWhenFiringAndOneWhenResolvedWithoutTheRunsMessage() throws Exception {
        AlertEvaluator evaluator = evaluator(SMTP.getSmtp().getPort());
        run(1, "reconciliation", "2026-11", "FAILED");
        evaluator.evaluate();
        run(2, "reconciliation", "2026-11", "FAILED");
        evaluator.evaluate();
        run(3, "reconciliation", "2026-11", "COMPLETED");
        clock.advance(Duration.ofMinutes(10));
        evaluator.evaluate();
        evaluator.evaluate();

        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertThat(mails).hasSize(2);
        assertThat(mails[0].getSubject()).isEqualTo("[Custos] FIRING: RUN_FAILED reconciliation 2026-11");
        assertThat(mails[1].getSubject()).isEqualTo("[Custos] RESOLVED: RUN_FAILED reconciliation 2026-11");
        assertThat(mails[0].getFrom()[0].toString()).isEqualTo(FROM);
        assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo(OPS);
        assertThat(mails[0].getContentType()).startsWith("text/plain");
        assertThat(mails[0].getHeader("X-Custos-Idempotency-Key")).containsExactly(
                "run-failed:reconciliation:2026-11#1:FIRING");
        assertThat(GreenMailUtil.getBody(mails[0]).replace("\r\n", "\n").strip()).isEqualTo("""
                The latest run of reconciliation for 2026-11 ended FAILED (execution 1)

                Incident: run-failed:reconciliation:2026-11
                Kind: RUN_FAILED
                Job: reconciliation
                Period: 2026-11
                State: FIRING
                Time: 2026-12-01T08:00:00Z""");
        assertThat(GreenMailUtil.getBody(mails[1])).contains("State: RESOLVED", "Time: 2026-12-01T08:10:00Z");
        assertThat(GreenMailUtil.getWholeMessage(mails[0]) + GreenMailUtil.getWholeMessage(mails[1]))
                .doesNotContain(PERSONAL);
        assertThat(jdbc.queryForList(schema.sql("SELECT channel, state FROM {results}.alert_delivery "
                + "WHERE delivered_at_utc IS NOT NULL ORDER BY channel, state")).toString())
                .isEqualTo("[{channel=chat, state=FIRING}, {channel=chat, state=RESOLVED}, "
                        + "{channel=mail, state=FIRING}, {channel=mail, state=RESOLVED}]");
    }

    @Test
    void aChatRoomFailingTheFirstTwoDeliveriesStillGetsExactlyOneMessageAndTheCountersShowTheFailures() {
        chatFailuresLeft.set(2);
        AlertEvaluator evaluator = evaluator(SMTP.getSmtp().getPort());
        run(1, "backup", "2026-11-30", "STOPPED");

        evaluator.evaluate();
        clock.advance(BACKOFF);
        evaluator.evaluate();
        clock.advance(BACKOFF.multipliedBy(2));
        evaluator.evaluate();
        clock.advance(Duration.ofHours(1));
        evaluator.evaluate();

        assertThat(chatRoom.received("/hooks/room-token")).extracting(message -> message.header("Content-Type") + " "
                + message.body()).containsExactly("application/json {\"text\":\"[FIRING] The latest run of backup for 2026-11-30 "
                + "ended STOPPED (execution 1) (run-failed:backup:2026-11-30, 2026-12-01T08:00:00Z)\"}");
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(jdbc.queryForMap(schema.sql("SELECT attempts, last_status FROM {results}.alert_delivery "
                + "WHERE channel = 'chat'"))).containsEntry("attempts", 3).containsEntry("last_status", "HTTP 200");
        assertThat(metrics.counter("custos.alerts.sent", "channel", "chat").count()).isEqualTo(1);
        assertThat(metrics.counter("custos.alerts.failed", "channel", "chat").count()).isEqualTo(2);
        assertThat(metrics.counter("custos.alerts.sent", "channel", "mail").count()).isEqualTo(1);
        assertThat(metrics.counter("custos.alerts.failed", "channel", "mail").count()).isZero();
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .allSatisfy(line -> assertThat(line).doesNotContain("room-token", OPS, FROM));
    }

    @Test
    void anSmtpServerThatDoesNotAnswerIsRetriedAndTheDeliveryNamesTheFailureByItsClass() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AlertEvaluator evaluator = evaluator(closedPort);
        run(1, "training", "2026-Q3", "FAILED");

        evaluator.evaluate();

        assertThat(jdbc.queryForMap(schema.sql("SELECT attempts, last_status, delivered_at_utc FROM "
                + "{results}.alert_delivery WHERE channel = 'mail'")))
                .containsEntry("attempts", 1).containsEntry("delivered_at_utc", null)
                .containsEntry("last_status", "MailSendException (MailConnectException)");
        assertThat(logs.list).filteredOn(e -> e.getLevel().toString().equals("WARN")).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("run-failed:training:2026-Q3", "mail channel", "attempt 1 of 3").doesNotContain(OPS, FROM);
        assertThat(metrics.counter("custos.alerts.failed", "channel", "mail").count()).isEqualTo(1);
    }

    /** serve turns such a CustosException into one line on stderr (ServeAlertsTest shows it for the webhook). */
    @Test
    void mailWithoutASenderOrWithoutAnSmtpServerAndAChatUrlThatIsNoHttpAreRefusedInOneLine() {
        var noSender = new AlertsProperties.Mail(List.of(OPS), null, 3, BACKOFF);
        var mail = new AlertsProperties.Mail(List.of(OPS), FROM, 3, BACKOFF);
        var noChat = new AlertsProperties.Chat(null, 3, BACKOFF, Duration.ofSeconds(5));
        var ftpChat = new AlertsProperties.Chat(URI.create("ftp://chat.example/hook"), 3, BACKOFF, Duration.ofSeconds(5));

        assertThat(catchThrowable(() -> AlertsConfig.channels(settings(noSender, noChat), new JavaMailSenderImpl())))
                .isInstanceOf(CustosException.class)
                .hasMessage("custos.alerts.mail.to needs custos.alerts.mail.from, the sender's address");
        assertThat(catchThrowable(() -> AlertsConfig.channels(settings(mail, noChat), null)))
                .isInstanceOf(CustosException.class)
                .hasMessage("custos.alerts.mail.to needs an SMTP server: set spring.mail.host");
        assertThat(catchThrowable(() -> AlertsConfig.channels(settings(mail, ftpChat), new JavaMailSenderImpl())))
                .isInstanceOf(CustosException.class)
                .hasMessage("custos.alerts.chat.url is no http or https URL");
    }

    private static AlertsProperties settings(AlertsProperties.Mail mail, AlertsProperties.Chat chat) {
        return new AlertsProperties(Duration.ofMinutes(1),
                new AlertsProperties.Webhook(null, null, 3, BACKOFF, Duration.ofSeconds(5)), mail, chat);
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
}
