package dev.custos.scheduler.evidence;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import dev.custos.common.checksum.Sha256;
import dev.custos.common.job.CustosProperties;
import dev.custos.common.period.Period;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.ResultsSchema;
import dev.custos.scheduler.audit.OperatorAction;
import dev.custos.scheduler.audit.OperatorAuditLog;

/**
 * The rows of the results schema an evidence bundle holds, as the tables of the bundle. The
 * exporter writes them; the verifier reads them again and compares. Every table starts with the
 * columns {@code job, period}, followed by the rest of its key.
 */
@Component
class ResultsEvidence {

    static final String RUNS_FILE = "runs.csv";
    static final String PERIOD_RESULTS_FILE = "period_results.csv";
    static final String INPUT_FILES_FILE = "input_files.csv";
    static final String METRICS_FILE = "metrics.csv";
    static final String REJECT_COUNTS_FILE = "reject_counts.csv";
    static final String WARNINGS_FILE = "warnings.csv";
    static final String ALERTS_FILE = "alerts.csv";
    static final String OPERATOR_AUDIT_FILE = "operator-audit.csv";

    private static final String RUNS = """
            SELECT job, period, execution_id, job_instance_id, rerun, status, started_at, ended_at,
                   read_count, write_count, skip_count, code_version, exit_message
            FROM {results}.run WHERE period LIKE ?""";
    private static final String PERIOD_RESULTS = """
            SELECT job, period, job_instance_id, execution_id, completed_at
            FROM {results}.period_result WHERE period LIKE ?""";
    private static final String INPUT_FILES = """
            SELECT i.job, i.period, f.job_instance_id, f.file, f.bytes, f.sha256, f.rows_read
            FROM {results}.input_file f
            JOIN (SELECT DISTINCT job_instance_id, job, period FROM {results}.run) i
              ON i.job_instance_id = f.job_instance_id
            WHERE i.period LIKE ?""";
    private static final String METRICS = """
            SELECT job, period, job_instance_id, name, value, unit, target, met, missing_reason
            FROM {results}.metric WHERE period LIKE ?""";
    private static final String REJECT_COUNTS = """
            SELECT i.job, i.period, j.job_instance_id, j.file, COUNT(*)
            FROM {results}.reject j
            JOIN (SELECT DISTINCT job_instance_id, job, period FROM {results}.run) i
              ON i.job_instance_id = j.job_instance_id
            WHERE i.period LIKE ?
            GROUP BY i.job, i.period, j.job_instance_id, j.file""";

    private static final String WARNINGS = """
            SELECT job, period, job_instance_id, name, value, message
            FROM {results}.run_warning WHERE period LIKE ?""";

    /* Alerts raised about the periods (by custos serve), with the count of their messages delivered and not. */
    private static final String ALERTS = """
            SELECT a.job, a.period, a.incident_key, a.kind, a.state, a.occurrence, a.opened_at_utc, a.resolved_at_utc,
              a.summary,
              (SELECT COUNT(*) FROM {results}.alert_delivery d
                WHERE d.incident_key = a.incident_key AND d.delivered_at_utc IS NOT NULL),
              (SELECT COUNT(*) FROM {results}.alert_delivery d
                WHERE d.incident_key = a.incident_key AND d.delivered_at_utc IS NULL)
            FROM {results}.alert a WHERE a.period LIKE ?""";

    private static final String EXECUTION_PERIODS = "SELECT execution_id, period FROM {results}.run WHERE execution_id IN";

    /* The reason is free text an operator typed: the bundle holds its SHA-256, which the log's row can be
       checked against. */
    private static final List<String> OPERATOR_AUDIT_HEADER = List.of("id", "occurred_at", "actor", "role", "action",
            "target", "arguments", "reason_sha256", "outcome", "client_address");

