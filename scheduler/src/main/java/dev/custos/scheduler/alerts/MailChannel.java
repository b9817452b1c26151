package dev.custos.scheduler.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import dev.custos.common.CustosException;

/**
 * Sends each alert as one plain-text mail to {@code custos.alerts.mail.to} from {@code custos.alerts.mail.from},
 * through the SMTP server of {@code spring.mail.*}. The stored body is the subject line, a blank line and
 * the text; the header {@code X-Custos-Idempotency-Key} lets a mail rule drop a repeat.
 */
final class MailChannel implements AlertChannel {

    static final String NAME = "mail";
    private static final String SUBJECT_END = "\n\n";

    private final AlertsProperties.Mail settings;
    private final JavaMailSender sender;

    MailChannel(AlertsProperties.Mail settings, JavaMailSender sender) {
        if (sender == null) {
            throw new CustosException("custos.alerts.mail.to needs an SMTP server: set spring.mail.host");
        }
        if (settings.from() == null || settings.from().isBlank()) {
            throw new CustosException("custos.alerts.mail.to needs custos.alerts.mail.from, the sender's address");
        }
        if (settings.maxAttempts() < 1) {
            throw new CustosException("custos.alerts.mail.max-attempts must be at least 1");
        }
        this.settings = settings;
        this.sender = sender;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxAttempts() {
        return settings.maxAttempts();
    }

    @Override
    public Duration backoff() {
        return settings.backoff();
    }

    @Override
    public String body(Incident incident, String state, Instant at) {
        return AlertMessage.mailSubject(incident, state) + SUBJECT_END + AlertMessage.mailText(incident, state, at);
    }

    /** Delivered once the SMTP server accepted it; a refusal or no connection is retried (named by class only). */
    @Override
    public Outcome send(String idempotencyKey, String body) {
        int end = body.indexOf(SUBJECT_END);
        try {
            MimeMessage mail = sender.createMimeMessage();
            MimeMessageHelper message = new MimeMessageHelper(mail, StandardCharsets.UTF_8.name());
            message.setFrom(settings.from());
            message.setTo(settings.to().toArray(String[]::new));
            message.setSubject(body.substring(0, end));
            message.setText(body.substring(end + SUBJECT_END.length()), false);
            mail.setHeader("X-Custos-Idempotency-Key", idempotencyKey);
            sender.send(mail);
            return new Outcome(true, "SMTP accepted");
        } catch (MailException | MessagingException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Outcome(false, e.getClass().getSimpleName()
                    + (cause == e ? "" : " (" + cause.getClass().getSimpleName() + ")"));
        }
    }
}
