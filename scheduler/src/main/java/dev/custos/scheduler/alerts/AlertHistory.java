package dev.custos.scheduler.alerts;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.results.ResultsSchema;

/**
 * The incidents recorded in {@code alert}, newest first, each with the messages sent about it per
 * channel from {@code alert_delivery}: what the console's alerts page shows.
 */
public final class AlertHistory {

    /** The last status of a message given up because its channel was removed from the configuration. */
    static final String CHANNEL_REMOVED = "channel-removed";

    private static final String ALERTS = """
            SELECT incident_key, kind, job, period, state, occurrence, summary, opened_at_utc, resolved_at_utc
            FROM {results}.alert ORDER BY opened_at_utc DESC, incident_key LIMIT ?""";
    private static final String DELIVERIES = """
            SELECT d.incident_key, d.channel, d.state, d.attempts, d.last_status, d.created_at_utc, d.next_attempt_utc,
              d.delivered_at_utc
            FROM {results}.alert_delivery d
            JOIN (SELECT incident_key FROM {results}.alert ORDER BY opened_at_utc DESC, incident_key LIMIT ?) a
              ON a.incident_key = d.incident_key
            ORDER BY d.created_at_utc, d.channel""";

    /** An incident: {@code state} OPEN or RESOLVED, times in UTC, {@code resolvedAt} null while open. */
    public record Alert(String key, String kind, String job, String period, String state, int occurrence,
                        String summary, Instant openedAt, Instant resolvedAt, List<Delivery> deliveries) {

        public boolean open() {
            return "OPEN".equals(state);
        }
    }

    /**
     * A message on a channel: {@code message} FIRING or RESOLVED; delivered once {@code deliveredAt} is set,
     * failed when its attempts are used up, channel-removed when its channel left the configuration before it
     * was delivered, otherwise retrying at {@code nextAttempt}.
     */
    public record Delivery(String channel, String message, int attempts, String lastStatus, Instant createdAt,
                           Instant nextAttempt, Instant deliveredAt) {

        public String outcome() {
            if (deliveredAt != null) {
                return "DELIVERED";
            }
            if (CHANNEL_REMOVED.equals(lastStatus)) {
                return "CHANNEL_REMOVED";
            }
            return nextAttempt == null ? "FAILED" : "RETRYING";
        }
    }

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;

    AlertHistory(JdbcTemplate jdbc, ResultsSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    /** The latest {@code limit} incidents, open and resolved, newest opened first. */
    public List<Alert> recent(int limit) {
        Map<String, List<Delivery>> deliveries = new LinkedHashMap<>();
        jdbc.query(schema.sql(DELIVERIES), rs -> {
            deliveries.computeIfAbsent(rs.getString(1), key -> new ArrayList<>()).add(new Delivery(rs.getString(2),
                    rs.getString(3), rs.getInt(4), rs.getString(5), instant(rs.getTimestamp(6)),
                    instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8))));
        }, limit);
        return jdbc.query(schema.sql(ALERTS), (rs, n) -> new Alert(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7), instant(rs.getTimestamp(8)),
                instant(rs.getTimestamp(9)), List.copyOf(deliveries.getOrDefault(rs.getString(1), List.of()))), limit);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