    /** Instants in ISO-8601 UTC, always to the millisecond: {@code 2026-11-24T02:00:01.250Z}. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final List<Query> QUERIES = List.of(
            new Query(RUNS_FILE, List.of("job", "period", "execution_id", "job_instance_id", "rerun", "status",
                    "started_at", "ended_at", "read_count", "write_count", "skip_count", "code_version",
                    "exit_message"), 3, RUNS, rs -> List.of(text(rs, 1), text(rs, 2), integer(rs, 3),
                    integer(rs, 4), integer(rs, 5), text(rs, 6), time(rs, 7), time(rs, 8), integer(rs, 9),
                    integer(rs, 10), integer(rs, 11), text(rs, 12), text(rs, 13))),
            new Query(PERIOD_RESULTS_FILE, List.of("job", "period", "job_instance_id", "execution_id", "completed_at"),
                    2, PERIOD_RESULTS, rs -> List.of(text(rs, 1), text(rs, 2), integer(rs, 3), integer(rs, 4),
                    time(rs, 5))),
            new Query(INPUT_FILES_FILE, List.of("job", "period", "job_instance_id", "file", "bytes", "sha256",
                    "rows_read"), 4, INPUT_FILES, rs -> List.of(text(rs, 1), text(rs, 2), integer(rs, 3),
                    text(rs, 4), integer(rs, 5), text(rs, 6), integer(rs, 7))),
            new Query(METRICS_FILE, List.of("job", "period", "job_instance_id", "name", "value", "unit", "target",
                    "met", "missing_reason"), 4, METRICS, rs -> List.of(text(rs, 1), text(rs, 2), integer(rs, 3),
                    text(rs, 4), decimal(rs, 5), text(rs, 6), decimal(rs, 7), bool(rs, 8), text(rs, 9))),
            new Query(REJECT_COUNTS_FILE, List.of("job", "period", "job_instance_id", "file", "rejected"), 4,
                    REJECT_COUNTS, rs -> List.of(text(rs, 1), text(rs, 2), integer(rs, 3), text(rs, 4),
                    integer(rs, 5))),
            new Query(WARNINGS_FILE, List.of("job", "period", "job_instance_id", "name", "value", "message"), 4,
                    WARNINGS, rs -> List.of(text(rs, 1), text(rs, 2), integer(rs, 3), text(rs, 4), text(rs, 5),
                    text(rs, 6))),
            new Query(ALERTS_FILE, List.of("job", "period", "incident", "kind", "state", "occurrence", "opened_at",
                    "resolved_at", "summary", "messages_delivered", "messages_not_delivered"), 3, ALERTS,
                    rs -> List.of(text(rs, 1), text(rs, 2), text(rs, 3), text(rs, 4), text(rs, 5), integer(rs, 6),
                    utcTime(rs, 7), utcTime(rs, 8), text(rs, 9), integer(rs, 10), integer(rs, 11))));

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;
    private final OperatorAuditLog auditLog;
    private final ZoneId zone;

    ResultsEvidence(JdbcTemplate jdbc, ResultsRepository results, OperatorAuditLog auditLog,
                    CustosProperties properties) {
        this.jdbc = jdbc;
        this.schema = results.schema();
        this.auditLog = auditLog;
        this.zone = properties.zone();
    }

    /** Every table of the bundle, read from the results schema now. */
    List<EvidenceTable> read(EvidenceScope scope) {
        List<EvidenceTable> tables = new ArrayList<>();
        for (Query query : QUERIES) {
            List<List<String>> rows = jdbc.query(schema.sql(query.sql()), (rs, i) -> query.row().map(rs),
                    scope.yearPattern());
            tables.add(EvidenceTable.sorted(query.file(), query.header(), query.keyColumns(),
                    rows.stream().filter(row -> scope.covers(row.get(1))).toList()));
        }
        tables.add(operatorAudit(scope));
        return tables;
    }

    /**
     * The operator audit log's rows about the period ({@link AuditedPeriods}: a run, rerun, restart,
     * approval or backfill of it, or of a shorter period within it, whenever it was done), and the rows
     * about no period (a pause, a user, a restore) acted from its first day's start to its last day's end
     * in custos.zone. A row about another period is in that period's bundle.
     */
    private EvidenceTable operatorAudit(EvidenceScope scope) {
        Period period = scope.period();
        Instant from = period.start().atStartOfDay(zone).toInstant();
        Instant to = period.end().plusDays(1).atStartOfDay(zone).toInstant();
        List<OperatorAction> candidates = auditLog.duringOrTargeting(from, to, List.of(
                "%" + period.start().getYear() + "%", "%..%", "execution %", "schedule %"));
        Map<Long, String> executionPeriods = executionPeriods(candidates);
        List<List<String>> rows = candidates.stream().filter(row -> {
            List<Period> about = AuditedPeriods.of(row, executionPeriods);
            return about.isEmpty() ? !row.occurredAt().isBefore(from) && row.occurredAt().isBefore(to)
                    : about.stream().anyMatch(scope::covers);
        }).map(row -> List.of(
                String.valueOf(row.id()), TIME.format(row.occurredAt()), row.actor(), row.role(), row.action(),
                row.target(), orEmpty(row.arguments()),
                row.reason() == null ? "" : Sha256.of(row.reason().getBytes(StandardCharsets.UTF_8)), row.outcome(),
                row.clientAddress())).toList();
        return EvidenceTable.sorted(OPERATOR_AUDIT_FILE, OPERATOR_AUDIT_HEADER, 1, rows);
    }

    /** The period of each execution the rows name that a run records. */
    private Map<Long, String> executionPeriods(List<OperatorAction> rows) {
        List<Long> executions = rows.stream().map(AuditedPeriods::execution).filter(OptionalLong::isPresent)
                .map(OptionalLong::getAsLong).distinct().toList();
        Map<Long, String> periods = new HashMap<>();
        if (!executions.isEmpty()) {
            String placeholders = String.join(", ", Collections.nCopies(executions.size(), "?"));
            jdbc.query(schema.sql(EXECUTION_PERIODS + " (" + placeholders + ")"),
                    (RowCallbackHandler) rs -> periods.put(rs.getLong(1), rs.getString(2)), executions.toArray());
        }
        return periods;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private record Query(String file, List<String> header, int keyColumns, String sql, RowReader row) {
    }

    @FunctionalInterface
    private interface RowReader {
        List<String> map(ResultSet rs) throws SQLException;
    }

    private static String text(ResultSet rs, int column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? "" : value;
    }

    private static String integer(ResultSet rs, int column) throws SQLException {
        Long value = rs.getObject(column, Long.class);
        return value == null ? "" : value.toString();
    }

    /** A figure written without a trailing {@code .0}: {@code 300}, {@code 0.9533}. */
    private static String decimal(ResultSet rs, int column) throws SQLException {
        Double value = rs.getObject(column, Double.class);
        return value == null ? "" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String bool(ResultSet rs, int column) throws SQLException {
        Boolean value = rs.getObject(column, Boolean.class);
        return value == null ? "" : value.toString();
    }

    /** A time stored as UTC wall-clock time (the alerts' {@code *_utc} columns). */
    private static String utcTime(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? "" : TIME.format(value.toLocalDateTime().toInstant(ZoneOffset.UTC));
    }

    private static String time(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? "" : TIME.format(value.toInstant());
    }
}
