package dev.custos.common.results;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.custos.common.CustosException;
import dev.custos.common.csv.FileStats;
import dev.custos.common.csv.ParsedRow;

/**
 * Reads and writes the shared results tables: runs, metrics, rejects, input files and the
 * pointer from a (job, period) to the job instance whose rows are its results.
 */
public class ResultsRepository {

    private static final String INSERT_RUN = """
            INSERT INTO {results}.run (execution_id, job_instance_id, job, period, rerun, status, started_at,
                                       code_version, host, pid, heartbeat_at)
            VALUES (?, ?, ?, ?, ?, 'STARTED', ?, ?, ?, ?, CURRENT_TIMESTAMP(3))""";
    private static final String FINISH_RUN = """
            UPDATE {results}.run SET status = ?, ended_at = ?, read_count = ?, write_count = ?, skip_count = ?,
                                     exit_message = ?
            WHERE execution_id = ?""";
    private static final String HEARTBEAT = "UPDATE {results}.run SET heartbeat_at = CURRENT_TIMESTAMP(3) WHERE execution_id = ?";
    private static final String INSERT_REJECT =
            "INSERT INTO {results}.reject (job_instance_id, file, line, reason) VALUES (?, ?, ?, ?)";
    /* One statement rather than DELETE + INSERT: on InnoDB, deleting an absent row takes a gap lock,
       and parallel import workers recording their files at once would deadlock on it. */
    private static final String UPSERT_INPUT_FILE = """
            INSERT INTO {results}.input_file (job_instance_id, file, bytes, sha256, rows_read) VALUES (?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE bytes = VALUES(bytes), sha256 = VALUES(sha256), rows_read = VALUES(rows_read)""";
    private static final String DELETE_METRICS = "DELETE FROM {results}.metric WHERE job_instance_id = ?";
    private static final String INSERT_METRIC = """
            INSERT INTO {results}.metric (job_instance_id, job, period, name, value, unit, target, met, missing_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_WARNING = """
            INSERT INTO {results}.run_warning (job_instance_id, job, period, name, value, message)
            VALUES (?, ?, ?, ?, ?, ?)""";
    private static final String SELECT_INSTANCE_WARNINGS =
            "SELECT name, value, message FROM {results}.run_warning WHERE job_instance_id = ? ORDER BY name";
    private static final String SELECT_INPUT_HASHES =
            "SELECT sha256 FROM {results}.input_file WHERE job_instance_id = ?";
    /* The input files of every completed run of the job in another period: superseded runs count too,
       since their files were given to a run that completed. */
    private static final String SELECT_COMPLETED_INPUTS_OF_OTHER_PERIODS = """
            SELECT r.period, f.job_instance_id, f.sha256 FROM {results}.input_file f
            JOIN (SELECT DISTINCT job_instance_id, period FROM {results}.run
                  WHERE job = ? AND period <> ? AND status = 'COMPLETED') r ON r.job_instance_id = f.job_instance_id
            ORDER BY r.period, f.job_instance_id""";
    private static final String SELECT_INSTANCES_OF_PERIOD =
            "SELECT DISTINCT job_instance_id FROM {results}.run WHERE job = ? AND period = ? ORDER BY job_instance_id";
    /* Deleted one instance at a time: MariaDB runs DELETE ... WHERE id IN (SELECT ...) as a scan of the whole table. */
    private static final String DELETE_INSTANCE_ROWS = "DELETE FROM %s WHERE job_instance_id = ?";
    private static final String DELETE_PERIOD_RESULT = "DELETE FROM {results}.period_result WHERE job = ? AND period = ?";
    private static final String INSERT_PERIOD_RESULT = """
            INSERT INTO {results}.period_result (job, period, job_instance_id, execution_id, completed_at)
            VALUES (?, ?, ?, ?, ?)""";
    private static final String SELECT_METRICS = """
            SELECT m.name, m.value, m.unit, m.target, m.met, m.missing_reason
            FROM {results}.metric m JOIN {results}.period_result p
              ON p.job_instance_id = m.job_instance_id AND p.job = m.job AND p.period = m.period
            WHERE m.job = ? AND m.period = ? ORDER BY m.name""";
    private static final String SELECT_INSTANCE_METRICS = """
            SELECT name, value, unit, target, met, missing_reason FROM {results}.metric
            WHERE job_instance_id = ? ORDER BY name""";
    private static final String COUNT_REJECTS = "SELECT COUNT(*) FROM {results}.reject WHERE job_instance_id = ?";
    private static final String SELECT_REJECTS =
            "SELECT file, line, reason FROM {results}.reject WHERE job_instance_id = ? ORDER BY file, line";
    private static final String SUM_ROWS_READ =
            "SELECT COALESCE(SUM(rows_read), 0) FROM {results}.input_file WHERE job_instance_id = ?";
    private static final String SELECT_RUNS = """
            SELECT execution_id, job_instance_id, job, period, rerun, status, started_at, ended_at,
                   read_count, write_count, skip_count, exit_message, host, pid, heartbeat_at
            FROM {results}.run""";
    private static final String SELECT_LATER_RERUN_PUBLISHED = """
            SELECT p.execution_id FROM {results}.period_result p
            JOIN {results}.run r ON r.execution_id = p.execution_id
            WHERE p.job = ? AND p.period = ? AND r.rerun > ?""";
    private static final String SELECT_PERIOD_HOLDER =
            "SELECT execution_id FROM {results}.period_lock WHERE job = ? AND period = ? FOR UPDATE";
    private static final String SELECT_SILENT_RUNS = """
            SELECT execution_id FROM {results}.run
            WHERE status = 'STARTED' AND heartbeat_at < TIMESTAMPADD(SECOND, ?, CURRENT_TIMESTAMP(3))""";
    private static final String SELECT_ENDED_BEFORE = """
            SELECT status FROM {results}.run
            WHERE execution_id = ? AND status <> 'STARTED' AND ended_at < TIMESTAMPADD(SECOND, ?, CURRENT_TIMESTAMP(3))""";
    private static final String SELECT_PERIOD_RESULT =
            "SELECT execution_id FROM {results}.period_result WHERE job = ? AND period = ?";

    private static final String ABANDON_RUN = """
            UPDATE {results}.run SET status = 'ABANDONED', ended_at = COALESCE(ended_at, ?), exit_message = ?
            WHERE execution_id = ?""";
    /* The last execution of each instance that ended FAILED or STOPPED before a time: nobody restarted it since. */
    private static final String SELECT_FAILED_ENDED_BEFORE = """
            SELECT execution_id, job_instance_id, job, period, rerun, status, started_at, ended_at,
                   read_count, write_count, skip_count, exit_message, host, pid, heartbeat_at
            FROM {results}.run r
            WHERE r.status IN ('FAILED', 'STOPPED') AND r.ended_at < ?
              AND r.execution_id = (SELECT MAX(l.execution_id) FROM {results}.run l
                                    WHERE l.job_instance_id = r.job_instance_id)
            ORDER BY r.execution_id""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ResultsSchema schema;

