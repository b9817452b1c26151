package dev.custos.jobs.rollup;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.csv.CsvItemReader;
import dev.custos.common.csv.CsvLimits;
import dev.custos.common.job.Control;
import dev.custos.common.job.CustosProperties;
import dev.custos.common.job.JobSteps;
import dev.custos.common.job.RunParameters;
import dev.custos.common.job.StagingWriter;
import dev.custos.common.report.ReportSection;
import dev.custos.common.results.PeriodKpis;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.results.RunRecorder;

/**
 * audit-rollup, top to bottom: import the audit findings into staging (rejects counted), reject
 * repeated finding ids, write the year-over-year lines with {@link FindingsRollup}, then publish
 * the figures (with the year's figures of the other controls, {@link YearFigures}) and the
 * managers' summary, and empty the staging table. Its charts of the year go into the KPI report
 * of any period ({@link RollupReportSection}).
 */
@Configuration(proxyBeanMethods = false)
public class AuditRollupJobConfig {

    public static final String JOB_NAME = "audit-rollup";

    @Bean
    Job auditRollupJob(JobRepository jobRepository, RunRecorder runRecorder, JobSteps steps,
                       Control auditRollupControl, Step rollupFindingsImportStep,
                       Step rollupDuplicatesStep, Step rollupLinesStep, Step rollupPublishStep, Step rollupCleanupStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(runRecorder)
                .listener(steps.stagingPartitions(auditRollupControl))
                .start(rollupFindingsImportStep)
                .next(rollupDuplicatesStep)
                .next(rollupLinesStep)
                .next(rollupPublishStep)
                .next(rollupCleanupStep)
                .build();
    }

    @Bean
    Control auditRollupControl() {
        return new AuditRollupControl();
    }

    @Bean
    YearFigures rollupYearFigures(ResultsRepository results, ObjectProvider<PeriodKpis> periodKpis,
                                  ObjectProvider<Control> controls) {
        return new YearFigures(results, periodKpis.stream().toList(), controls.stream().toList());
    }

    @Bean
    ReportSection rollupReportSection(ResultsRepository results, YearFigures rollupYearFigures) {
        return new RollupReportSection(results, rollupYearFigures);
    }

    @Bean
    RollupStaging rollupStaging(JdbcTemplate jdbc, ResultsSchema schema, ResultsRepository results) {
        return new RollupStaging(jdbc, schema, results);
    }

    @Bean
    @StepScope
    CsvItemReader<AuditFinding> rollupFindingsReader(RunParameters run, CsvLimits limits) {
        return new CsvItemReader<>(run.inbox(), RollupInputs.FINDINGS_LAYOUT, RollupInputs::finding, limits);
    }

    @Bean
    Step rollupFindingsImportStep(JobSteps steps, CsvItemReader<AuditFinding> rollupFindingsReader) {
        StagingWriter<AuditFinding> writer = steps.stagingWriter(RollupStaging.INSERT_FINDING, (ps, instance, row) -> {
            AuditFinding f = row.value();
            ps.setLong(1, instance);
            ps.setString(2, f.findingId());
            ps.setString(3, row.file());
            ps.setLong(4, row.line());
            ps.setInt(5, f.auditYear());
            ps.setDate(6, f.openedOn());
            ps.setString(7, f.severity().name());
            ps.setString(8, f.category());
            ps.setString(9, f.title());
            ps.setString(10, f.status().name());
            ps.setDate(11, f.closedOn());
        });
        return steps.importStep("rollupFindingsImportStep", rollupFindingsReader, writer);
    }

    @Bean
    Step rollupDuplicatesStep(JobSteps steps, RollupStaging rollupStaging) {
        return steps.taskletStep("rollupDuplicatesStep", (instance, parameters) -> rollupStaging.rejectRepeatedIds(instance));
    }

    @Bean
    Step rollupLinesStep(JobSteps steps, RollupStaging rollupStaging) {
        return steps.taskletStep("rollupLinesStep", (instance, parameters) ->
                rollupStaging.writeLines(instance, parameters.period().start().getYear()));
    }

    @Bean
    Step rollupPublishStep(JobSteps steps, Control auditRollupControl, RollupStaging rollupStaging,
                           YearFigures rollupYearFigures, CustosProperties properties) {
        return steps.publishStep("rollupPublishStep", auditRollupControl,
                new AuditRollupPublication(rollupStaging, rollupYearFigures, properties));
    }

    @Bean
    Step rollupCleanupStep(JobSteps steps, Control auditRollupControl) {
        return steps.cleanupStep("rollupCleanupStep", auditRollupControl);
    }
}
