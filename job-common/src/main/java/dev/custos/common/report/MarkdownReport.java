package dev.custos.common.report;

import java.util.List;

import dev.custos.common.results.Metric;

/** Writes a {@link KpiReport} as Markdown, for mail and wikis: tables only, charts as tables. */
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
        md.append("# ").append(report.title()).append("\n\n");
        md.append(report.subtitle()).append("\n\n");
        KpiReport.Tally tally = report.tally();
        md.append("**%d KPIs met, %d missed, %d missing.**\n".formatted(tally.met(), tally.missed(), tally.missing()));
        for (KpiReport.Section section : report.sections()) {
            md.append("\n## ").append(section.heading()).append("\n\n");
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
                md.append(row(line.period(), m.name(), value, Figures.target(m), status(line), trend));
            }
        }
        for (Chart chart : report.charts()) {
            md.append("\n## ").append(chart.title()).append("\n\n");
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
        md.append("\n## Files\n\n");
        if (report.links().isEmpty()) {
            md.append("No job files for this period.\n");
        }
        for (KpiReport.Link link : report.links()) {
            md.append("- [").append(link.label().replace("]", "\\]")).append("](")
                    .append((linkBase + link.href()).replace(" ", "%20").replace(")", "%29")).append(")\n");
        }
        return md.toString();
    }

    private static String status(KpiLine line) {
        return switch (line.state()) {
            case MET -> "✅ met";
            case MISSED -> "❌ missed";
            case MISSING -> "⚠️ missing";
            case FIGURE -> "";
        };
    }

    private static String bracketed(String text) {
        return text.isEmpty() ? "" : "(" + text + ")";
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", List.of(cells).stream().map(MarkdownReport::cell).toList()) + " |\n";
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
    }
}
