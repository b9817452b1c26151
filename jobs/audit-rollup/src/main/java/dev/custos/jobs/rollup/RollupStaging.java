package dev.custos.jobs.rollup;

import java.sql.Date;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.csv.ParsedRow;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.ResultsSchema;

/**
 * The staged findings of a run: read back in reading order, repeated ids moved to the rejects,
 * and the rollup lines written from them.
 */
final class RollupStaging {

    static final String INSERT_FINDING = """
            INSERT INTO {results}.ar_finding_stage (job_instance_id, finding_id, file, line, audit_year, opened_on,
                                                    severity, category, title, status, closed_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String SELECT_FINDINGS = """
            SELECT finding_id, file, line, audit_year, opened_on, severity, category, title, status, closed_on
            FROM {results}.ar_finding_stage WHERE job_instance_id = ? ORDER BY file, line""";
    /* A category as the database compares it (MariaDB's utf8mb4_general_ci ignores case and accents,
       so "Réseau" and "Reseau" are one key of audit_rollup_line and metric): the first spelling, in
       reading order, of the categories the database holds equal. */
    private static final String SELECT_FINDINGS_BY_STORED_CATEGORY = """
            SELECT finding_id, file, line, audit_year, opened_on, severity,
                   FIRST_VALUE(category) OVER (PARTITION BY category ORDER BY file, line), title, status, closed_on
            FROM {results}.ar_finding_stage WHERE job_instance_id = ? ORDER BY file, line""";
    private static final String DELETE_FINDING =
            "DELETE FROM {results}.ar_finding_stage WHERE job_instance_id = ? AND file = ? AND line = ?";
    private static final String COUNT_FINDINGS = "SELECT COUNT(*) FROM {results}.ar_finding_stage WHERE job_instance_id = ?";
    private static final String DELETE_LINES = "DELETE FROM {results}.audit_rollup_line WHERE job_instance_id = ?";
    private static final String INSERT_LINE = """
            INSERT INTO {results}.audit_rollup_line (job_instance_id, section, item, findings, findings_previous)
            VALUES (?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;
    private final ResultsRepository results;

    RollupStaging(JdbcTemplate jdbc, ResultsSchema schema, ResultsRepository results) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.results = results;
    }

    List<FindingsRollup.StagedFinding> findings(long jobInstanceId) {
        return findings(SELECT_FINDINGS, jobInstanceId);
    }

    private List<FindingsRollup.StagedFinding> findings(String select, long jobInstanceId) {
        return jdbc.query(schema.sql(select), (rs, i) -> {
            Date closed = rs.getDate(10);
            AuditFinding finding = new AuditFinding(rs.getString(1), rs.getInt(4), rs.getDate(5).toLocalDate(),
                    Severity.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8),
                    FindingStatus.valueOf(rs.getString(9)), closed == null ? null : closed.toLocalDate());
            return new FindingsRollup.StagedFinding(rs.getString(2), rs.getLong(3), finding);
        }, jobInstanceId);
    }

    long count(long jobInstanceId) {
        return jdbc.queryForObject(schema.sql(COUNT_FINDINGS), Long.class, jobInstanceId);
    }

    /** Rejects a repeated finding_id at its later lines; the first line stands. */
    void rejectRepeatedIds(long jobInstanceId) {
        List<FindingsRollup.Repeated> repeated = FindingsRollup.repeatedIds(findings(jobInstanceId));
        results.insertRejects(jobInstanceId, repeated.stream()
                .<ParsedRow.Rejected<?>>map(r -> new ParsedRow.Rejected<AuditFinding>(r.file(), r.line(), r.reason()))
                .toList());
        jdbc.batchUpdate(schema.sql(DELETE_FINDING), repeated.stream()
                .map(r -> new Object[] {jobInstanceId, r.file(), r.line()}).toList());
    }

    /** The rollup of the staged findings, each category named as the database groups it. */
    FindingsRollup rollup(long jobInstanceId, int year) {
        return FindingsRollup.of(year, findings(SELECT_FINDINGS_BY_STORED_CATEGORY, jobInstanceId).stream().map(FindingsRollup.StagedFinding::finding).toList());
    }

    /** Replaces the instance's rollup lines, so that a restarted step writes them once. */
    void writeLines(long jobInstanceId, int year) {
        jdbc.update(schema.sql(DELETE_LINES), jobInstanceId);
        jdbc.batchUpdate(schema.sql(INSERT_LINE), rollup(jobInstanceId, year).lines().stream()
                .map(l -> new Object[] {jobInstanceId, l.section(), l.item(), l.findings(), l.findingsPrevious()})
                .toList());
    }
}
