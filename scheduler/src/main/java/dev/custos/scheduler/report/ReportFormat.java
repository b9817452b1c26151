package dev.custos.scheduler.report;

import dev.custos.common.report.HtmlReport;
import dev.custos.common.report.KpiReport;
import dev.custos.common.report.MarkdownReport;

/** What a report is written as: Markdown for mail and wikis, or one self-contained HTML page. */
public enum ReportFormat {
    MD("md") {
        @Override
        String render(KpiReport report, String linkBase) {
            return MarkdownReport.render(report, linkBase);
        }
    },
    HTML("html") {
        @Override
        String render(KpiReport report, String linkBase) {
            return HtmlReport.render(report, linkBase);
        }
    };

    private final String extension;

    ReportFormat(String extension) {
        this.extension = extension;
    }

    public String fileName() {
        return "report." + extension;
    }

    /** @param linkBase the way from where the report is written to the outbox, e.g. {@code ../../} */
    abstract String render(KpiReport report, String linkBase);
}
