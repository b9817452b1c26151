package dev.custos.scheduler.approval;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.custos.common.results.ResultsSchema;
import dev.custos.scheduler.approval.ApprovalRequest.State;

/**
 * Table {@code approval_request}. A request's state changes only by a conditional UPDATE from the
 * state it must be in, so of two deciders one wins and the other changes nothing.
 */
@Repository
class ApprovalRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> ARGUMENTS = new TypeReference<>() {
    };

    private static final String INSERT = """
            INSERT INTO {results}.approval_request (action, target, arguments, requester, requester_role, reason,
                                                    requested_at_utc, expires_at_utc, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')""";
    private static final String COLUMNS = """
            SELECT id, action, target, arguments, requester, requester_role, reason, requested_at_utc, expires_at_utc,
                   state, decided_by, decided_at_utc, outcome FROM {results}.approval_request""";
    private static final String SELECT_ONE = COLUMNS + " WHERE id = ?";
    private static final String SELECT_RECENT = COLUMNS + " ORDER BY id DESC LIMIT ?";
    private static final String DECIDE = """
            UPDATE {results}.approval_request SET state = ?, decided_by = ?, decided_at_utc = ?
            WHERE id = ? AND state = 'PENDING' AND expires_at_utc > ?""";
    private static final String EXPIRE = """
            UPDATE {results}.approval_request SET state = 'EXPIRED'
            WHERE id = ? AND state = 'PENDING' AND expires_at_utc <= ?""";
    private static final String FINISH = """
            UPDATE {results}.approval_request SET state = ?, outcome = ? WHERE id = ? AND state = 'APPROVED'""";

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;

    ApprovalRequests(JdbcTemplate jdbc, ResultsSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    long insert(String action, String target, Map<String, String> arguments, String requester, String requesterRole,
                String reason, Instant requestedAt, Instant expiresAt) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(schema.sql(INSERT), Statement.RETURN_GENERATED_KEYS);
            statement.setString(1, action);
            statement.setString(2, target);
            statement.setString(3, json(arguments));
            statement.setString(4, requester);
            statement.setString(5, requesterRole);
            statement.setString(6, reason);
            statement.setTimestamp(7, utc(requestedAt));
            statement.setTimestamp(8, utc(expiresAt));
            return statement;
        }, key);
        return key.getKeyAs(Number.class).longValue();
    }

    Optional<ApprovalRequest> find(long id) {
        return jdbc.query(schema.sql(SELECT_ONE), ApprovalRequests::row, id).stream().findFirst();
    }

    List<ApprovalRequest> recent(int limit) {
        return jdbc.query(schema.sql(SELECT_RECENT), ApprovalRequests::row, limit);
    }

    /** PENDING and not expired at {@code now} -> {@code decision}; false when another decider was first or it expired. */
    boolean decide(long id, State decision, String decidedBy, Instant now) {
        return jdbc.update(schema.sql(DECIDE), decision.name(), decidedBy, utc(now), id, utc(now)) == 1;
    }

    /** PENDING past its expiry -> EXPIRED. */
    void expire(long id, Instant now) {
        jdbc.update(schema.sql(EXPIRE), id, utc(now));
    }

    /** APPROVED -> EXECUTED or FAILED, with how it ended. */
    void finish(long id, State state, String outcome) {
        jdbc.update(schema.sql(FINISH), state.name(), outcome, id);
    }

    static String json(Map<String, String> arguments) {
        return JSON.writeValueAsString(arguments);
    }

    private static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    private static ApprovalRequest row(ResultSet rs, int i) throws SQLException {
        return new ApprovalRequest(rs.getLong("id"), rs.getString("action"), rs.getString("target"),
                JSON.readValue(rs.getString("arguments"), ARGUMENTS), rs.getString("requester"),
                rs.getString("requester_role"), rs.getString("reason"), instant(rs.getTimestamp("requested_at_utc")),
                instant(rs.getTimestamp("expires_at_utc")), State.valueOf(rs.getString("state")),
                rs.getString("decided_by"), instant(rs.getTimestamp("decided_at_utc")), rs.getString("outcome"));
    }
}
