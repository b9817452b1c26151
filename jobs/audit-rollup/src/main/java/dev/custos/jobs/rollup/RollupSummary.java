package dev.custos.jobs.rollup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.custos.common.period.Period;
import dev.custos.common.report.KpiLine;
import dev.custos.common.report.KpiReport;
import dev.custos.common.results.Metric;
import dev.custos.common.results.PeriodKpis;

/** The rollup's own KPI summary ({@code summary.md}, {@code summary.html}) from its published figures. */
final class RollupSummary {

    private RollupSummary() {
    }

    static KpiReport of(Period year, long executionId, List<Metric> metrics, List<PeriodKpis> periodKpis,
                        List<KpiReport.Link> links) {
        Map<String, Metric> byName = new LinkedHashMap<>();
        metrics.forEach(m -> byName.put(m.name(), m));
        List<KpiReport.Section> sections = new ArrayList<>(List.of(
                section("Audit findings " + year + " against " + year.previous(), year, metrics,
                        m -> m.name().startsWith("findings") || m.name().equals(FindingsRollup.REDUCTION)
                                || m.name().equals(FindingsRollup.MEDIAN_DAYS_TO_REMEDIATE)),
                section("Training coverage per quarter", year, metrics,
                        m -> m.name().startsWith(YearFigures.TRAINING_COVERAGE + ".")),
                section("Permission reconciliation per month", year, metrics,
                        m -> m.name().startsWith(YearFigures.RECONCILIATION_FINDINGS + ".")
                                || m.name().startsWith(YearFigures.LEAVERS_WITH_ACCESS + "."))));
        for (PeriodKpis kpis : periodKpis) {
            sections.add(section(kpis.heading(), year, metrics,
                    m -> m.name().equals(kpis.name()) || m.name().startsWith(kpis.name() + ".")));
        }
        sections.add(section("Input", year, metrics, m -> m.name().startsWith("rows_")));
        return new KpiReport("Audit rollup " + year, year.toString(),
                "The year's KPIs of every control, from the results schema (execution " + executionId + ").",
                sections, RollupCharts.of(year, byName, periodKpis), List.of(), links);
    }

    private static KpiReport.Section section(String heading, Period year, List<Metric> metrics,
                                             Predicate<Metric> belongs) {
        List<KpiLine> lines = new ArrayList<>();
        for (Metric metric : metrics) {
            if (belongs.test(metric)) {
                lines.add(KpiLine.of(AuditRollupJobConfig.JOB_NAME, year.toString(), metric)
                        .labelled(RollupLabels.of(metric.name())));
            }
        }
        return new KpiReport.Section(heading, lines);
    }
}
