package dev.custos.scheduler.report;

import dev.custos.common.report.HtmlReport;
import dev.custos.common.report.KpiReport;
import dev.custos.common.report.MarkdownReport;

/** What a report is written as: Markdown for mail and wikis, or one self-contained HTML page. */
public enum ReportFormat {
    MD("md") {
        @Override
        String render(KpiReport report) {
            return MarkdownReport.render(report);
        }
    },
    HTML("html") {
        @Override
        String render(KpiReport report) {
            return HtmlReport.render(report);
        }
    };

    private final String extension;

    ReportFormat(String extension) {
        this.extension = extension;
    }

    public String fileName() {
        return "report." + extension;
    }

    abstract String render(KpiReport report);
}
