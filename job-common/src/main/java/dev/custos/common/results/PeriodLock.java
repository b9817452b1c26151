package dev.custos.common.results;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * At most one run of a (job, period) at a time, across processes and nodes. The database decides:
 * a holder takes the period by inserting its row into {@code period_lock}, whose primary key is
 * (job, period), so of two concurrent takers exactly one insert succeeds. Heartbeats are written
 * with the database server's clock and a dead holder is broken by one conditional DELETE (its
 * token and a heartbeat older than the cutoff, both judged by the server), so a holder that beat
 * meanwhile is never deleted and of two processes breaking it one wins.
 */
public class PeriodLock {

    private static final Logger log = LoggerFactory.getLogger(PeriodLock.class);
    /* A heartbeat waiting behind a row lock (a publication's) gives up rather than stall the other runs' beats. */
    private static final int HEARTBEAT_TIMEOUT_SECONDS = 5;

    private static final String INSERT = """
            INSERT INTO {results}.period_lock (job, period, holder, execution_id, host, pid, acquired_at, heartbeat_at)
            VALUES (?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP(3), CURRENT_TIMESTAMP(3))""";
    private static final String SELECT = """
            SELECT holder, execution_id, host, pid, acquired_at, heartbeat_at FROM {results}.period_lock
            WHERE job = ? AND period = ?""";
    private static final String ATTACH = """
            UPDATE {results}.period_lock SET execution_id = ?, heartbeat_at = CURRENT_TIMESTAMP(3)
            WHERE job = ? AND period = ? AND host = ? AND pid = ? AND execution_id IS NULL""";
    private static final String DETACH = """
            UPDATE {results}.period_lock SET execution_id = NULL, heartbeat_at = CURRENT_TIMESTAMP(3)
            WHERE job = ? AND period = ? AND execution_id = ?""";
    private static final String HEARTBEAT =
            "UPDATE {results}.period_lock SET heartbeat_at = CURRENT_TIMESTAMP(3) WHERE holder = ?";
    private static final String RELEASE_HOLDER =
            "DELETE FROM {results}.period_lock WHERE job = ? AND period = ? AND holder = ?";
    private static final String BREAK_STALE = """
            DELETE FROM {results}.period_lock WHERE job = ? AND period = ? AND holder = ?
            AND heartbeat_at < TIMESTAMPADD(SECOND, ?, CURRENT_TIMESTAMP(3))""";
    private static final String SELECT_OWN_HOLDER =
            "SELECT holder FROM {results}.period_lock WHERE job = ? AND period = ? AND execution_id = ?";

    private final JdbcTemplate jdbc;
    private final JdbcTemplate beats;
    private final ResultsSchema schema;
    /* the tokens this process holds: a row naming this host and pid but none of them was left by a failed release */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    public PeriodLock(JdbcTemplate jdbc, ResultsSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.beats = new JdbcTemplate(jdbc.getDataSource());
        beats.setQueryTimeout(HEARTBEAT_TIMEOUT_SECONDS);
    }

    /**
     * Takes (job, period) for {@code holder}, or returns who has it. Empty means taken. A holder
     * seen here may have released it a moment later ({@link Holder#released()}): the caller tries again.
     */
    public Optional<Holder> tryAcquire(String job, String period, String holder, Long executionId) {
        held.add(holder);
        try {
            jdbc.update(schema.sql(INSERT), job, period, holder, executionId, RunRecorder.hostName(),
                    ProcessHandle.current().pid());
            return Optional.empty();
        } catch (DuplicateKeyException taken) {
            held.remove(holder);
            return Optional.of(holder(job, period).orElse(Holder.RELEASED));
        } catch (RuntimeException e) {
            held.remove(holder);
            throw e;
        }
    }

    /** Who holds (job, period), if anyone. */
    public Optional<Holder> holder(String job, String period) {
        List<Holder> holders = jdbc.query(schema.sql(SELECT), (rs, i) -> new Holder(rs.getString(1),
                (Long) rs.getObject(2, Long.class), rs.getString(3), rs.getLong(4),
                rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()), job, period);
        return holders.stream().findFirst();
    }

    /** Whether this process holds {@code holder} (took it and has not released it). */
    public boolean holds(String holder) {
        return held.contains(holder);
    }

    /** Names {@code executionId} as the run of the period this process holds; false when it holds none. */
    public boolean attach(String job, String period, long executionId) {
        return jdbc.update(schema.sql(ATTACH), executionId, job, period, RunRecorder.hostName(),
                ProcessHandle.current().pid()) == 1;
    }

    /** The execution ended but its holder keeps the period (it may run it again, e.g. after a lost connection). */
    public void detach(String job, String period, long executionId) {
        jdbc.update(schema.sql(DETACH), job, period, executionId);
    }

    /**
     * Refreshes every hold of this process, by its token, for the whole time it is held (with or
     * without an execution under it). Each statement waits for a row lock a few seconds at most.
     */
    public void heartbeat() {
        for (String holder : held) {
            try {
                beats.update(schema.sql(HEARTBEAT), holder);
            } catch (DataAccessException e) {
                log.warn("heartbeat of a period hold failed (it is retried at the next beat): {}", e.getMessage());
            }
        }
    }

    /** Releases the period the execution took itself (see {@link RunRecorder}). */
    public void releaseExecution(String job, String period, long executionId) {
        jdbc.query(schema.sql(SELECT_OWN_HOLDER), (rs, i) -> rs.getString(1), job, period, executionId)
                .forEach(holder -> release(job, period, holder));
    }

    /**
     * Releases (job, period) if {@code holder} still has it; also how a holder whose process is
     * gone is broken. This process stops counting the token as its own first, so a row a failed
     * DELETE leaves behind is taken for dead here.
     */
    public boolean release(String job, String period, String holder) {
        held.remove(holder);
        return jdbc.update(schema.sql(RELEASE_HOLDER), job, period, holder) == 1;
    }

    /**
     * Breaks {@code holder}'s hold of (job, period) when its heartbeat, by the database server's
     * clock, is older than {@code staleAfter}: one statement, so a holder that beat since it was
     * read is kept. True when it was broken.
     */
    public boolean breakIfStale(String job, String period, String holder, Duration staleAfter) {
        return jdbc.update(schema.sql(BREAK_STALE), job, period, holder, -staleAfter.toSeconds()) == 1;
    }

    /** The holder of a period: its token, the execution running under it (if started), where and since when. */
    public record Holder(String holder, Long executionId, String host, long pid, Instant acquiredAt,
                         Instant heartbeatAt) {

        /** Seen held, then gone before it could be read. */
        static final Holder RELEASED = new Holder(null, null, null, 0, null, null);

        public boolean released() {
            return holder == null;
        }
    }
}
