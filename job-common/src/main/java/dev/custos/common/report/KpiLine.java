package dev.custos.common.report;

import java.util.List;
import java.util.Optional;

import dev.custos.common.results.KpiStatus;
import dev.custos.common.results.Metric;

/**
 * One figure of one job and period in a report, with the same figure of the periods before it
 * (oldest first) as its trend.
 */
public record KpiLine(String job, String period, Metric metric, List<TrendPoint> trend) {

    public KpiLine {
        trend = List.copyOf(trend);
    }

    public static KpiLine of(String job, String period, Metric metric) {
        return new KpiLine(job, period, metric, List.of());
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
