package dev.custos.scheduler.monitoring;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.period.InvalidPeriodException;
import dev.custos.common.period.Period;
import dev.custos.common.results.ResultsSchema;

/** What monitoring reads from the results schema: every control's published periods, runs and figures. */
final class ResultsReadings {

    private static final String PUBLISHED_PERIODS = "SELECT job, period FROM {results}.period_result";
    private static final String FIRST_RUNS = "SELECT job, MIN(started_at) FROM {results}.run GROUP BY job";
    private static final String LAST_SUCCESSES =
            "SELECT job, MAX(ended_at) FROM {results}.run WHERE status = 'COMPLETED' GROUP BY job";
    /* The status of each job's latest execution (the highest id: ids grow with every launch). */
    private static final String LATEST_RUNS = """
            SELECT r.job, r.status FROM {results}.run r
            WHERE r.execution_id = (SELECT MAX(l.execution_id) FROM {results}.run l WHERE l.job = r.job)""";
    private static final String PUBLISHED_METRICS = """
            SELECT p.job, p.period, m.name, m.value, m.target, m.met
            FROM {results}.period_result p JOIN {results}.metric m
              ON m.job_instance_id = p.job_instance_id AND m.job = p.job AND m.period = p.period""";

    private static final String PUBLISHED_WARNINGS = """
            SELECT p.job, p.period, w.name
            FROM {results}.period_result p JOIN {results}.run_warning w
              ON w.job_instance_id = p.job_instance_id AND w.job = p.job AND w.period = p.period
            WHERE p.completed_at = (SELECT MAX(q.completed_at) FROM {results}.period_result q WHERE q.job = p.job)""";

    /** A warning a published run carries, e.g. {@code input_reused_from}. */
    record Warning(String job, String period, String name) {
    }

    /** One published figure; {@code target} and {@code met} only on a KPI, {@code value} null when missing. */
    record Figure(String job, Period period, String name, Double value, Double target, Boolean met) {
    }

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;
    /* run times are stored as local date-times of the process that wrote them */
    private final ZoneId storedZone = ZoneId.systemDefault();

    ResultsReadings(JdbcTemplate jdbc, ResultsSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    /** Each job's latest period with published results (a completed run). */
    Map<String, Period> latestCompletedPeriods() {
        Map<String, Period> latest = new HashMap<>();
        jdbc.query(schema.sql(PUBLISHED_PERIODS), rs -> {
            Period period = parse(rs.getString(2));
            if (period != null) {
                latest.merge(rs.getString(1), period, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        });
        return latest;
    }

    Map<String, Instant> firstRuns() {
        return times(FIRST_RUNS);
    }

    Map<String, Instant> lastSuccesses() {
        return times(LAST_SUCCESSES);
    }

    Map<String, String> latestRunStatuses() {
        Map<String, String> statuses = new HashMap<>();
        jdbc.query(schema.sql(LATEST_RUNS), rs -> {
            statuses.put(rs.getString(1), rs.getString(2));
        });
        return statuses;
    }

    /** The figures of each job's latest published period. */
    List<Figure> latestFigures() {
        List<Figure> all = new ArrayList<>();
        jdbc.query(schema.sql(PUBLISHED_METRICS), rs -> {
            Period period = parse(rs.getString(2));
            if (period != null) {
                all.add(new Figure(rs.getString(1), period, rs.getString(3), rs.getObject(4, Double.class),
                        rs.getObject(5, Double.class), (Boolean) rs.getObject(6, Boolean.class)));
            }
        });
        Map<String, Period> latest = new HashMap<>();
        all.forEach(f -> latest.merge(f.job(), f.period(), (a, b) -> a.compareTo(b) >= 0 ? a : b));
        return all.stream().filter(f -> f.period().equals(latest.get(f.job()))).toList();
    }

    /** The warnings of each job's most recently published run (a backfilled period's too). */
    List<Warning> latestWarnings() {
        List<Warning> warnings = new ArrayList<>();
        jdbc.query(schema.sql(PUBLISHED_WARNINGS), rs -> {
            warnings.add(new Warning(rs.getString(1), rs.getString(2), rs.getString(3)));
        });
        return warnings;
    }

    private Map<String, Instant> times(String template) {
        Map<String, Instant> times = new HashMap<>();
        jdbc.query(schema.sql(template), rs -> {
            Timestamp time = rs.getTimestamp(2);
            if (time != null) {
                times.put(rs.getString(1), time.toLocalDateTime().atZone(storedZone).toInstant());
            }
        });
        return times;
    }

    private static Period parse(String text) {
        try {
            return Period.parse(text);
        } catch (InvalidPeriodException e) {
            return null;
        }
    }
}
