package dev.custos.scheduler.alerts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** An alert's JSON body: incident key, kind, job, period, state (FIRING, RESOLVED), summary and time. */
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
                + ",\"time\":" + quote(at.truncatedTo(ChronoUnit.MILLIS).toString()) + "}";
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
