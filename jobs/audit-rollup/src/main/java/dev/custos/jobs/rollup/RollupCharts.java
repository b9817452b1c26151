package dev.custos.jobs.rollup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.report.Chart;
import dev.custos.common.report.Figures;
import dev.custos.common.results.Metric;
import dev.custos.common.results.PeriodKpis;

/**
 * The charts of a year, drawn from figures named as the rollup names them: coverage per quarter,
 * leavers with access and reconciliation findings per month, each KPI spanning runs per month
 * (e.g. backup success) and, when the findings of the year and the year before are known,
 * findings by severity year over year. Every KPI with a target has its chart. A missing figure is
 * a gap. Categories read as people write them: {@code Q1}, {@code Jan}, {@code Critical}.
 */
final class RollupCharts {

    private RollupCharts() {
    }

    static List<Chart> of(Period year, Map<String, Metric> figures, List<PeriodKpis> periodKpis) {
        List<Chart> charts = new ArrayList<>();
        List<Period> quarters = year.subPeriods(PeriodType.QUARTER);
        List<Period> months = year.subPeriods(PeriodType.MONTH);
        charts.add(Chart.single("Training coverage per quarter " + year, Metric.RATIO, 1.0, labels(quarters),
                values(figures, YearFigures.TRAINING_COVERAGE, quarters)));
        charts.add(Chart.single("Leavers with access per month " + year, Metric.COUNT, 0.0, labels(months),
                values(figures, YearFigures.LEAVERS_WITH_ACCESS, months)).whereLowerIsBetter());
        charts.add(Chart.single("Reconciliation findings per month " + year, Metric.COUNT, null, labels(months),
                values(figures, YearFigures.RECONCILIATION_FINDINGS, months)));
        for (PeriodKpis kpis : periodKpis) {
            charts.add(Chart.single(kpis.title() + " per month " + year, kpis.unit(), kpis.target(),
                    labels(months), values(figures, kpis.name(), months)));
        }
        if (figures.containsKey(FindingsRollup.FINDINGS + "." + Severity.CRITICAL)) {
            List<String> severities = Arrays.stream(Severity.values()).map(Severity::name).toList();
            charts.add(new Chart("Audit findings by severity, " + year.previous() + " vs " + year, Metric.COUNT, null,
                    severities.stream().map(RollupCharts::capitalized).toList(), List.of(
                            new Chart.Series(year.previous().toString(), severities.stream()
                                    .map(s -> value(figures, FindingsRollup.FINDINGS_PREVIOUS + "." + s)).toList()),
                            new Chart.Series(year.toString(), severities.stream()
                                    .map(s -> value(figures, FindingsRollup.FINDINGS + "." + s)).toList()))));
        }
        return charts;
    }

    private static List<Double> values(Map<String, Metric> figures, String name, List<Period> periods) {
        return periods.stream().map(p -> value(figures, name + "." + p)).toList();
    }

    private static Double value(Map<String, Metric> figures, String name) {
        Metric metric = figures.get(name);
        return metric == null ? null : metric.value();
    }

    private static List<String> labels(List<Period> periods) {
        return periods.stream().map(Figures::category).toList();
    }

    /** {@code CRITICAL} -> {@code Critical}. */
    static String capitalized(String name) {
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }
}
