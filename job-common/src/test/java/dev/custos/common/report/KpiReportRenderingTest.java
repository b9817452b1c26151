package dev.custos.common.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.custos.common.results.KpiStatus;
import dev.custos.common.results.Metric;

/** Markdown and HTML show the same report: missing figures as missing with the reason, never as 0. */
class KpiReportRenderingTest {

    private static KpiReport report() {
        KpiLine coverage = new KpiLine("training-coverage", "2026-Q2", Metric.kpiAtLeast("coverage", 0.95, Metric.RATIO, 1.0),
                List.of(new KpiLine.TrendPoint("2026-Q1", 0.9)));
        KpiLine leavers = KpiLine.of("permission-reconciliation", "2026-05",
                Metric.kpiAtMost("leavers_with_access", 0, Metric.COUNT, 0));
        KpiLine backups = KpiLine.of("backup", "2026", Metric.missingKpi("backup_success_rate", Metric.RATIO, 0.999,
                "no backups recorded in 2026"));
        KpiLine resolved = KpiLine.of("permission-reconciliation", "2026-05", Metric.missing("findings_resolved",
                Metric.COUNT, "no earlier month to compare with"));
        KpiLine failedDay = KpiLine.of("backup", "2026-03-02", Metric.kpiAtLeast("verified", 0, Metric.COUNT, 1));
        Chart chart = Chart.single("Coverage <per> quarter", Metric.RATIO, 1.0, List.of("Q1", "Q2"),
                Arrays.asList(0.9, null));
        return new KpiReport("KPI report 2026", "2026", "a & b", List.of(
                new KpiReport.Section("training-coverage", List.of(coverage)),
                new KpiReport.Section("others", List.of(leavers, resolved, backups, failedDay))), List.of(chart),
                List.of(new KpiReport.RunNote(7, "backup", "2026-03-02", 0, "FAILED", "2026-03-02 01:30", "disk | full")),
                List.of(new KpiReport.Link("backup 2026-03-02 manifest.json", "../../backup/2026-03-02/manifest.json",
                        "/srv/custos/out/backup/2026-03-02/manifest.json", "reports/backup/2026-03-02/manifest.json")),
                List.of(new KpiReport.ControlSummary("Training coverage", coverage.labelled("Training coverage"),
                        new KpiStatus.Tally(0, 1, 0), "12 of 240 employees in scope lack a required course.")));
    }

    @Test
    void theTallyCountsKpisOnlyAndADaysKpiThroughThePeriodSpanningIt() {
        assertThat(report().tally()).isEqualTo(new KpiStatus.Tally(1, 1, 1));
    }

    @Test
    void markdownShowsTargetsStatesTrendAndMissingReasons() {
        String md = MarkdownReport.render(report());

        assertThat(md).contains("**1 KPIs met, 1 missed, 1 missing.**")
                .contains("| 2026-Q2 | coverage | 95.0% | ≥ 100.0% | ❌ missed | ↑ +5.0 pts vs 2026-Q1 (2026-Q1 90.0%) |")
                .contains("| 2026-05 | leavers_with_access | 0 | ≤ 0 | ✅ met |")
                .contains("| 2026 | backup_success_rate | missing: no backups recorded in 2026 | ≥ 99.9% | ⚠️ missing |")
                .as("a figure without a target has no status").contains("| 2026-05 | findings_resolved | missing: no earlier "
                        + "month to compare with |  |  |")
                .contains("| Q2 | missing |")
                .contains("| 7 | backup | 2026-03-02 | 0 | FAILED | 2026-03-02 01:30 | disk \\| full |")
                .contains("- [backup 2026-03-02 manifest.json](../../backup/2026-03-02/manifest.json)");
    }

    @Test
    void markdownEscapesHtmlAndMarkdownInTextFromTheInputs() {
        String category = "<script>alert(1)</script>|x";
        Chart byCategory = Chart.single("Findings by category", Metric.COUNT, null,
                List.of(category, "*bold* _it_ `code` [link](http://evil) ~x~ a&b\nnext \\"), Arrays.asList(2.0, 1.0));
        KpiReport report = new KpiReport("KPI report <2025>", "2025", "subtitle <b>", List.of(), List.of(byCategory),
                List.of(new KpiReport.RunNote(7, "audit-rollup", "2025", 0, "FAILED", "2026-01-02 05:00",
                        "audit_findings.csv: <img src=x onerror=alert(1)>")),
                List.of(new KpiReport.Link("label ](javascript:alert(1))", "a b(c)<d>.md")));

        String md = MarkdownReport.render(report);

        assertThat(md).doesNotContain("<script>", "<b>", "<img", "<2025>")
                .contains("# KPI report &lt;2025&gt;")
                .contains("subtitle &lt;b&gt;")
                .contains("| &lt;script&gt;alert(1)&lt;/script&gt;\\|x | 2 |")
                .contains("| \\*bold\\* \\_it\\_ \\`code\\` \\[link\\](http://evil) \\~x\\~ a&amp;b next \\\\ | 1 |")
                .contains("| audit_findings.csv: &lt;img src=x onerror=alert(1)&gt; |")
                .contains("- [label \\](javascript:alert(1))](a%20b%28c%29%3Cd%3E.md)");
    }

    @Test
    void bothFormatsOpenWithTheExecutiveSummaryAndNameWhereEachFileIsKept() {
        String md = MarkdownReport.render(report());
        String html = HtmlReport.render(report());

        assertThat(md).contains("## Executive summary")
                .contains("| Training coverage | ❌ missed | Training coverage, 2026-Q2: 95.0% (target ≥ 100.0%); in 2026: "
                        + "0 met, 1 missed, 0 missing | ↑ +5.0 pts vs 2026-Q1 | 12 of 240 employees in scope lack a "
                        + "required course. |")
                .contains("outbox: /srv/custos/out/backup/2026-03-02/manifest.json; blob store key: "
                        + "reports/backup/2026-03-02/manifest.json");
        assertThat(md.indexOf("## Executive summary")).isLessThan(md.indexOf("## training-coverage"));
        assertThat(html).contains("<strong>Training coverage</strong>", "<span class=\"badge missed\">✗ missed</span>",
                "<td>12 of 240 employees in scope lack a required course.</td>",
                "outbox: <code>/srv/custos/out/backup/2026-03-02/manifest.json</code>",
                "blob store key: <code>reports/backup/2026-03-02/manifest.json</code>",
                "<span class=\"badge met\">✓ 1 met</span>", "<span class=\"badge missing\">? 1 missing</span>");
        assertThat(html.indexOf("Executive summary")).isLessThan(html.indexOf("<h2>Charts</h2>"));
    }

    @Test
    void htmlEscapesTextAndDrawsAMissingBarAsNotAvailable() {
        String html = HtmlReport.render(report());

        assertThat(html).contains("<p class=\"subtitle\">a &amp; b</p>", "Coverage &lt;per&gt; quarter", ">n/a</text>",
                "<tr class=\"missing\">", "missing: no backups recorded in 2026", "target ≥ 100.0%")
                .doesNotContain("<per>");
        assertThat(html.split("<rect class=\"bar", -1)).as("one bar for the one value").hasSize(2);
    }
}
