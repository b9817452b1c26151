package dev.custos.scheduler.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.custos.scheduler.monitoring.Freshness;

/**
 * One round of alerting: opens an incident for each condition newly holding, resolves each open one
 * whose condition cleared (each change is one message per channel), then sends the messages due,
 * retrying a failed one with exponential backoff until it is delivered or its attempts are used up.
 */
final class AlertEvaluator {

    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);
    private static final Duration LEASE = Duration.ofMinutes(1);

    private final AlertReadings readings;
    private final Supplier<List<Freshness>> freshness;
    private final AlertStore store;
    private final Optional<WebhookChannel> webhook;
    private final AlertsProperties.Webhook settings;
    private final Clock clock;

    AlertEvaluator(AlertReadings readings, Supplier<List<Freshness>> freshness, AlertStore store,
                   AlertsProperties.Webhook settings, Clock clock) {
        this.readings = readings;
        this.freshness = freshness;
        this.store = store;
        this.settings = settings;
        this.webhook = Optional.ofNullable(settings.url()).map(url -> new WebhookChannel(settings));
        this.clock = clock;
    }

    void evaluate() {
        Instant now = clock.instant();
        List<AlertStore.Recorded> open = store.open();
        Map<String, Incident> holding = AlertRules.holding(readings.finishedRuns(), readings.publishedKpis(),
                readings.publishedWarnings(), freshness.get(), open.stream().map(AlertStore.Recorded::incident).toList());
        for (AlertStore.Recorded recorded : open) {
            if (!holding.containsKey(recorded.incident().key()) && store.resolve(recorded.incident().key(), now)) {
                log.info("Alert resolved: {}", recorded.incident().key());
                enqueue(recorded.incident(), recorded.occurrence(), "RESOLVED", now);
            }
        }
        List<String> openKeys = open.stream().map(r -> r.incident().key()).toList();
        for (Incident incident : holding.values()) {
            if (!openKeys.contains(incident.key())) {
                int occurrence = store.occurrence(incident.key()).map(n -> n + 1).orElse(1);
                if (store.open(incident, occurrence, now)) {
                    log.info("Alert firing: {}", incident.key());
                    enqueue(incident, occurrence, "FIRING", now);
                }
            }
        }
        webhook.ifPresent(channel -> deliver(channel, now));
    }

    private void enqueue(Incident incident, int occurrence, String state, Instant now) {
        if (webhook.isPresent()) {
            store.addDelivery(AlertMessage.idempotencyKey(incident, occurrence, state), incident.key(),
                    WebhookChannel.NAME, state, AlertMessage.body(incident, state, now), now);
        }
    }

    private void deliver(WebhookChannel channel, Instant now) {
        for (AlertStore.Delivery delivery : store.due(now)) {
            if (!store.claim(delivery, now.plus(LEASE))) {
                continue;
            }
            WebhookChannel.Outcome outcome = channel.post(delivery.idempotencyKey(), delivery.body());
            int attempts = delivery.attempts() + 1;
            if (outcome.delivered()) {
                store.attempted(delivery, outcome.status(), clock.instant(), null);
            } else if (attempts >= settings.maxAttempts()) {
                store.attempted(delivery, outcome.status(), null, null);
                log.warn("Alert {} {} not delivered to the webhook after {} attempts (last: {}); given up",
                        delivery.incidentKey(), delivery.state(), attempts, outcome.status());
            } else {
                Instant next = now.plus(settings.backoff().multipliedBy(1L << Math.min(attempts - 1, 20)));
                store.attempted(delivery, outcome.status(), null, next);
                log.warn("Alert {} {} not delivered to the webhook (attempt {} of {}: {}); next attempt at {}",
                        delivery.incidentKey(), delivery.state(), attempts, settings.maxAttempts(), outcome.status(), next);
            }
        }
    }
}
