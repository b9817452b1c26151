package dev.custos.scheduler.alerts;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.results.ResultsSchema;

/** The {@code alert} and {@code alert_delivery} tables: incidents and what was sent about them. */
final class AlertStore {

    /** The last status of a message given up because its channel was removed from the configuration. */
    static final String CHANNEL_REMOVED = AlertHistory.CHANNEL_REMOVED;

    /** A message waiting to be (re)sent. */
    record Delivery(String idempotencyKey, String channel, String incidentKey, String state, String body, int attempts,
                    Instant nextAttempt) {
    }

    /** An incident as recorded, with how often it has opened. */
    record Recorded(Incident incident, int occurrence) {
    }

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;

    AlertStore(JdbcTemplate jdbc, ResultsSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    List<Recorded> open() {
        return jdbc.query(schema.sql("""
                SELECT incident_key, kind, job, period, summary, occurrence FROM {results}.alert
                WHERE state = 'OPEN'"""), (rs, n) -> new Recorded(new Incident(rs.getString(1),
                Incident.Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5)), rs.getInt(6)));
    }

    Optional<Integer> occurrence(String incidentKey) {
        return jdbc.query(schema.sql("SELECT occurrence FROM {results}.alert WHERE incident_key = ?"),
                (rs, n) -> rs.getInt(1), incidentKey).stream().findFirst();
    }

    /** Opens the incident (again); false when another node opened it first. */
    boolean open(Incident incident, int occurrence, Instant now) {
        if (occurrence == 1) {
            return jdbc.update(schema.sql("""
                    INSERT IGNORE INTO {results}.alert
                      (incident_key, kind, job, period, state, occurrence, summary, opened_at_utc, resolved_at_utc)
                    VALUES (?, ?, ?, ?, 'OPEN', 1, ?, ?, NULL)"""), incident.key(), incident.kind().name(),
                    incident.job(), incident.period(), incident.summary(), utc(now)) == 1;
        }
        return jdbc.update(schema.sql("""
                UPDATE {results}.alert SET state = 'OPEN', occurrence = ?, summary = ?, opened_at_utc = ?,
                  resolved_at_utc = NULL
                WHERE incident_key = ? AND state = 'RESOLVED' AND occurrence = ?"""), occurrence, incident.summary(),
                utc(now), incident.key(), occurrence - 1) == 1;
    }

    /** Resolves the incident; false when another node resolved it first. */
    boolean resolve(String incidentKey, Instant now) {
        return jdbc.update(schema.sql("""
                UPDATE {results}.alert SET state = 'RESOLVED', resolved_at_utc = ?
                WHERE incident_key = ? AND state = 'OPEN'"""), utc(now), incidentKey) == 1;
    }

    void addDelivery(String idempotencyKey, String incidentKey, String channel, String state, String body, Instant now) {
        jdbc.update(schema.sql("""
                INSERT IGNORE INTO {results}.alert_delivery (idempotency_key, incident_key, channel, state, body,
                  attempts, last_status, created_at_utc, next_attempt_utc, delivered_at_utc)
                VALUES (?, ?, ?, ?, ?, 0, NULL, ?, ?, NULL)"""), idempotencyKey, incidentKey, channel, state, body,
                utc(now), utc(now));
    }

    List<Delivery> due(Instant now) {
        return jdbc.query(schema.sql("""
                SELECT idempotency_key, channel, incident_key, state, body, attempts, next_attempt_utc
                FROM {results}.alert_delivery
                WHERE delivered_at_utc IS NULL AND next_attempt_utc IS NOT NULL AND next_attempt_utc <= ?
                ORDER BY created_at_utc, idempotency_key, channel"""), (rs, n) -> new Delivery(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                instant(rs.getTimestamp(7))), utc(now));
    }

    /** Takes the delivery for this node until {@code leaseUntil}; false when another node took it. */
    boolean claim(Delivery delivery, Instant leaseUntil) {
        return jdbc.update(schema.sql("""
                UPDATE {results}.alert_delivery SET next_attempt_utc = ?
                WHERE idempotency_key = ? AND channel = ? AND delivered_at_utc IS NULL AND next_attempt_utc = ?"""),
                utc(leaseUntil), delivery.idempotencyKey(), delivery.channel(), utc(delivery.nextAttempt())) == 1;
    }

    /** Records one attempt: delivered, or to be retried at {@code nextAttempt} (null: no attempt left). */
    void attempted(Delivery delivery, String status, Instant deliveredAt, Instant nextAttempt) {
        jdbc.update(schema.sql("""
                UPDATE {results}.alert_delivery SET attempts = attempts + 1, last_status = ?,
                  delivered_at_utc = ?, next_attempt_utc = ?
                WHERE idempotency_key = ? AND channel = ?"""), status, utc(deliveredAt), utc(nextAttempt),
                delivery.idempotencyKey(), delivery.channel());
    }

    /**
     * Gives up a message whose channel was removed from the configuration: its last status says so and it
     * is no longer due; false when it was delivered or marked meanwhile.
     */
    boolean channelRemoved(Delivery delivery) {
        return jdbc.update(schema.sql("""
                UPDATE {results}.alert_delivery SET last_status = ?, next_attempt_utc = NULL
                WHERE idempotency_key = ? AND channel = ? AND delivered_at_utc IS NULL AND next_attempt_utc IS NOT NULL"""),
                CHANNEL_REMOVED, delivery.idempotencyKey(), delivery.channel()) == 1;
    }

    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
