package dev.custos.common.report;

import java.util.List;

import dev.custos.common.results.KpiStatus;
import dev.custos.common.results.Metric;

/**
 * Writes a {@link KpiReport} as Markdown, for mail and wikis: tables only, charts as tables. Every
 * text that may come from input files or the database (categories, departments, messages, labels)
 * is escaped: HTML's {@code < > &} as entities, so a renderer that passes HTML through shows a
 * {@code <script>} as text, and Markdown's {@code \ | ` * _ [ ] ~} with a backslash (an underscore
 * inside a word, as in metric names, cannot start emphasis and is left alone), so it can neither
 * break a table nor become a link or emphasis; line breaks become spaces.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(KpiReport report) {
        return render(report, "");
    }

    /**
     * @param linkBase put before every link's href: the way from where the file is written to
     *                 where the hrefs start, e.g. {@code ../../}
     */
    public static String render(KpiReport report, String linkBase) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(cell(report.title())).append("\n\n");
        md.append(cell(report.subtitle())).append("\n\n");
        KpiStatus.Tally tally = report.tally();
        md.append("**%d KPIs met, %d missed, %d missing.**\n".formatted(tally.met(), tally.missed(), tally.missing()));
        if (!report.summary().isEmpty()) {
            md.append("\n## Executive summary\n\n");
            md.append("| Control | Status | Latest against target | Trend | What to do |\n");
            md.append("|---|---|---|---|---|\n");
            for (KpiReport.ControlSummary row : report.summary()) {
                KpiLine latest = row.latest();
                Metric m = latest.metric();
                String value = m.isMissing() ? "missing: " + m.missingReason()
                        : Figures.value(m) + " (target " + Figures.target(m) + ")";
                md.append(row(row.control(), status(latest), latest.label() + ", " + latest.period() + ": " + value
                        + "; in " + report.period() + ": " + row.tally(), Figures.change(latest), row.action()));
            }
        }
        for (KpiReport.Section section : report.sections()) {
            md.append("\n## ").append(cell(section.heading())).append("\n\n");
            if (section.lines().isEmpty()) {
                md.append("No figures.\n");
                continue;
            }
            md.append("| Period | Figure | Value | Target | Status | Trend |\n");
            md.append("|---|---|---:|---:|---|---|\n");
            for (KpiLine line : section.lines()) {
                Metric m = line.metric();
                String value = m.isMissing() ? "missing: " + m.missingReason() : Figures.value(m);
                String trend = String.join(" ", Figures.change(line), bracketed(Figures.trend(line))).strip();
                md.append(row(line.period(), line.label(), value, Figures.target(m), status(line), trend));
            }
        }
        for (Chart chart : report.charts()) {
            md.append("\n## ").append(cell(chart.title())).append("\n\n");
            md.append("| ").append(cell("")).append(" | ")
                    .append(String.join(" | ", chart.series().stream().map(s -> cell(s.name())).toList())).append(" |\n");
            md.append("|---|").append("---:|".repeat(chart.series().size())).append("\n");
            for (int i = 0; i < chart.categories().size(); i++) {
                int index = i;
                md.append("| ").append(cell(chart.categories().get(i))).append(" | ")
                        .append(String.join(" | ", chart.series().stream()
                                .map(s -> Figures.value(s.values().get(index), chart.unit())).toList()))
                        .append(" |\n");
            }
            if (chart.target() != null) {
                md.append("\nTarget: ").append(Figures.value(chart.target(), chart.unit())).append("\n");
            }
        }
        md.append("\n## Failures and reruns\n\n");
        if (report.runs().isEmpty()) {
            md.append("None: every run of the period completed at its first attempt.\n");
        } else {
            md.append("| Execution | Job | Period | Rerun | Status | Started | Message |\n");
            md.append("|---:|---|---|---:|---|---|---|\n");
            for (KpiReport.RunNote run : report.runs()) {
                md.append(row(String.valueOf(run.executionId()), run.job(), run.period(), String.valueOf(run.rerun()),
                        run.status(), run.startedAt(), run.message() == null ? "" : run.message()));
            }
        }
        if (report.alerts() != null) {
            md.append("\n## Alerts in the period\n\n");
            if (report.alerts().isEmpty()) {
                md.append("None: no alert was raised about a period in it.\n");
            } else {
                md.append("| Incident | Kind | Job | Period | State | Opened | Resolved | Summary | Delivered | Not delivered |\n");
                md.append("|---|---|---|---|---|---|---|---|---:|---:|\n");
                for (KpiReport.AlertNote alert : report.alerts()) {
                    md.append(row(alert.incident(), alert.kind(), alert.job(), alert.period(), alert.state(),
                            alert.openedAt(), alert.resolvedAt(), alert.summary(), String.valueOf(alert.delivered()),
                            String.valueOf(alert.undelivered())));
                }
            }
        }
        md.append("\n## Files\n\n");
        if (report.links().isEmpty()) {
            md.append("No job files for this period.\n");
        }
        for (KpiReport.Link link : report.links()) {
            md.append("- [").append(cell(link.label())).append("](").append(href(linkBase + link.href())).append(")");
            if (link.outboxPath() != null) {
                md.append(" outbox: ").append(cell(link.outboxPath()));
            }
            if (link.storeKey() != null) {
                md.append("; blob store key: ").append(cell(link.storeKey()));
            }
            md.append("\n");
        }
        return md.toString();
    }

    private static String status(KpiLine line) {
        return line.status().map(status -> switch (status) {
            case MET -> "✅ met";
            case MISSED -> "❌ missed";
            case MISSING -> "⚠️ missing";
        }).orElse("");
    }

    private static String bracketed(String text) {
        return text.isEmpty() ? "" : "(" + text + ")";
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", List.of(cells).stream().map(MarkdownReport::cell).toList()) + " |\n";
    }

    /** Text escaped for a table cell, heading or link label (see the class comment). */
    private static String cell(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s*\\R\\s*", " ");
        StringBuilder escaped = new StringBuilder(oneLine.length());
        for (int i = 0; i < oneLine.length(); i++) {
            char c = oneLine.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '\\', '|', '`', '*', '[', ']', '~' -> escaped.append('\\').append(c);
                case '_' -> escaped.append(intraword(oneLine, i) ? "_" : "\\_");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** An underscore between two letters or digits, which Markdown never reads as emphasis: {@code leavers_with_access}. */
    private static boolean intraword(String text, int index) {
        return index > 0 && index < text.length() - 1 && Character.isLetterOrDigit(text.charAt(index - 1))
                && Character.isLetterOrDigit(text.charAt(index + 1));
    }

    /** A link target: characters that would end it or open markup are percent-encoded. */
    private static String href(String href) {
        return href.replace("%", "%25").replace(" ", "%20").replace("(", "%28").replace(")", "%29")
                .replace("<", "%3C").replace(">", "%3E").replace("[", "%5B").replace("]", "%5D")
                .replace("`", "%60").replace("|", "%7C");
    }
}
