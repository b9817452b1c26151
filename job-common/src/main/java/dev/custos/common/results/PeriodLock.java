package dev.custos.common.results;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * At most one run of a (job, period) at a time, across processes and nodes. The database decides:
 * a holder takes the period by inserting its row into {@code period_lock}, whose primary key is
 * (job, period), so of two concurrent takers exactly one insert succeeds. A holder whose process
 * died is broken only by the holder token it was seen with, so of two processes breaking it one
 * wins.
 */
public class PeriodLock {

    private static final String INSERT = """
            INSERT INTO {results}.period_lock (job, period, holder, execution_id, host, pid, acquired_at, heartbeat_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String SELECT = """
            SELECT holder, execution_id, host, pid, acquired_at, heartbeat_at FROM {results}.period_lock
            WHERE job = ? AND period = ?""";
    private static final String ATTACH = """
            UPDATE {results}.period_lock SET execution_id = ?, heartbeat_at = ?
            WHERE job = ? AND period = ? AND host = ? AND pid = ? AND execution_id IS NULL""";
    private static final String DETACH = """
            UPDATE {results}.period_lock SET execution_id = NULL, heartbeat_at = ?
            WHERE job = ? AND period = ? AND execution_id = ?""";
    private static final String HEARTBEAT = "UPDATE {results}.period_lock SET heartbeat_at = ? WHERE execution_id = ?";
    private static final String RELEASE_EXECUTION =
            "DELETE FROM {results}.period_lock WHERE job = ? AND period = ? AND execution_id = ?";
    private static final String RELEASE_HOLDER =
            "DELETE FROM {results}.period_lock WHERE job = ? AND period = ? AND holder = ?";

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;

    public PeriodLock(JdbcTemplate jdbc, ResultsSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    /**
     * Takes (job, period) for {@code holder}, or returns who has it. Empty means taken. A holder
     * seen here may have released it a moment later: the caller tries again.
     */
    public Optional<Holder> tryAcquire(String job, String period, String holder, Long executionId) {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now());
        try {
            jdbc.update(schema.sql(INSERT), job, period, holder, executionId, RunRecorder.hostName(),
                    ProcessHandle.current().pid(), now, now);
            return Optional.empty();
        } catch (DuplicateKeyException held) {
            return Optional.of(holder(job, period).orElse(Holder.RELEASED));
        }
    }

    /** Who holds (job, period), if anyone. */
    public Optional<Holder> holder(String job, String period) {
        List<Holder> holders = jdbc.query(schema.sql(SELECT), (rs, i) -> new Holder(rs.getString(1),
                (Long) rs.getObject(2, Long.class), rs.getString(3), rs.getLong(4),
                rs.getTimestamp(5).toLocalDateTime(), rs.getTimestamp(6).toLocalDateTime()), job, period);
        return holders.stream().findFirst();
    }

    /** Names {@code executionId} as the run of the period this process holds; false when it holds none. */
    public boolean attach(String job, String period, long executionId) {
        return jdbc.update(schema.sql(ATTACH), executionId, Timestamp.valueOf(LocalDateTime.now()), job, period,
                RunRecorder.hostName(), ProcessHandle.current().pid()) == 1;
    }

    /** The execution ended but its holder keeps the period (it may run it again, e.g. after a lost connection). */
    public void detach(String job, String period, long executionId) {
        jdbc.update(schema.sql(DETACH), Timestamp.valueOf(LocalDateTime.now()), job, period, executionId);
    }

    public void heartbeat(long executionId) {
        jdbc.update(schema.sql(HEARTBEAT), Timestamp.valueOf(LocalDateTime.now()), executionId);
    }

    public void releaseExecution(String job, String period, long executionId) {
        jdbc.update(schema.sql(RELEASE_EXECUTION), job, period, executionId);
    }

    /** Releases (job, period) if {@code holder} still has it; also how a dead holder is broken. */
    public boolean release(String job, String period, String holder) {
        return jdbc.update(schema.sql(RELEASE_HOLDER), job, period, holder) == 1;
    }

    /** The holder of a period: its token, the execution running under it (if started), where and since when. */
    public record Holder(String holder, Long executionId, String host, long pid, LocalDateTime acquiredAt,
                         LocalDateTime heartbeatAt) {

        /** Seen held, then gone before it could be read. */
        static final Holder RELEASED = new Holder(null, null, null, 0, null, null);

        public boolean released() {
            return holder == null;
        }
    }
}
