package dev.custos.scheduler.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.period.Period;
import dev.custos.common.results.Metric;
import dev.custos.common.results.ResultsSchema;

/**
 * The published metrics of every job for the periods of a few years, read in one query, so that
 * a report looks up a period's figures and their trend without a query per period.
 */
final class PublishedMetrics {

    /* Every period's text starts with its year ("2026", "2026-Q4", "2026-11", "2026-11-24"), so
       the periods of the years from..to compare between "from" and "to + 1". */
    private static final String SELECT = """
            SELECT m.job, m.period, m.name, m.value, m.unit, m.target, m.met, m.missing_reason
            FROM {results}.metric m JOIN {results}.period_result p
              ON p.job_instance_id = m.job_instance_id AND p.job = m.job AND p.period = m.period
            WHERE m.period >= ? AND m.period < ? ORDER BY m.job, m.period, m.name""";

    private final Map<Key, List<Metric>> byPeriod;

    private PublishedMetrics(Map<Key, List<Metric>> byPeriod) {
        this.byPeriod = byPeriod;
    }

    /** The published metrics of the periods of the years {@code fromYear} to {@code toYear}. */
    static PublishedMetrics of(JdbcTemplate jdbc, ResultsSchema schema, int fromYear, int toYear) {
        Map<Key, List<Metric>> byPeriod = new HashMap<>();
        jdbc.query(schema.sql(SELECT), rs -> {
            byPeriod.computeIfAbsent(new Key(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                    .add(new Metric(rs.getString(3), rs.getObject(4, Double.class), rs.getString(5),
                            rs.getObject(6, Double.class), rs.getObject(7, Boolean.class), rs.getString(8)));
        }, String.valueOf(fromYear), String.valueOf(toYear + 1));
        return new PublishedMetrics(byPeriod);
    }

    /** The published metrics of (job, period) by name; none when it has no published run or lies outside the years read. */
    List<Metric> of(String job, Period period) {
        return byPeriod.getOrDefault(new Key(job, period.toString()), List.of());
    }

    private record Key(String job, String period) {
    }
}
