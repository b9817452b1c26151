package dev.custos.scheduler.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.custos.common.results.ResultsSchema;
import dev.custos.common.results.RunRecorder;

/**
 * The operator audit log, append-only: this class inserts and reads, and has no statement that
 * updates or deletes a row. An action is recorded only once it was carried out: {@link #carryOut}
 * runs it first and writes the row with its outcome; an action refused before it started (a role,
 * an unknown execution, a period still running) leaves no row.
 */
@Service
public class OperatorAuditLog {

    /** Who acts and from where. */
    public record Actor(String name, String role, String clientAddress) {

        /** The role an audit row names for the command line: whoever has a shell on the server. */
        public static final String SHELL = "SHELL";

        /** The OS user running a {@code custos} command on this host. */
        public static Actor shell() {
            return new Actor(System.getProperty("user.name"), SHELL, "command line on " + RunRecorder.hostName());
        }
    }

    private static final String INSERT = """
            INSERT INTO {results}.operator_audit (occurred_at_utc, actor, role, action, target, arguments, reason,
                                                  outcome, client_address)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String PROBE = "SELECT COUNT(*) FROM {results}.operator_audit WHERE 1 = 0";
    private static final String SELECT_RECENT = """
            SELECT id, occurred_at_utc, actor, role, action, target, arguments, reason, outcome, client_address
            FROM {results}.operator_audit ORDER BY id DESC LIMIT ?""";

    /* Each filter given adds its condition; the values are parameters. */
    private static final String SELECT_FILTERED = """
            SELECT id, occurred_at_utc, actor, role, action, target, arguments, reason, outcome, client_address
            FROM {results}.operator_audit WHERE 1 = 1""";
    private static final String FROM = " AND occurred_at_utc >= ?";
    private static final String TO = " AND occurred_at_utc < ?";
    private static final String OF_ACTOR = " AND actor = ?";
    private static final String OF_ACTION = " AND action = ?";
    private static final String PAGE = " ORDER BY id DESC LIMIT ? OFFSET ?";

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;
    private final TransactionTemplate transaction;
    private final Clock clock = Clock.systemUTC();

    public OperatorAuditLog(JdbcTemplate jdbc, ResultsSchema schema, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * Runs {@code action} and records it with the outcome {@code outcome} reads from its result, at
     * the time the operator acted. An action that throws was not carried out and is not recorded.
     * A run asked over the API is carried out once it is accepted (the period held, handed to a
     * thread): its row is written then, not when the run ends.
     */
    public <T> T carryOut(Actor actor, String action, String target, String arguments, String reason,
                          Supplier<T> work, Function<T, String> outcome) {
        Instant actedAt = clock.instant();
        T result = work.get();
        record(actedAt, actor, action, target, arguments, reason, outcome.apply(result));
        return result;
    }

    /**
     * Reaches the log without writing to it, before an action whose effect is outside this database
     * (a key rotation, a restore) starts: one that could not be recorded is not carried out.
     */
    public void checkReachable() {
        jdbc.queryForObject(schema.sql(PROBE), Integer.class);
    }

    /**
     * As {@link #carryOut}, for an action whose only effect is on this database (the Quartz store's
     * pause, resume and reschedule): the action and its row are committed together or not at all,
     * so no change is left unaudited when the row cannot be written.
     */
    public <T> T carryOutInOneTransaction(Actor actor, String action, String target, String arguments, String reason,
                                          Supplier<T> work, Function<T, String> outcome) {
        return transaction.execute(status -> carryOut(actor, action, target, arguments, reason, work, outcome));
    }

    private void record(Instant actedAt, Actor actor, String action, String target, String arguments, String reason,
                        String outcome) {
        jdbc.update(schema.sql(INSERT), Timestamp.valueOf(LocalDateTime.ofInstant(actedAt, ZoneOffset.UTC)),
                actor.name(), actor.role(), action, target, arguments, reason, outcome, actor.clientAddress());
    }

    /** The newest {@code limit} rows, newest first. */
    public List<OperatorAction> recent(int limit) {
        return jdbc.query(schema.sql(SELECT_RECENT), OperatorAuditLog::row, limit);
    }

    /**
     * Every row acted at from {@code from} (inclusive) to {@code to} (exclusive), or whose target is
     * {@code LIKE} one of {@code targetPatterns} whenever it was acted at, oldest first: the candidates for
     * a period's evidence.
     */
    public List<OperatorAction> duringOrTargeting(Instant from, Instant to, List<String> targetPatterns) {
        StringBuilder sql = new StringBuilder(SELECT_FILTERED).append(" AND (occurred_at_utc >= ? AND occurred_at_utc < ?");
        List<Object> parameters = new ArrayList<>(List.of(utc(from), utc(to)));
        for (String pattern : targetPatterns) {
            sql.append(" OR target LIKE ?");
            parameters.add(pattern);
        }
        sql.append(") ORDER BY id");
        return jdbc.query(schema.sql(sql.toString()), OperatorAuditLog::row, parameters.toArray());
    }

    /**
     * The rows acted at from {@code from} (inclusive) to {@code to} (exclusive), of {@code actor} and
     * {@code action}, newest first; a null bound or filter lets every row through.
     */
    public List<OperatorAction> find(Instant from, Instant to, String actor, String action, int limit, int offset) {
        StringBuilder sql = new StringBuilder(SELECT_FILTERED);
        List<Object> parameters = new ArrayList<>();
        if (from != null) {
            sql.append(FROM);
            parameters.add(utc(from));
        }
        if (to != null) {
            sql.append(TO);
            parameters.add(utc(to));
        }
        if (actor != null) {
            sql.append(OF_ACTOR);
            parameters.add(actor);
        }
        if (action != null) {
            sql.append(OF_ACTION);
            parameters.add(action);
        }
        sql.append(PAGE);
        parameters.add(limit);
        parameters.add(offset);
        return jdbc.query(schema.sql(sql.toString()), OperatorAuditLog::row, parameters.toArray());
    }

    private static Timestamp utc(Instant instant) {
        return instant == null ? null : Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static OperatorAction row(ResultSet rs, int i) throws SQLException {
        Timestamp at = rs.getTimestamp("occurred_at_utc");
        Instant occurredAt = at.toLocalDateTime().toInstant(ZoneOffset.UTC);
        return new OperatorAction(rs.getLong("id"), occurredAt, rs.getString("actor"), rs.getString("role"),
                rs.getString("action"), rs.getString("target"), rs.getString("arguments"), rs.getString("reason"),
                rs.getString("outcome"), rs.getString("client_address"));
    }
}
