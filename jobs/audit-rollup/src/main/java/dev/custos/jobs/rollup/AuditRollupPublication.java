package dev.custos.jobs.rollup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.custos.common.job.CustosProperties;
import dev.custos.common.job.JobSteps;
import dev.custos.common.job.PublishContext;
import dev.custos.common.job.ResultsPublication;
import dev.custos.common.outbox.Outbox;
import dev.custos.common.outbox.SafeFiles;
import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.report.HtmlReport;
import dev.custos.common.report.KpiReport;
import dev.custos.common.report.MarkdownReport;
import dev.custos.common.results.Metric;

/**
 * Figures and files of audit-rollup: the findings rollup of the staged rows, the year's figures
 * of the other controls from the results schema, and the summary for managers as Markdown and
 * HTML.
 */
final class AuditRollupPublication implements ResultsPublication {

    static final String SUMMARY_MD = "summary.md";
    static final String SUMMARY_HTML = "summary.html";

    private final RollupStaging staging;
    private final YearFigures yearFigures;
    private final CustosProperties properties;

    AuditRollupPublication(RollupStaging staging, YearFigures yearFigures, CustosProperties properties) {
        this.staging = staging;
        this.yearFigures = yearFigures;
        this.properties = properties;
    }

    @Override
    public long acceptedRows(PublishContext context) {
        return staging.count(context.jobInstanceId());
    }

    @Override
    public List<Metric> metrics(PublishContext context) {
        Period year = context.period();
        List<Metric> metrics = new ArrayList<>(staging.rollup(context.jobInstanceId(), year.start().getYear()).metrics());
        metrics.addAll(yearFigures.of(year, LocalDate.now(properties.zone())));
        return metrics;
    }

    @Override
    public void writeFiles(PublishContext context, List<Metric> metrics) {
        boolean rejects = metrics.stream().anyMatch(m -> m.name().equals(JobSteps.ROWS_REJECTED) && m.value() > 0);
        KpiReport summary = RollupSummary.of(context.period(), context.executionId(), metrics, yearFigures.periodKpis(),
                links(context, rejects));
        SafeFiles.writeAtomically(context.folder().resolve(SUMMARY_MD), MarkdownReport.render(summary));
        SafeFiles.writeAtomically(context.folder().resolve(SUMMARY_HTML), HtmlReport.render(summary));
    }

    /** This run's files, and the summaries of the other controls' periods of the year found in the outbox. */
    private static List<KpiReport.Link> links(PublishContext context, boolean rejects) {
        List<KpiReport.Link> links = new ArrayList<>();
        links.add(new KpiReport.Link(AuditRollupJobConfig.JOB_NAME + " " + context.period() + " " + Outbox.SUMMARY,
                Outbox.SUMMARY));
        if (rejects) {
            links.add(new KpiReport.Link("rejected rows of " + RollupInputs.FINDINGS, Outbox.REJECTS));
        }
        Path outbox = context.parameters().outbox();
        addIfPresent(links, outbox, YearFigures.TRAINING_JOB, context.period().subPeriods(PeriodType.QUARTER));
        addIfPresent(links, outbox, YearFigures.RECONCILIATION_JOB, context.period().subPeriods(PeriodType.MONTH));
        return links;
    }

    private static void addIfPresent(List<KpiReport.Link> links, Path outbox, String job, List<Period> periods) {
        for (Period period : periods) {
            if (Files.isRegularFile(outbox.resolve(job).resolve(period.toString()).resolve(Outbox.SUMMARY))) {
                links.add(new KpiReport.Link(job + " " + period + " " + Outbox.SUMMARY,
                        "../../" + job + "/" + period + "/" + Outbox.SUMMARY));
            }
        }
    }
}
