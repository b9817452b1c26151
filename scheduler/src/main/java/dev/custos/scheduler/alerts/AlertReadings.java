package dev.custos.scheduler.alerts;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.results.Metric;
import dev.custos.common.results.ResultsSchema;

/** What the alert rules read from the results schema: finished runs, published figures and warnings. */
final class AlertReadings {

    private static final String FINISHED_RUNS = """
            SELECT execution_id, job, period, status FROM {results}.run
            WHERE status IN ('COMPLETED', 'FAILED', 'STOPPED', 'ABANDONED')""";
    private static final String PUBLISHED_FIGURES = """
            SELECT p.job, p.period, m.name, m.value, m.unit, m.target, m.met, m.missing_reason
            FROM {results}.period_result p JOIN {results}.metric m
              ON m.job_instance_id = p.job_instance_id AND m.job = p.job AND m.period = p.period
            WHERE m.target IS NOT NULL""";
    private static final String PUBLISHED_WARNINGS = """
            SELECT p.job, p.period, w.name
            FROM {results}.period_result p JOIN {results}.run_warning w
              ON w.job_instance_id = p.job_instance_id AND w.job = p.job AND w.period = p.period""";

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;

    AlertReadings(JdbcTemplate jdbc, ResultsSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    List<AlertRules.Run> finishedRuns() {
        return jdbc.query(schema.sql(FINISHED_RUNS), (rs, n) -> new AlertRules.Run(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4)));
    }

    List<AlertRules.Figure> publishedKpis() {
        return jdbc.query(schema.sql(PUBLISHED_FIGURES), (rs, n) -> new AlertRules.Figure(rs.getString(1),
                rs.getString(2), new Metric(rs.getString(3), rs.getObject(4, Double.class), rs.getString(5),
                rs.getObject(6, Double.class), (Boolean) rs.getObject(7, Boolean.class), rs.getString(8))));
    }

    List<AlertRules.Warning> publishedWarnings() {
        return jdbc.query(schema.sql(PUBLISHED_WARNINGS), (rs, n) -> new AlertRules.Warning(rs.getString(1),
                rs.getString(2), rs.getString(3)));
    }
}
