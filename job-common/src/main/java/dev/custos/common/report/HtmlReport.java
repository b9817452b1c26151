package dev.custos.common.report;

import dev.custos.common.results.KpiStatus;
import dev.custos.common.results.Metric;

/**
 * Writes a {@link KpiReport} as one self-contained HTML page a manager opens offline: the
 * executive summary first, then charts, the controls' tables, failures and files; styles inline,
 * charts as inline SVG, no script, font, image or link to anything outside the file except the
 * relative links to the jobs' files, each with where it is kept written out. Met, missed and
 * missing have a colour and a mark each (✓ ✗ ?). Printing keeps colours and does not split a
 * chart or a table row across pages.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #222; margin: 24px auto;
                   max-width: 1100px; padding: 0 16px; line-height: 1.4; }
            h1 { font-size: 24px; margin-bottom: 4px; }
            h2 { font-size: 18px; border-bottom: 2px solid #2f6db3; padding-bottom: 2px; margin-top: 28px; }
            .subtitle { color: #555; margin-top: 0; }
            .tally .badge { display: inline-block; padding: 4px 10px; margin-right: 8px; }
            table { border-collapse: collapse; width: 100%; font-size: 13px; }
            th, td { border: 1px solid #ccc; padding: 4px 6px; text-align: left; vertical-align: top; }
            th { background: #eef2f7; }
            td.num { text-align: right; white-space: nowrap; }
            tr.met { background: #e8f5e9; }
            tr.missed { background: #ffebee; }
            tr.missing { background: #f5f5f5; color: #555; }
            .badge { display: inline-block; padding: 1px 6px; border-radius: 3px; font-weight: bold; white-space: nowrap;
                     color: #fff; }
            .badge.met { background: #2e7d32; }
            .badge.missed { background: #c62828; }
            .badge.missing { background: #757575; }
            table.summary td { font-size: 14px; }
            .where { color: #555; font-size: 12px; }
            ul.files li { margin-bottom: 6px; }
            .trend { color: #555; font-size: 12px; }
            .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
            figure { margin: 0; border: 1px solid #ddd; padding: 8px; break-inside: avoid; page-break-inside: avoid; }
            figcaption { font-weight: bold; margin-bottom: 4px; }
            svg.chart { display: block; max-width: 100%; height: auto; }
            @media print {
              body { margin: 0; max-width: none; font-size: 11px; }
              * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
              .charts { grid-template-columns: 1fr 1fr; }
              tr, figure { break-inside: avoid; page-break-inside: avoid; }
              h2 { break-after: avoid; page-break-after: avoid; }
              a { color: #222; text-decoration: none; }
            }
            """;

    private HtmlReport() {
    }

    public static String render(KpiReport report) {
        return render(report, "");
    }

    /**
     * @param linkBase put before every link's href: the way from where the page is written to
     *                 where the hrefs start, e.g. {@code ../../}
     */
    public static String render(KpiReport report, String linkBase) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(report.title())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(Html.escape(report.title())).append("</h1>\n");
        html.append("<p class=\"subtitle\">").append(Html.escape(report.subtitle())).append("</p>\n");
        KpiStatus.Tally tally = report.tally();
        html.append("<p class=\"tally\">").append(badge(KpiStatus.MET, tally.met() + " met"))
                .append(badge(KpiStatus.MISSED, tally.missed() + " missed"))
                .append(badge(KpiStatus.MISSING, tally.missing() + " missing")).append("</p>\n");
        if (!report.summary().isEmpty()) {
            summary(report, html);
        }
        if (!report.charts().isEmpty()) {
            html.append("<h2>Charts</h2>\n<div class=\"charts\">\n");
            for (Chart chart : report.charts()) {
                html.append("<figure>\n<figcaption>").append(Html.escape(chart.title())).append("</figcaption>\n")
                        .append(SvgBarChart.render(chart)).append("</figure>\n");
            }
            html.append("</div>\n");
        }
        for (KpiReport.Section section : report.sections()) {
            html.append("<h2>").append(Html.escape(section.heading())).append("</h2>\n");
            if (section.lines().isEmpty()) {
                html.append("<p>No figures.</p>\n");
                continue;
            }
            html.append("<table>\n<tr><th>Period</th><th>Figure</th><th>Value</th><th>Target</th><th>Status</th>")
                    .append("<th>Trend</th></tr>\n");
            for (KpiLine line : section.lines()) {
                Metric m = line.metric();
                String state = Figures.state(line);
                html.append("<tr").append(state.isEmpty() ? "" : " class=\"" + state + "\"").append(">")
                        .append(td(line.period())).append("<td title=\"").append(Html.escape(m.name())).append("\">")
                        .append(Html.escape(line.label())).append("</td>")
                        .append("<td class=\"num\">").append(Html.escape(m.isMissing()
                                ? "missing: " + m.missingReason() : Figures.value(m))).append("</td>")
                        .append("<td class=\"num\">").append(Html.escape(Figures.target(m))).append("</td>")
                        .append("<td>").append(line.status().map(status -> badge(status, state)).orElse(""))
                        .append("</td>")
                        .append("<td class=\"trend\">").append(Html.escape(Figures.change(line)));
                String trend = Figures.trend(line);
                if (!trend.isEmpty()) {
                    html.append("<br>").append(Html.escape(trend));
                }
                html.append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        html.append("<h2>Failures and reruns</h2>\n");
        if (report.runs().isEmpty()) {
            html.append("<p>None: every run of the period completed at its first attempt.</p>\n");
        } else {
            html.append("<table>\n<tr><th>Execution</th><th>Job</th><th>Period</th><th>Rerun</th><th>Status</th>")
                    .append("<th>Started</th><th>Message</th></tr>\n");
            for (KpiReport.RunNote run : report.runs()) {
                html.append("COMPLETED".equals(run.status()) ? "<tr>" : "<tr class=\"missed\">")
                        .append("<td class=\"num\">").append(run.executionId()).append("</td>")
                        .append(td(run.job())).append(td(run.period()))
                        .append("<td class=\"num\">").append(run.rerun()).append("</td>")
                        .append(td(run.status())).append(td(run.startedAt())).append(td(run.message()))
                        .append("</tr>\n");
            }
            html.append("</table>\n");
        }
        if (report.alerts() != null) {
            html.append("<h2>Alerts in the period</h2>\n");
            if (report.alerts().isEmpty()) {
                html.append("<p>None: no alert was raised about a period in it.</p>\n");
            } else {
                html.append("<table>\n<tr><th>Incident</th><th>Kind</th><th>Job</th><th>Period</th><th>State</th>")
                        .append("<th>Opened</th><th>Resolved</th><th>Summary</th><th>Delivered</th>")
                        .append("<th>Not delivered</th></tr>\n");
                for (KpiReport.AlertNote alert : report.alerts()) {
                    html.append("OPEN".equals(alert.state()) ? "<tr class=\"missed\">" : "<tr>")
                            .append(td(alert.incident())).append(td(alert.kind())).append(td(alert.job()))
                            .append(td(alert.period())).append(td(alert.state())).append(td(alert.openedAt()))
                            .append(td(alert.resolvedAt())).append(td(alert.summary()))
                            .append("<td class=\"num\">").append(alert.delivered()).append("</td>")
                            .append("<td class=\"num\">").append(alert.undelivered()).append("</td></tr>\n");
                }
                html.append("</table>\n");
            }
        }
        html.append("<h2>Files</h2>\n");
        if (report.links().isEmpty()) {
            html.append("<p>No job files for this period.</p>\n");
        } else {
            html.append("<p class=\"trend\">Each file is kept twice: in the outbox folder and in the blob store under ")
                    .append("the key shown; the links work next to the outbox.</p>\n<ul class=\"files\">\n");
            for (KpiReport.Link link : report.links()) {
                String href = (linkBase + link.href()).replace(" ", "%20");
                html.append("<li><a href=\"").append(Html.escape(href)).append("\">")
                        .append(Html.escape(link.label())).append("</a>");
                if (link.outboxPath() != null) {
                    html.append("<br><span class=\"where\">outbox: <code>").append(Html.escape(link.outboxPath()))
                            .append("</code></span>");
                }
                if (link.storeKey() != null) {
                    html.append("<br><span class=\"where\">blob store key: <code>").append(Html.escape(link.storeKey()))
                            .append("</code></span>");
                }
                html.append("</li>\n");
            }
            html.append("</ul>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    /** The executive summary: one row per control, its status first. */
    private static void summary(KpiReport report, StringBuilder html) {
        html.append("<h2>Executive summary</h2>\n<table class=\"summary\">\n<tr><th>Control</th><th>Status</th>")
                .append("<th>Latest against target</th><th>Trend</th><th>What to do</th></tr>\n");
        for (KpiReport.ControlSummary row : report.summary()) {
            KpiLine latest = row.latest();
            Metric m = latest.metric();
            String state = Figures.state(latest);
            String value = m.isMissing() ? "missing: " + m.missingReason()
                    : Figures.value(m) + " (target " + Figures.target(m) + ")";
            KpiStatus.Tally tally = row.tally();
            html.append("<tr class=\"").append(state).append("\">")
                    .append("<td><strong>").append(Html.escape(row.control())).append("</strong></td>")
                    .append("<td>").append(badge(latest.status().orElseThrow(), state)).append("</td>")
                    .append("<td>").append(Html.escape(latest.label() + ", " + latest.period() + ": " + value))
                    .append("<br><span class=\"trend\">").append(Html.escape("in " + report.period() + ": " + tally))
                    .append("</span></td>")
                    .append("<td class=\"trend\">").append(Html.escape(Figures.change(latest).isEmpty() ? "no earlier figure"
                            : Figures.change(latest))).append("</td>")
                    .append(td(row.action())).append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** A status as a coloured badge with a mark, so that colour is never the only sign. */
    private static String badge(KpiStatus status, String text) {
        String mark = switch (status) {
            case MET -> "✓";
            case MISSED -> "✗";
            case MISSING -> "?";
        };
        return "<span class=\"badge " + status.name().toLowerCase(java.util.Locale.ROOT) + "\">" + mark + " "
                + Html.escape(text) + "</span>";
    }

    private static String td(String text) {
        return "<td>" + Html.escape(text) + "</td>";
    }
}
