package dev.custos.common.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.custos.common.results.Metric;

/** Bars say met or missed by colour and by mark; the legend names the target; nothing is drawn on the target line. */
class SvgBarChartTest {

    @Test
    void aBarThatMeetsItsTargetIsGreenAndMarkedAndOneThatMissesItIsRedAndMarked() {
        String svg = SvgBarChart.render(Chart.single("Coverage", Metric.RATIO, 1.0, List.of("Q1", "Q2", "Q3"),
                Arrays.asList(1.0, 0.9, null)));

        assertThat(svg).contains("<rect class=\"bar met\"", "fill=\"" + SvgBarChart.MET + "\"", ">✓ 100.0%</text>")
                .contains("<rect class=\"bar missed\"", "fill=\"" + SvgBarChart.MISSED + "\"", ">✗ 90.0%</text>")
                .contains("Q2 Coverage: 90.0% (missed)")
                .as("the legend, not the line, names the target").contains(">target ≥ 100.0%</text>", ">✓ met</text>",
                        ">✗ missed</text>", ">n/a = missing</text>");
    }

    @Test
    void aChartWhereLowerIsBetterMeetsAtOrBelowItsTarget() {
        String svg = SvgBarChart.render(Chart.single("Leavers with access", Metric.COUNT, 0.0, List.of("Jan", "Feb"),
                List.of(0.0, 5.0)).whereLowerIsBetter());

        assertThat(svg).contains(">✓ 0</text>", ">✗ 5</text>", ">target ≤ 0</text>");
    }

    @Test
    void aChartWithoutTargetKeepsItsSeriesColoursAndLegend() {
        String svg = SvgBarChart.render(new Chart("Findings by severity", Metric.COUNT, null, List.of("Critical", "High"),
                List.of(new Chart.Series("2025", List.of(3.0, 5.0)), new Chart.Series("2026", List.of(1.0, 4.0)))));

        assertThat(svg).contains("fill=\"" + SvgBarChart.COLOURS[0] + "\"", "fill=\"" + SvgBarChart.COLOURS[1] + "\"",
                ">2025</text>", ">2026</text>").doesNotContain("✓", "✗", "target");
    }

    @Test
    void aValueLabelThatWouldNotFitOverItsBarIsLeftOut() {
        List<String> days = java.util.stream.IntStream.rangeClosed(1, 31).mapToObj(String::valueOf).toList();
        String svg = SvgBarChart.render(Chart.single("Daily", Metric.RATIO, 0.999, days,
                days.stream().map(d -> 0.9876).toList()));

        assertThat(svg).doesNotContain("98.8%</text>").contains("31 Daily: 98.8% (missed)");
    }
}