    public ResultsRepository(JdbcTemplate jdbc, TransactionTemplate transactions, ResultsSchema schema) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.schema = schema;
    }

    public ResultsSchema schema() {
        return schema;
    }

    public void startRun(RunRow run, String codeVersion, String host, long pid) {
        jdbc.update(schema.sql(INSERT_RUN), run.executionId(), run.jobInstanceId(), run.job(), run.period(),
                run.rerun(), timestamp(run.startedAt()), codeVersion, host, pid);
    }

    public void finishRun(long executionId, String status, LocalDateTime endedAt, RunCounts counts,
                          String exitMessage) {
        jdbc.update(schema.sql(FINISH_RUN), status, timestamp(endedAt), counts.read(), counts.written(),
                counts.skipped(), truncate(exitMessage, 2500), executionId);
    }

    public void heartbeat(long executionId) {
        jdbc.update(schema.sql(HEARTBEAT), executionId);
    }

    /** The status the run of {@code executionId} ended with, when it ended longer than {@code age} ago. */
    public Optional<String> endedBefore(long executionId, Duration age) {
        return jdbc.queryForList(schema.sql(SELECT_ENDED_BEFORE), String.class, executionId, -age.toSeconds()).stream()
                .findFirst();
    }

    /** The STARTED runs whose heartbeat, by the database server's clock, is older than {@code staleAfter}. */
    public Set<Long> startedRunsSilentFor(Duration staleAfter) {
        return new HashSet<>(jdbc.queryForList(schema.sql(SELECT_SILENT_RUNS), Long.class, -staleAfter.toSeconds()));
    }

    public void insertRejects(long jobInstanceId, Collection<ParsedRow.Rejected<?>> rejects) {
        if (rejects.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(schema.sql(INSERT_REJECT), rejects.stream()
                .map(r -> new Object[] {jobInstanceId, r.file(), r.line(), truncate(r.reason(), 1000)})
                .toList());
    }

    public void recordInputFiles(long jobInstanceId, Collection<FileStats> files) {
        transactions.executeWithoutResult(status -> files.forEach(f ->
                jdbc.update(schema.sql(UPSERT_INPUT_FILE), jobInstanceId, f.file(), f.bytes(), f.sha256(), f.rowsRead())));
    }

    public long rowsRead(long jobInstanceId) {
        return jdbc.queryForObject(schema.sql(SUM_ROWS_READ), Long.class, jobInstanceId);
    }

    public long rejectCount(long jobInstanceId) {
        return jdbc.queryForObject(schema.sql(COUNT_REJECTS), Long.class, jobInstanceId);
    }

    public List<RejectRow> rejects(long jobInstanceId) {
        return jdbc.query(schema.sql(SELECT_REJECTS),
                (rs, i) -> new RejectRow(rs.getString(1), rs.getLong(2), rs.getString(3)), jobInstanceId);
    }

    /**
     * Makes {@code metrics} the results of (job, period), in one transaction with the removal of
     * every other instance's rows for that period from the shared tables and {@code detailTables}:
     * a rerun replaces a period's results, it never adds to them.
     */
    public void publish(PublishedRun run, List<Metric> metrics, List<String> detailTables) {
        publish(run, metrics, List.of(), detailTables);
    }

    /** As {@link #publish(PublishedRun, List, List)}, with the run's warnings beside its metrics. */
    public void publish(PublishedRun run, List<Metric> metrics, List<RunWarning> warnings, List<String> detailTables) {
        transactions.executeWithoutResult(status -> {
            refuseUnlessHolder(run.job(), run.period(), run.executionId());
            jdbc.update(schema.sql(DELETE_METRICS), run.jobInstanceId());
            jdbc.batchUpdate(schema.sql(INSERT_METRIC), metrics.stream().map(m -> new Object[] {
                    run.jobInstanceId(), run.job(), run.period(), m.name(), m.value(), m.unit(), m.target(), m.met(),
                    m.missingReason()}).toList());
            deleteInstanceRows("run_warning", List.of(run.jobInstanceId()));
            jdbc.batchUpdate(schema.sql(INSERT_WARNING), warnings.stream().map(w -> new Object[] {
                    run.jobInstanceId(), run.job(), run.period(), w.name(), truncate(w.value(), 100),
                    truncate(w.message(), 1000)}).toList());
            List<Long> otherInstances = instancesOfPeriod(run.job(), run.period()).stream()
                    .filter(instance -> instance != run.jobInstanceId()).toList();
            for (String table : sharedAndDetailTables(detailTables)) {
                deleteInstanceRows(table, otherInstances);
            }
            jdbc.update(schema.sql(DELETE_PERIOD_RESULT), run.job(), run.period());
            jdbc.update(schema.sql(INSERT_PERIOD_RESULT), run.job(), run.period(), run.jobInstanceId(),
                    run.executionId(), Timestamp.valueOf(LocalDateTime.now()));
        });
    }

    /**
     * A run publishes (files and rows) only while it holds its period: one whose hold was broken
     * as stale, the period perhaps taken over by another run, must not replace that run's results.
     * Inside a transaction the lock row stays locked until it commits, so the hold cannot be broken
     * meanwhile.
     *
     * @throws CustosException when the period's lock row is missing or names another execution
     */
    public void refuseUnlessHolder(String job, String period, long executionId) {
        List<Long> holders = jdbc.query(schema.sql(SELECT_PERIOD_HOLDER), (rs, i) -> (Long) rs.getObject(1, Long.class),
                job, period);
        if (holders.isEmpty() || !Long.valueOf(executionId).equals(holders.get(0))) {
            throw new CustosException(("execution %d of %s %s no longer holds the period (its hold was broken as "
                    + "stale%s); its results were not published: see 'custos executions --job %s'")
                    .formatted(executionId, job, period, holders.isEmpty() || holders.get(0) == null ? ""
                            : " and the period taken over by execution " + holders.get(0), job));
        }
    }

    /** The job instances that ran (job, period), oldest first. */
    public List<Long> instancesOfPeriod(String job, String period) {
        return jdbc.queryForList(schema.sql(SELECT_INSTANCES_OF_PERIOD), Long.class, job, period);
    }

    /** Deletes the rows of {@code instances} from {@code table} of the results schema. */
    private void deleteInstanceRows(String table, List<Long> instances) {
        String delete = DELETE_INSTANCE_ROWS.formatted(schema.table(table));
        for (long instance : instances) {
            jdbc.update(delete, instance);
        }
    }

    /**
     * Marks the executions' run rows ABANDONED with the message, in one transaction; the caller
     * then removes the instance's staging rows ({@link StagingTables#remove}).
     */
    public void abandon(Collection<Long> executionIds, String exitMessage) {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now());
        transactions.executeWithoutResult(status -> {
            for (long executionId : executionIds) {
                jdbc.update(schema.sql(ABANDON_RUN), now, truncate(exitMessage, 2500), executionId);
            }
        });
    }

    /** The last run of every instance that ended FAILED or STOPPED before {@code endedBefore}, oldest first. */
    public List<RunRow> failedRunsEndedBefore(LocalDateTime endedBefore) {
        return jdbc.query(schema.sql(SELECT_FAILED_ENDED_BEFORE), ResultsRepository::runRow, timestamp(endedBefore));
    }

    /**
     * The tables a publication clears of the period's other runs. {@code input_file} is not one of
     * them: what every run was given stays on record for the auditors, superseded runs included.
     */
    private static List<String> sharedAndDetailTables(List<String> detailTables) {
        return Stream.concat(Stream.of("metric", "run_warning", "reject"), detailTables.stream()).toList();
    }

    /** The published metrics of (job, period), by name. */
    public List<Metric> metrics(String job, String period) {
        return jdbc.query(schema.sql(SELECT_METRICS), ResultsRepository::metric, job, period);
    }

    public List<Metric> metricsOfInstance(long jobInstanceId) {
        return jdbc.query(schema.sql(SELECT_INSTANCE_METRICS), ResultsRepository::metric, jobInstanceId);
    }

    public List<RunWarning> warningsOfInstance(long jobInstanceId) {
        return jdbc.query(schema.sql(SELECT_INSTANCE_WARNINGS),
                (rs, i) -> new RunWarning(rs.getString(1), rs.getString(2), rs.getString(3)), jobInstanceId);
    }

    /** The SHA-256 of every input file the instance recorded. */
    public Set<String> inputHashes(long jobInstanceId) {
        return new HashSet<>(jdbc.queryForList(schema.sql(SELECT_INPUT_HASHES), String.class, jobInstanceId));
    }

    /**
     * The SHA-256 sets of the input files of every completed run of {@code job} in a period other
     * than {@code period}: (period, one set per instance), periods in order.
     */
    public Map<String, List<Set<String>>> completedInputHashesOfOtherPeriods(String job, String period) {
        Map<String, Map<Long, Set<String>>> byPeriod = new TreeMap<>();
        jdbc.query(schema.sql(SELECT_COMPLETED_INPUTS_OF_OTHER_PERIODS), rs -> {
            byPeriod.computeIfAbsent(rs.getString(1), p -> new TreeMap<>())
                    .computeIfAbsent(rs.getLong(2), instance -> new HashSet<>()).add(rs.getString(3));
        }, job, period);
        Map<String, List<Set<String>>> sets = new TreeMap<>();
        byPeriod.forEach((p, instances) -> sets.put(p, List.copyOf(instances.values())));
        return sets;
    }

    public Optional<Long> publishedExecution(String job, String period) {
        return jdbc.query(schema.sql(SELECT_PERIOD_RESULT), (rs, i) -> rs.getLong(1), job, period).stream().findFirst();
    }

    /** The execution of a later rerun whose results are the period's, if any: an older run may not publish over it. */
    public Optional<Long> laterRerunPublished(String job, String period, int rerun) {
        return jdbc.query(schema.sql(SELECT_LATER_RERUN_PUBLISHED), (rs, i) -> rs.getLong(1), job, period, rerun)
                .stream().findFirst();
    }

    public List<RunRow> runs(RunFilter filter) {
        StringBuilder sql = new StringBuilder(SELECT_RUNS).append(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (filter.job() != null) {
            sql.append(" AND job = ?");
            args.add(filter.job());
        }
        if (filter.period() != null) {
            sql.append(" AND period = ?");
            args.add(filter.period());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            args.add(filter.status());
        }
        if (filter.startedFrom() != null) {
            sql.append(" AND started_at >= ?");
            args.add(timestamp(filter.startedFrom()));
        }
        if (filter.startedBefore() != null) {
            sql.append(" AND started_at < ?");
            args.add(timestamp(filter.startedBefore()));
        }
        sql.append(" ORDER BY execution_id DESC");
        if (filter.limit() > 0) {
            sql.append(" LIMIT ").append(filter.limit());
            if (filter.offset() > 0) {
                sql.append(" OFFSET ").append(filter.offset());
            }
        }
        return jdbc.query(schema.sql(sql.toString()), ResultsRepository::runRow, args.toArray());
    }

    private static RunRow runRow(ResultSet rs, int i) throws SQLException {
        return new RunRow(rs.getLong("execution_id"), rs.getLong("job_instance_id"), rs.getString("job"),
                rs.getString("period"), rs.getInt("rerun"), rs.getString("status"),
                localDateTime(rs.getTimestamp("started_at")), localDateTime(rs.getTimestamp("ended_at")),
                rs.getLong("read_count"), rs.getLong("write_count"), rs.getLong("skip_count"),
                rs.getString("exit_message"), rs.getString("host"), (Long) rs.getObject("pid", Long.class),
                localDateTime(rs.getTimestamp("heartbeat_at")));
    }

    private static Metric metric(ResultSet rs, int i) throws SQLException {
        return new Metric(rs.getString(1), (Double) rs.getObject(2, Double.class), rs.getString(3),
                (Double) rs.getObject(4, Double.class), (Boolean) rs.getObject(5, Boolean.class), rs.getString(6));
    }

    private static Timestamp timestamp(LocalDateTime time) {
        return time == null ? null : Timestamp.valueOf(time);
    }

    private static LocalDateTime localDateTime(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
