package dev.custos.common.report;

import java.util.List;
import java.util.Optional;

import dev.custos.common.results.KpiStatus;
import dev.custos.common.results.Metric;

/**
 * One figure of one job and period in a report, with the same figure of the periods before it
 * (oldest first) as its trend, and the figure's name as a manager reads it ({@code label}, e.g.
 * "Critical findings" for {@code findings.CRITICAL}).
 */
public record KpiLine(String job, String period, Metric metric, List<TrendPoint> trend, String label) {

    public KpiLine {
        trend = List.copyOf(trend);
        label = label == null || label.isBlank() ? metric.name() : label;
    }

    /** A line labelled with the figure's name. */
    public KpiLine(String job, String period, Metric metric, List<TrendPoint> trend) {
        this(job, period, metric, trend, null);
    }

    public static KpiLine of(String job, String period, Metric metric) {
        return new KpiLine(job, period, metric, List.of());
    }

    public KpiLine labelled(String label) {
        return new KpiLine(job, period, metric, trend, label);
    }

    public KpiLine withTrend(List<TrendPoint> trend) {
        return new KpiLine(job, period, metric, trend, label);
    }

    /** A value of the figure in an earlier period; {@code value} is null where it is missing. */
    public record TrendPoint(String period, Double value) {
    }

    /** The KPI's status; empty for a figure without a target. */
    public Optional<KpiStatus> status() {
        return KpiStatus.of(metric);
    }

    /** The latest earlier value there is, to say whether the figure went up or down. */
    public TrendPoint previous() {
        for (int i = trend.size() - 1; i >= 0; i--) {
            if (trend.get(i).value() != null) {
                return trend.get(i);
            }
        }
        return null;
    }
}
