package dev.custos.scheduler.alerts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An alert's message in each channel's shape: the webhook's JSON (incident key, kind, job, period, state
 * FIRING or RESOLVED, summary and time), a chat room's {@code {"text": ...}} and a mail's plain text. Each
 * carries the incident's summary, written from job, period, figure names and numbers only: no person's
 * data and no run's message.
 */
final class AlertMessage {

    private AlertMessage() {
    }

    static String body(Incident incident, String state, Instant at) {
        return "{\"incident\":" + quote(incident.key())
                + ",\"kind\":" + quote(incident.kind().name())
                + ",\"job\":" + quote(incident.job())
                + ",\"period\":" + quote(incident.period())
                + ",\"state\":" + quote(state)
                + ",\"summary\":" + quote(incident.summary())
                + ",\"time\":" + quote(time(at)) + "}";
    }

    /** The body of a Slack or Mattermost incoming webhook: one line of text. */
    static String chatBody(Incident incident, String state, Instant at) {
        return "{\"text\":" + quote("[" + state + "] " + incident.summary() + " (" + incident.key() + ", "
                + time(at) + ")") + "}";
    }

    /** The mail's subject line. */
    static String mailSubject(Incident incident, String state) {
        return "[Custos] " + state + ": " + incident.kind() + " " + incident.job() + " " + incident.period();
    }

    /** The mail's plain text. */
    static String mailText(Incident incident, String state, Instant at) {
        return incident.summary() + "\n\n"
                + "Incident: " + incident.key() + "\n"
                + "Kind: " + incident.kind() + "\n"
                + "Job: " + incident.job() + "\n"
                + "Period: " + incident.period() + "\n"
                + "State: " + state + "\n"
                + "Time: " + time(at) + "\n";
    }

    private static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static String idempotencyKey(Incident incident, int occurrence, String state) {
        return incident.key() + "#" + occurrence + ":" + state;
    }

    private static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
