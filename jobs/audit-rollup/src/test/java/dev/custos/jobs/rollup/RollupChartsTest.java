package dev.custos.jobs.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.custos.common.period.Period;
import dev.custos.common.report.Chart;
import dev.custos.common.report.KpiLine;
import dev.custos.common.report.KpiReport;
import dev.custos.common.results.Metric;
import dev.custos.common.results.PeriodKpis;
import dev.custos.common.test.FixedPeriodKpis;

/**
 * The rollup charts and lists the KPIs spanning runs of whatever control computes them, from the
 * {@link PeriodKpis} it is handed: it names none of those controls.
 */
class RollupChartsTest {

    private static final Period YEAR = Period.parse("2026");

    /** A control of a test's own that computes the share of its runs that succeeded. */
    private static final PeriodKpis UPTIME = new FixedPeriodKpis("uptime-check", "uptime", "Uptime", "Uptime checks",
            0.95, 0.97);

    @Test
    void everyKpiSpanningRunsIsChartedPerMonthWithItsTargetBetweenTheControlsChartsAndTheFindings() {
        Map<String, Metric> figures = new LinkedHashMap<>();
        figures.put("uptime.2026-03", Metric.kpiAtLeast("uptime.2026-03", 0.97, Metric.RATIO, 0.95));
        figures.put("findings.CRITICAL", Metric.count("findings.CRITICAL", 1));

        List<Chart> charts = RollupCharts.of(YEAR, figures, List.of(UPTIME));

        assertThat(charts).extracting(Chart::title).containsExactly("Training coverage per quarter 2026",
                "Leavers with access per month 2026", "Reconciliation findings per month 2026", "Uptime per month 2026",
                "Audit findings by severity, 2025 vs 2026");
        Chart uptime = charts.get(3);
        assertThat(uptime.unit()).isEqualTo(Metric.RATIO);
        assertThat(uptime.target()).isEqualTo(0.95);
        assertThat(uptime.categories()).as("months as people write them").startsWith("Jan", "Feb", "Mar").hasSize(12);
        assertThat(charts.get(0).categories()).containsExactly("Q1", "Q2", "Q3", "Q4");
        assertThat(charts.get(4).categories()).startsWith("Critical");
        assertThat(uptime.series().get(0).values())
                .containsExactlyElementsOf(Arrays.asList(null, null, 0.97, null, null, null, null, null, null, null,
                        null, null));
    }

    @Test
    void withoutAnyKpiSpanningRunsTheRollupDrawsNoChartForOne() {
        assertThat(RollupCharts.of(YEAR, Map.of(), List.of())).extracting(Chart::title)
                .containsExactly("Training coverage per quarter 2026", "Leavers with access per month 2026",
                        "Reconciliation findings per month 2026");
    }

    @Test
    void leaversWithAccessHaveAChartWhoseBarsMeetTheTargetOfNoneByStayingAtOrBelowIt() {
        Map<String, Metric> figures = new LinkedHashMap<>();
        figures.put("reconciliation_leavers_with_access.2026-01",
                Metric.kpiAtMost("reconciliation_leavers_with_access.2026-01", 0, Metric.COUNT, 0));
        figures.put("reconciliation_leavers_with_access.2026-02",
                Metric.kpiAtMost("reconciliation_leavers_with_access.2026-02", 5, Metric.COUNT, 0));

        Chart leavers = RollupCharts.of(YEAR, figures, List.of()).get(1);

        assertThat(leavers.target()).isZero();
        assertThat(leavers.lowerIsBetter()).isTrue();
        assertThat(leavers.meets(0.0)).isTrue();
        assertThat(leavers.meets(5.0)).isFalse();
        assertThat(leavers.series().get(0).values()).startsWith(0.0, 5.0, null);
    }

    @Test
    void theRollupsFiguresReadAsAManagerNamesThem() {
        assertThat(RollupLabels.of("findings.CRITICAL")).isEqualTo("Critical findings");
        assertThat(RollupLabels.of("findings_previous.LOW")).isEqualTo("Low findings of the year before");
        assertThat(RollupLabels.of("training_coverage.2026-Q1")).isEqualTo("Training coverage 2026-Q1");
        assertThat(RollupLabels.of("reduction")).isEqualTo("Reduction of audit findings");
        assertThat(RollupLabels.of("rows_read")).isNull();
    }

    @Test
    void aKpiSpanningRunsHasASectionOfItsOwnInTheRollupSummaryBeforeTheInput() {
        List<Metric> metrics = List.of(Metric.kpiAtLeast("uptime", 0.97, Metric.RATIO, 0.95),
                Metric.missing("uptime.2026-01", Metric.RATIO, "no uptime checks recorded in 2026-01"),
                Metric.count("uptime_checks", 3), Metric.count("rows_read", 4));

        KpiReport summary = RollupSummary.of(YEAR, 7, metrics, List.of(UPTIME), List.of());

        assertThat(summary.sections()).extracting(KpiReport.Section::heading).containsExactly(
                "Audit findings 2026 against 2025", "Training coverage per quarter",
                "Permission reconciliation per month", "Uptime checks", "Input");
        assertThat(summary.sections().get(3).lines()).extracting(KpiLine::metric).extracting(Metric::name)
                .containsExactly("uptime", "uptime.2026-01");
    }
}
