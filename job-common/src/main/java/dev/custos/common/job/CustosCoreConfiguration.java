package dev.custos.common.job;

import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.custos.common.csv.CsvLimits;
import dev.custos.common.outbox.Outbox;
import dev.custos.common.results.CodeVersion;
import dev.custos.common.results.PeriodLock;
import dev.custos.common.results.ResultsMigration;
import dev.custos.common.results.ResultsProperties;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.results.RunRecorder;
import dev.custos.common.results.StagingTables;
import dev.custos.common.store.BlobStore;
import dev.custos.common.store.BlobStoreConfiguration;
import dev.custos.common.workers.PartitionSettings;
import dev.custos.common.workers.WorkersConfiguration;

/** The shared kernel as beans: results schema, run recorder, outbox, blob store, common steps. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CustosProperties.class, ResultsProperties.class, CsvLimits.class})
@Import({BlobStoreConfiguration.class, WorkersConfiguration.class})
@PropertySource("classpath:custos-defaults.properties")
public class CustosCoreConfiguration {

    /** The common settings a partition's results depend on: a worker must have the manager's. */
    @Bean
    PartitionSettings commonPartitionSettings(CustosProperties custos, CsvLimits limits) {
        return () -> Map.of("custos.chunk-size", String.valueOf(custos.chunkSize()),
                "custos.csv.max-field-chars", String.valueOf(limits.maxFieldChars()),
                "custos.csv.max-record-chars", String.valueOf(limits.maxRecordChars()));
    }

    @Bean
    ResultsSchema resultsSchema(ResultsProperties properties) {
        return new ResultsSchema(properties.schema());
    }

    @Bean
    ResultsRepository resultsRepository(DataSource dataSource, JdbcTemplate jdbc,
                                        PlatformTransactionManager transactionManager, ResultsSchema schema,
                                        ResultsProperties properties) {
        if (properties.migrate()) {
            ResultsMigration.migrate(dataSource, schema);
        }
        return new ResultsRepository(jdbc, new TransactionTemplate(transactionManager), schema);
    }

    @Bean
    PeriodLock periodLock(JdbcTemplate jdbc, ResultsSchema schema) {
        return new PeriodLock(jdbc, schema);
    }

    @Bean
    RunRecorder runRecorder(ResultsRepository results, PeriodLock periodLock, JobRepository jobRepository,
                            CustosProperties properties) {
        return new RunRecorder(results, periodLock, jobRepository, CodeVersion.current(), properties.heartbeatSeconds());
    }

    @Bean
    StagingTables stagingTables(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, ResultsSchema schema) {
        return new StagingTables(jdbc, transactionManager, schema);
    }

    @Bean
    Outbox outbox(BlobStore store) {
        return new Outbox(store);
    }

    /**
     * The running step's {@link RunParameters}, parsed once from its job execution's parameters.
     * Step-scoped without a proxy, since a record cannot be subclassed: step-scoped readers,
     * processors and writers take it as an argument, and tasklets look it up while they run.
     */
    @Bean
    @Scope(value = "step", proxyMode = ScopedProxyMode.NO)
    RunParameters runParameters() {
        return RunParameters.from(StepSynchronizationManager.getContext().getStepExecution().getJobParameters());
    }

    @Bean
    JobSteps jobSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
                      ResultsRepository results, StagingTables stagingTables, Outbox outbox,
                      CustosProperties properties, ObjectProvider<RunParameters> runParameters) {
        return new JobSteps(jobRepository, transactionManager, jdbc, results, stagingTables, outbox,
                properties.chunkSize(), runParameters);
    }
}
