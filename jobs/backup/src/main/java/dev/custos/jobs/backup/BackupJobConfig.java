package dev.custos.jobs.backup;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import dev.custos.common.backups.Backups;
import dev.custos.common.job.Control;
import dev.custos.common.job.JobSteps;
import dev.custos.common.job.RunParameters;
import dev.custos.common.report.ReportSection;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.results.RunRecorder;
import dev.custos.common.store.BlobStore;
import dev.custos.jobs.backup.retention.BackupRetention;
import dev.custos.jobs.backup.retention.RetentionRecords;
import dev.custos.jobs.backup.retention.RetentionRule;
import dev.custos.jobs.backup.store.StoreRetry;

/**
 * backup, top to bottom: write the day's archive from every source into the store, store its
 * manifest last (the commit marker), re-read and verify everything stored, apply retention
 * (deleting expired backups), then publish the figures, {@code manifest.json} and
 * {@code retention.csv}. See {@code jobs/backup/README.md} for the archive format.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({BackupProperties.class, BackupDrillProperties.class})
public class BackupJobConfig {

    public static final String JOB_NAME = "backup";

    @Bean
    Job backupJob(JobRepository jobRepository, RunRecorder runRecorder, Step backupArchiveStep, Step backupManifestStep,
                  Step backupVerifyStep, Step backupRestoreDrillStep, Step backupRetentionStep,
                  Step backupPublishStep, Step backupCleanupStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(runRecorder)
                .start(backupArchiveStep)
                .next(backupManifestStep)
                .next(backupVerifyStep)
                .next(backupRestoreDrillStep)
                .next(backupRetentionStep)
                .next(backupPublishStep)
                .next(backupCleanupStep)
                .build();
    }

    @Bean
    Control backupControl(BackupProperties properties) {
        return new BackupControl(properties.sources());
    }

    @Bean
    BackupOperations backupOperations(BlobStore store, BackupProperties properties, DataSource dataSource,
                                      JdbcTemplate jdbc, ResultsSchema schema) {
        return new BackupOperations(store, properties, dataSource, jdbc, schema);
    }

    @Bean
    Backups consoleBackups(BackupOperations backupOperations, RestoreDrills backupRestoreDrills) {
        return new ConsoleBackups(backupOperations, backupRestoreDrills);
    }

    @Bean
    BackupSuccess backupSuccessRate(JdbcTemplate jdbc, ResultsSchema schema, BackupProperties properties) {
        return new BackupSuccess(jdbc, schema, Optional.ofNullable(properties.dueFrom()));
    }

    @Bean
    ReportSection backupReportSection(BackupSuccess backupSuccessRate) {
        return new BackupReportSection(backupSuccessRate);
    }

    @Bean
    BackupObjects backupObjects(JdbcTemplate jdbc, ResultsSchema schema) {
        return new BackupObjects(jdbc, schema);
    }

    @Bean
    StoreRetry backupStoreRetry(BackupProperties properties) {
        return new StoreRetry(properties.retry().attempts(), properties.retry().backoff());
    }

    @Bean
    BackupTasks backupTasks(BlobStore store, BackupProperties properties, DataSource dataSource,
                            BackupObjects backupObjects, StoreRetry backupStoreRetry,
                            PlatformTransactionManager transactionManager, BackupOperations backupOperations) {
        return new BackupTasks(new BackupWriter(store, properties, dataSource, Clock.systemUTC()), backupObjects,
                store, backupOperations::configuredKey, backupStoreRetry, ownTransaction(transactionManager));
    }

    @Bean
    RetentionRecords backupRetentionRecords(JdbcTemplate jdbc, ResultsSchema schema,
                                            PlatformTransactionManager transactionManager) {
        return new RetentionRecords(jdbc, schema, ownTransaction(transactionManager));
    }

    @Bean
    BackupRetention backupRetention(BlobStore store, BackupProperties properties, StoreRetry backupStoreRetry,
                                    RetentionRecords backupRetentionRecords) {
        BackupProperties.Retention retention = properties.retention();
        return new BackupRetention(store, backupStoreRetry,
                new RetentionRule(retention.daily(), retention.monthly(), retention.yearly()), backupRetentionRecords,
                Clock.systemUTC());
    }

    @Bean
    Step backupArchiveStep(JobRepository jobRepository, ObjectProvider<RunParameters> runParameters,
                           BackupTasks backupTasks) {
        return tasklet(jobRepository, "backupArchiveStep", execution -> backupTasks.writeArchive(execution,
                runParameters.getObject(), jobRepository.getJobExecutions(execution.getJobInstance()).stream()
                        .map(JobExecution::getId).toList()));
    }

    @Bean
    Step backupManifestStep(JobRepository jobRepository, BackupTasks backupTasks) {
        return tasklet(jobRepository, "backupManifestStep",
                execution -> backupTasks.writeManifest(execution.getJobInstanceId()));
    }

    @Bean
    Step backupVerifyStep(JobRepository jobRepository, BackupTasks backupTasks) {
        return tasklet(jobRepository, "backupVerifyStep", execution -> backupTasks.verify(execution.getJobInstanceId()));
    }

    @Bean
    RestoreDrills backupRestoreDrills(JdbcTemplate jdbc, ResultsSchema schema) {
        return new RestoreDrills(jdbc, schema);
    }

    @Bean
    Step backupRestoreDrillStep(JobRepository jobRepository, ObjectProvider<RunParameters> runParameters,
                                PlatformTransactionManager transactionManager, BlobStore store,
                                BackupProperties properties, BackupDrillProperties drill, DataSource dataSource,
                                ResultsSchema schema, BackupObjects backupObjects, RestoreDrills backupRestoreDrills,
                                BackupOperations backupOperations) {
        RestoreDrill restoreDrill = new RestoreDrill(store, properties, backupOperations::configuredKey, drill,
                dataSource, schema, backupObjects, backupRestoreDrills, ownTransaction(transactionManager),
                Clock.systemUTC());
        return tasklet(jobRepository, "backupRestoreDrillStep",
                execution -> restoreDrill.run(execution, runParameters.getObject()));
    }

    @Bean
    Step backupRetentionStep(JobRepository jobRepository, ObjectProvider<RunParameters> runParameters,
                             BackupRetention backupRetention) {
        return tasklet(jobRepository, "backupRetentionStep", execution -> backupRetention.apply(
                execution.getJobInstanceId(), runParameters.getObject().period().start()));
    }

    @Bean
    Step backupPublishStep(JobSteps steps, Control backupControl, BackupObjects backupObjects,
                           RetentionRecords backupRetentionRecords, RestoreDrills backupRestoreDrills) {
        return steps.publishStep("backupPublishStep", backupControl,
                new BackupPublication(backupObjects, backupRetentionRecords, backupRestoreDrills));
    }

    @Bean
    Step backupCleanupStep(JobSteps steps, Control backupControl) {
        return steps.cleanupStep("backupCleanupStep", backupControl);
    }

    /**
     * A step of store I/O (minutes of upload, re-reading, restoring, deleting) that must not hold a
     * database transaction or connection meanwhile: it runs without one (the step's own metadata
     * still goes through the job repository), and its few results reads and writes are short
     * transactions of their own ({@link #ownTransaction}).
     */
    private static Step tasklet(JobRepository jobRepository, String name, Consumer<JobExecution> work) {
        return new StepBuilder(name, jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    work.accept(chunkContext.getStepContext().getStepExecution().getJobExecution());
                    return RepeatStatus.FINISHED;
                }, new ResourcelessTransactionManager())
                .build();
    }

    /** A transaction of its own (REQUIRES_NEW): committed when it ends, whatever the step does later. */
    private static TransactionOperations ownTransaction(PlatformTransactionManager transactionManager) {
        TransactionTemplate template = new TransactionTemplate(transactionManager);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return template;
    }
}
