package dev.custos.jobs.keyrotation;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.csv.CsvItemReader;
import dev.custos.common.csv.CsvLimits;
import dev.custos.common.job.Control;
import dev.custos.common.job.JobSteps;
import dev.custos.common.job.RunParameters;
import dev.custos.common.job.StagingWriter;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.results.RunRecorder;

/**
 * key-rotation, a fifth control that exists for tests only: import the key inventory into staging
 * (rejects counted), publish the share of keys rotated in the 90 days before the period's end as
 * a KPI, empty the staging table. Everything the platform needs about it is in this module; only
 * the scheduler's tests depend on it, and they switch it on with
 * {@code custos.fifth-control.enabled=true} so that the other tests keep seeing four controls.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "custos.fifth-control.enabled", havingValue = "true")
class KeyRotationJobConfig {

    static final String JOB_NAME = "key-rotation";

    @Bean
    Job keyRotationJob(JobRepository jobRepository, RunRecorder runRecorder, JobSteps steps,
                       Control keyRotationControl, Step keyRotationImportStep,
                       Step keyRotationPublishStep, Step keyRotationCleanupStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(runRecorder)
                .listener(steps.stagingPartitions(keyRotationControl))
                .start(keyRotationImportStep)
                .next(keyRotationPublishStep)
                .next(keyRotationCleanupStep)
                .build();
    }

    @Bean
    Control keyRotationControl() {
        return new KeyRotationControl();
    }

    @Bean
    KeyRotationStaging keyRotationStaging(JdbcTemplate jdbc, ResultsSchema schema) {
        return new KeyRotationStaging(jdbc, schema);
    }

    @Bean
    @StepScope
    CsvItemReader<KeyRecord> keyRotationReader(RunParameters run, CsvLimits limits) {
        return new CsvItemReader<>(run.inbox(), KeyRecord.LAYOUT, KeyRecord::of, limits);
    }

    @Bean
    Step keyRotationImportStep(JobSteps steps, CsvItemReader<KeyRecord> keyRotationReader) {
        StagingWriter<KeyRecord> writer = steps.stagingWriter(KeyRotationStaging.INSERT_KEY, (ps, instance, row) -> {
            ps.setLong(1, instance);
            ps.setString(2, row.value().keyId());
            ps.setString(3, row.file());
            ps.setLong(4, row.line());
            ps.setDate(5, row.value().rotatedOn());
        });
        return steps.importStep("keyRotationImportStep", keyRotationReader, writer);
    }

    @Bean
    Step keyRotationPublishStep(JobSteps steps, Control keyRotationControl, KeyRotationStaging keyRotationStaging) {
        return steps.publishStep("keyRotationPublishStep", keyRotationControl,
                new KeyRotationPublication(keyRotationStaging));
    }

    @Bean
    Step keyRotationCleanupStep(JobSteps steps, Control keyRotationControl) {
        return steps.cleanupStep("keyRotationCleanupStep", keyRotationControl);
    }
}
