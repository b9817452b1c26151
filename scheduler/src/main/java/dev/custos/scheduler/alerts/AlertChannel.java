package dev.custos.scheduler.alerts;

import java.time.Duration;
import java.time.Instant;

/**
 * Where alerts go: a webhook, a mail box, a chat room. A channel writes each message once (the body
 * stored in {@code alert_delivery}, so every retry sends the same bytes) and sends it when due.
 */
interface AlertChannel {

    /** The receiver's answer: delivered or not, and what it said (an HTTP status, a failure's class; never its text). */
    record Outcome(boolean delivered, String status) {
    }

    /** The name in {@code alert_delivery.channel} and in the metrics' {@code channel} tag. */
    String name();

    int maxAttempts();

    /** The wait before the first retry, doubled for each next one. */
    Duration backoff();

    String body(Incident incident, String state, Instant at);

    Outcome send(String idempotencyKey, String body);
}
