package dev.custos.common.results;

import java.time.LocalDate;
import java.util.List;

import dev.custos.common.period.Period;

/**
 * A KPI of a period longer than one run, computed from a control's runs by the control that owns
 * it (e.g. the share of a year's days whose daily run succeeded). A job module contributes one
 * bean per such KPI; the KPI report lists it under the job, and the yearly rollup publishes it
 * and charts it per month, without knowing the job.
 */
public interface PeriodKpis {

    /** The control whose runs the KPI is computed from; the report lists it under this job. */
    String jobName();

    /** The KPI's name, the same in every period, e.g. {@code <job>_success_rate}. */
    String name();

    /** {@link Metric#RATIO} or a count unit. */
    String unit();

    /** The target, drawn in charts even where every period's figure is missing. */
    double target();

    /** What the KPI measures, as a chart's title starts: "{@code <title>} per month 2026". */
    String title();

    /** The heading of a summary's section that lists the KPI. */
    String heading();

    /**
     * The KPI of {@code period} as it stood on {@code today}, first, then of each of its months
     * when it is longer than a month and the control ran in it; missing with the reason where no
     * run is behind it, never 0 or 100%. Nothing for a period no longer than one run.
     */
    List<Kpi> of(Period period, LocalDate today);

    /** The KPI's figure of one period, named {@link #name()}. */
    record Kpi(Period period, Metric metric) {
    }
}
