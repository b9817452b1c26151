package dev.custos.scheduler.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.custos.scheduler.monitoring.Freshness;

/**
 * One round of alerting: opens an incident for each condition newly holding, resolves each open one
 * whose condition cleared (each change is one message per channel), then sends the messages due,
 * retrying a failed one with exponential backoff until it is delivered or its attempts are used up.
 * Counts, per channel, the messages delivered ({@code custos_alerts_sent_total}) and the attempts that
 * failed ({@code custos_alerts_failed_total}). A message due on a channel no longer configured is
 * marked {@link AlertStore#CHANNEL_REMOVED} and never retried (the nodes of a cluster share one
 * configuration of channels).
 */
final class AlertEvaluator {

    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);
    private static final Duration LEASE = Duration.ofMinutes(1);

    private final AlertReadings readings;
    private final Supplier<List<Freshness>> freshness;
    private final AlertStore store;
    private final Map<String, AlertChannel> channels = new LinkedHashMap<>();
    private final Map<String, Counter> sent = new LinkedHashMap<>();
    private final Map<String, Counter> failed = new LinkedHashMap<>();
    private final Clock clock;

    AlertEvaluator(AlertReadings readings, Supplier<List<Freshness>> freshness, AlertStore store,
                   List<AlertChannel> channels, MeterRegistry registry, Clock clock) {
        this.readings = readings;
        this.freshness = freshness;
        this.store = store;
        this.clock = clock;
        for (AlertChannel channel : channels) {
            this.channels.put(channel.name(), channel);
            sent.put(channel.name(), Counter.builder("custos.alerts.sent").tag("channel", channel.name())
                    .description("alert messages delivered (a firing or a resolved message, once each)")
                    .register(registry));
            failed.put(channel.name(), Counter.builder("custos.alerts.failed").tag("channel", channel.name())
                    .description("attempts to deliver an alert message that failed (each retry counts)")
                    .register(registry));
        }
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
        deliver(now);
    }

    private void enqueue(Incident incident, int occurrence, String state, Instant now) {
        for (AlertChannel channel : channels.values()) {
            store.addDelivery(AlertMessage.idempotencyKey(incident, occurrence, state), incident.key(),
                    channel.name(), state, channel.body(incident, state, now), now);
        }
    }

    private void deliver(Instant now) {
        for (AlertStore.Delivery delivery : store.due(now)) {
            AlertChannel channel = channels.get(delivery.channel());
            if (channel == null) {
                if (store.channelRemoved(delivery)) {
                    log.warn("Alert {} {} not delivered: the {} channel is no longer configured; not retried",
                            delivery.incidentKey(), delivery.state(), delivery.channel());
                }
                continue;
            }
            if (!store.claim(delivery, now.plus(LEASE))) {
                continue; // another node took it
            }
            AlertChannel.Outcome outcome = channel.send(delivery.idempotencyKey(), delivery.body());
            int attempts = delivery.attempts() + 1;
            if (outcome.delivered()) {
                store.attempted(delivery, outcome.status(), clock.instant(), null);
                sent.get(channel.name()).increment();
                continue;
            }
            failed.get(channel.name()).increment();
            if (attempts >= channel.maxAttempts()) {
                store.attempted(delivery, outcome.status(), null, null);
                log.warn("Alert {} {} not delivered to the {} channel after {} attempts (last: {}); given up",
                        delivery.incidentKey(), delivery.state(), channel.name(), attempts, outcome.status());
            } else {
                Instant next = now.plus(channel.backoff().multipliedBy(1L << Math.min(attempts - 1, 20)));
                store.attempted(delivery, outcome.status(), null, next);
                log.warn("Alert {} {} not delivered to the {} channel (attempt {} of {}: {}); next attempt at {}",
                        delivery.incidentKey(), delivery.state(), channel.name(), attempts, channel.maxAttempts(),
                        outcome.status(), next);
            }
        }
    }
}
