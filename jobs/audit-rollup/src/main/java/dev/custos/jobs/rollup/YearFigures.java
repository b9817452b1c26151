package dev.custos.jobs.rollup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.custos.common.job.Control;
import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.results.KpiTarget;
import dev.custos.common.results.Metric;
import dev.custos.common.results.PeriodKpis;
import dev.custos.common.results.ResultsRepository;

/**
 * The year's figures of the other controls, read from the results schema only (never from their
 * input files): training coverage per quarter, reconciliation findings and leavers with access
 * per month, and the KPIs spanning runs that the controls compute ({@link PeriodKpis}, e.g. the
 * backup success rate) of the year and of its months, named {@code <kpi>} and {@code <kpi>.<month>}.
 * A period without a published run, or not over yet, gives a missing figure with the reason,
 * never 0 or 100%.
 */
final class YearFigures {

    static final String TRAINING_JOB = "training-coverage";
    static final String RECONCILIATION_JOB = "permission-reconciliation";
    static final String TRAINING_COVERAGE = "training_coverage";
    static final String RECONCILIATION_FINDINGS = "reconciliation_findings";
    static final String LEAVERS_WITH_ACCESS = "reconciliation_leavers_with_access";

    private final ResultsRepository results;
    private final List<PeriodKpis> periodKpis;
    private final List<Control> controls;

    /**
     * @param periodKpis in any order: their figures are listed and charted by job and name
     * @param controls   the KPIs they declare keep their target where a period has no run, so that the
     *                   rollup counts them missing as the report does
     */
    YearFigures(ResultsRepository results, List<PeriodKpis> periodKpis, List<Control> controls) {
        this.results = results;
        this.controls = List.copyOf(controls);
        this.periodKpis = periodKpis.stream()
                .sorted(Comparator.comparing(PeriodKpis::jobName).thenComparing(PeriodKpis::name)).toList();
    }

    List<PeriodKpis> periodKpis() {
        return periodKpis;
    }

    /** Every figure of {@code year} as it stood on {@code today}. */
    List<Metric> of(Period year, LocalDate today) {
        List<Metric> metrics = new ArrayList<>();
        for (Period quarter : year.subPeriods(PeriodType.QUARTER)) {
            metrics.add(figure(TRAINING_JOB, quarter, "coverage", TRAINING_COVERAGE, today));
        }
        for (Period month : year.subPeriods(PeriodType.MONTH)) {
            metrics.add(figure(RECONCILIATION_JOB, month, "findings", RECONCILIATION_FINDINGS, today));
        }
        for (Period month : year.subPeriods(PeriodType.MONTH)) {
            metrics.add(figure(RECONCILIATION_JOB, month, "leavers_with_access", LEAVERS_WITH_ACCESS, today));
        }
        for (PeriodKpis kpis : periodKpis) {
            for (PeriodKpis.Kpi kpi : kpis.of(year, today)) {
                Metric m = kpi.metric();
                String name = kpi.period().equals(year) ? kpis.name() : kpis.name() + "." + kpi.period();
                metrics.add(new Metric(name, m.value(), m.unit(), m.target(), m.met(), m.missingReason()));
            }
        }
        return metrics;
    }

    /** {@code job}'s metric {@code source} of {@code period}, named {@code <name>.<period>}. */
    private Metric figure(String job, Period period, String source, String name, LocalDate today) {
        String target = name + "." + period;
        if (!period.end().isBefore(today)) {
            return Metric.missing(target, unit(source), period + " is not over yet");
        }
        Optional<KpiTarget> kpi = controls.stream().filter(c -> c.jobName().equals(job))
                .flatMap(c -> c.kpis().stream()).filter(k -> k.name().equals(source)).findFirst();
        Optional<Long> execution = results.publishedExecution(job, period.toString());
        if (execution.isEmpty()) {
            String reason = "no completed " + job + " run for " + period;
            return kpi.map(k -> Metric.missingKpi(target, k.unit(), k.target(), reason))
                    .orElseGet(() -> Metric.missing(target, unit(source), reason));
        }
        return results.metrics(job, period.toString()).stream()
                .filter(m -> m.name().equals(source))
                .findFirst()
                .map(m -> new Metric(target, m.value(), m.unit(), m.target(), m.met(), m.missingReason()))
                .orElseGet(() -> Metric.missing(target, unit(source), job + " " + period + " (execution "
                        + execution.get() + ") published no " + source));
    }

    private static String unit(String source) {
        return "coverage".equals(source) ? Metric.RATIO : Metric.COUNT;
    }
}
