package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.custos.common.results.Metric;

/** The console says met, missed or missing as the report does ({@code KpiStatus}). */
class OutcomePrinterTest {

    @Test
    void aKpiWithoutAValueIsMissingNotMissed() {
        assertThat(OutcomePrinter.line(Metric.missingKpi("coverage", Metric.RATIO, 1.0, "no employee in scope")))
                .endsWith("missing (no employee in scope)  target 1  MISSING");
        assertThat(OutcomePrinter.line(Metric.kpiAtLeast("coverage", 0.5, Metric.RATIO, 1.0))).endsWith("target 1  MISSED");
        assertThat(OutcomePrinter.line(Metric.kpiAtMost("leavers_with_access", 0, Metric.COUNT, 0)))
                .endsWith("target 0  MET");
    }

    @Test
    void aFigureWithoutATargetHasNoStatus() {
        assertThat(OutcomePrinter.line(Metric.missing("findings_resolved", Metric.COUNT, "no earlier month")))
                .endsWith("missing (no earlier month)");
    }
}
