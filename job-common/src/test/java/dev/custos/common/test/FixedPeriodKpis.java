package dev.custos.common.test;

import java.time.LocalDate;
import java.util.List;

import dev.custos.common.period.Period;
import dev.custos.common.results.Metric;
import dev.custos.common.results.PeriodKpis;

/**
 * A KPI over periods of a control that exists only in tests, for what lays such KPIs out (the
 * report, the rollup) without knowing any control: a ratio with the same value in every period.
 */
public record FixedPeriodKpis(String jobName, String name, String title, String heading, double target, double value)
        implements PeriodKpis {

    @Override
    public String unit() {
        return Metric.RATIO;
    }

    /** The KPI of {@code period} alone. */
    @Override
    public List<Kpi> of(Period period, LocalDate today) {
        return List.of(new Kpi(period, Metric.kpiAtLeast(name, value, Metric.RATIO, target)));
    }
}
