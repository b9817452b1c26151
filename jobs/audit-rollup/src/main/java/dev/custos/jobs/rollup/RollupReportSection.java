package dev.custos.jobs.rollup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.report.Chart;
import dev.custos.common.report.ReportSection;
import dev.custos.common.results.Metric;
import dev.custos.common.results.ResultsRepository;

/**
 * The rollup's part of the KPI report of any period: the charts of the year the period ends in
 * ({@link RollupCharts}), from the year's figures as they stand and, when the rollup of that year
 * ran, its findings by severity.
 */
final class RollupReportSection implements ReportSection {

    private final ResultsRepository results;
    private final YearFigures yearFigures;

    RollupReportSection(ResultsRepository results, YearFigures yearFigures) {
        this.results = results;
        this.yearFigures = yearFigures;
    }

    @Override
    public String jobName() {
        return AuditRollupJobConfig.JOB_NAME;
    }

    @Override
    public String title() {
        return "Audit rollup";
    }

    /** The rollup's own figures and its year figures of the other controls, e.g. {@code findings.CRITICAL}. */
    @Override
    public Optional<String> label(String figure) {
        return Optional.ofNullable(RollupLabels.of(figure));
    }

    @Override
    public List<Chart> charts(Period period, LocalDate today) {
        Period year = Period.containing(PeriodType.YEAR, period.end());
        Map<String, Metric> figures = new LinkedHashMap<>();
        yearFigures.of(year, today).forEach(m -> figures.put(m.name(), m));
        results.metrics(AuditRollupJobConfig.JOB_NAME, year.toString()).forEach(m -> figures.putIfAbsent(m.name(), m));
        List<Chart> charts = new ArrayList<>(RollupCharts.of(year, figures, yearFigures.periodKpis()));
        charts.add(reductionByYear(year));
        return charts;
    }

    /** The reduction KPI of the year and the three before it, as their rollups published it. */
    private Chart reductionByYear(Period year) {
        List<Period> years = new ArrayList<>(List.of(year));
        for (int i = 0; i < 3; i++) {
            years.add(0, years.get(0).previous());
        }
        List<Double> values = years.stream().map(y -> results.metrics(AuditRollupJobConfig.JOB_NAME, y.toString())
                .stream().filter(m -> m.name().equals(FindingsRollup.REDUCTION)).findFirst().map(Metric::value)
                .orElse(null)).toList();
        return Chart.single("Reduction of audit findings per year", Metric.RATIO, FindingsRollup.REDUCTION_TARGET,
                years.stream().map(Period::toString).toList(), values);
    }
}
