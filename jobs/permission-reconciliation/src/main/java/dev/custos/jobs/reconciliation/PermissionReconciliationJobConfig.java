package dev.custos.jobs.reconciliation;

import java.sql.Date;
import java.sql.Types;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.custos.common.csv.CsvItemReader;
import dev.custos.common.csv.CsvLimits;
import dev.custos.common.csv.ParsedRow;
import dev.custos.common.job.Control;
import dev.custos.common.job.CustosProperties;
import dev.custos.common.job.InputFileRecording;
import dev.custos.common.job.JobSteps;
import dev.custos.common.job.RunParameters;
import dev.custos.common.job.StagingWriter;
import dev.custos.common.job.StepScopedReader;
import dev.custos.common.report.ReportSection;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.results.RunRecorder;
import dev.custos.common.roster.RosterEntry;
import dev.custos.common.roster.RosterFile;
import dev.custos.common.roster.RosterStaging;
import dev.custos.common.workers.PartitionSettings;
import dev.custos.common.workers.Partitioning;

/**
 * permission-reconciliation, top to bottom: import the roster, reject repeated employees and stop
 * on a suspicious roster; import the policy and every grant file into staging (rejects counted);
 * review each distinct grant chunk by chunk with {@link ReconciliationRule}, marking findings NEW or
 * PERSISTING against last month's; then publish the figures and the revocation list and empty the
 * staging tables.
 *
 * <p>Nothing holds all grants in memory: the grant files are streamed chunk by chunk (several files
 * side by side) into a staging table clustered by grant, and the distinct grants come back through
 * a database cursor (one chunk in memory at a time) from one {@code GROUP BY} that merges repeated
 * grants set-based.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconciliationProperties.class)
public class PermissionReconciliationJobConfig {

    public static final String JOB_NAME = "permission-reconciliation";

    static final String INSERT_EMPLOYEE = RosterStaging.insertInto("rc_employee_stage");
    static final String INSERT_ENTITLEMENT = """
            INSERT INTO {results}.rc_entitlement_stage (job_instance_id, file, line, role, system, permission)
            VALUES (?, ?, ?, ?, ?, ?)""";
    static final String INSERT_GRANT = """
            INSERT INTO {results}.rc_grant_stage (job_instance_id, employee_id, system, permission, file_number,
                                                  line, granted_on, last_used_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    /**
     * The distinct grants in key order, each with its holder (if any), last month's finding (if any)
     * and the number of staged rows it merges. The same grant in several files or lines is one
     * grant: the earliest grant date and the latest use (blank only when every row is blank). The
     * holder's columns are aggregated only because they are grouped: each staged row joins one
     * roster row and one previous finding at most. No name: the roster is staged without it.
     */
    static final String GRANTS_UNDER_REVIEW = """
            SELECT g.employee_id, g.system, g.permission, MIN(g.granted_on) AS granted_on,
                   MAX(g.last_used_on) AS last_used_on, NULL AS full_name,
                   MAX(e.department) AS department, MAX(e.role) AS role, MAX(e.status) AS status,
                   MAX(e.hired_on) AS hired_on, MAX(e.departed_on) AS departed_on,
                   MAX(CASE WHEN p.employee_id IS NULL THEN 0 ELSE 1 END) AS found_last_month,
                   COUNT(*) AS grant_rows
            FROM {results}.rc_grant_stage g
            LEFT JOIN {results}.rc_employee_stage e
              ON e.job_instance_id = g.job_instance_id AND e.employee_id = g.employee_id
            LEFT JOIN {results}.reconciliation_finding p
              ON p.job_instance_id = (SELECT r.job_instance_id FROM {results}.period_result r
                                      WHERE r.job = ? AND r.period = ?)
             AND p.employee_id = g.employee_id AND p.system = g.system AND p.permission = g.permission
            WHERE g.job_instance_id = ?
            GROUP BY g.employee_id, g.system, g.permission
            ORDER BY g.employee_id, g.system, g.permission""";
    static final String INSERT_FINDING = """
            INSERT INTO {results}.reconciliation_finding (job_instance_id, employee_id, system, permission, rule,
                                                          status, days_departed, granted_on, last_used_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    @Bean
    Job permissionReconciliationJob(JobRepository jobRepository, RunRecorder runRecorder, JobSteps steps,
                                    Control permissionReconciliationControl, Step reconciliationRosterImportStep,
                                    Step reconciliationRosterDuplicatesStep, Step reconciliationRosterGuardStep,
                                    Step reconciliationEntitlementsImportStep, Step reconciliationGrantsImportStep,
                                    Step reconciliationFindingsStep, Step reconciliationPublishStep,
                                    Step reconciliationCleanupStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(runRecorder)
                .listener(steps.stagingPartitions(permissionReconciliationControl))
                .start(reconciliationRosterImportStep)
                .next(reconciliationRosterDuplicatesStep)
                .next(reconciliationRosterGuardStep)
                .next(reconciliationEntitlementsImportStep)
                .next(reconciliationGrantsImportStep)
                .next(reconciliationFindingsStep)
                .next(reconciliationPublishStep)
                .next(reconciliationCleanupStep)
                .build();
    }

    @Bean
    Control permissionReconciliationControl() {
        return new PermissionReconciliationControl();
    }

    @Bean
    ReportSection reconciliationReportSection(ResultsRepository results) {
        return new ReconciliationReportSection(results);
    }

    /** What the review's results depend on, besides the common settings: a worker must have the manager's. */
    @Bean
    PartitionSettings reconciliationPartitionSettings(ReconciliationProperties properties) {
        return () -> Map.of("custos.reconciliation.dormant-days", String.valueOf(properties.dormantDays()));
    }

    @Bean
    ReconciliationStaging reconciliationStaging(JdbcTemplate jdbc, ResultsSchema schema) {
        return new ReconciliationStaging(jdbc, schema);
    }

    @Bean
    @StepScope
    CsvItemReader<RosterEntry> reconciliationRosterReader(RunParameters run, CsvLimits limits) {
        return RosterFile.reader(run.inbox(), limits);
    }

    @Bean
    Step reconciliationRosterImportStep(JobSteps steps, CsvItemReader<RosterEntry> reconciliationRosterReader) {
        return steps.importStep("reconciliationRosterImportStep", reconciliationRosterReader,
                steps.stagingWriter(INSERT_EMPLOYEE, RosterStaging::bindWithoutName));
    }

    @Bean
    Step reconciliationRosterDuplicatesStep(JobSteps steps, ReconciliationStaging staging) {
        return steps.taskletStep("reconciliationRosterDuplicatesStep",
                (instance, parameters) -> staging.rejectRepeatedEmployees(instance));
    }

    @Bean
    Step reconciliationRosterGuardStep(JobSteps steps, JdbcTemplate jdbc, ResultsSchema schema,
                                       ReconciliationProperties properties) {
        RosterGuard guard = new RosterGuard(jdbc, schema, properties.minRosterShare());
        return steps.taskletStep("reconciliationRosterGuardStep",
                (instance, parameters) -> guard.check(instance, parameters.period()));
    }

    @Bean
    @StepScope
    CsvItemReader<Entitlement> reconciliationEntitlementsReader(RunParameters run, CsvLimits limits) {
        return new CsvItemReader<>(run.inbox(), ReconciliationInputs.ENTITLEMENTS_LAYOUT,
                ReconciliationInputs::entitlement, limits);
    }

    @Bean
    Step reconciliationEntitlementsImportStep(JobSteps steps,
                                              CsvItemReader<Entitlement> reconciliationEntitlementsReader) {
        StagingWriter<Entitlement> writer = steps.stagingWriter(INSERT_ENTITLEMENT, (ps, instance, row) -> {
            Entitlement e = row.value();
            ps.setLong(1, instance);
            ps.setString(2, row.file());
            ps.setLong(3, row.line());
            ps.setString(4, e.role());
            ps.setString(5, e.system());
            ps.setString(6, e.permission());
        });
        return steps.importStep("reconciliationEntitlementsImportStep", reconciliationEntitlementsReader, writer);
    }

    @Bean
    @StepScope
    Partitioner reconciliationGrantFilePartitioner(RunParameters run) {
        return new GrantFilePartitioner(run.inbox());
    }

    /**
     * Every grant file imported by its own worker step: {@code import-threads} at a time in this
     * process, or on the worker nodes ({@code custos.workers.enabled}).
     */
    @Bean
    Step reconciliationGrantsImportStep(Partitioning partitioning, ReconciliationProperties properties,
                                        Partitioner reconciliationGrantFilePartitioner,
                                        Step reconciliationGrantFileImportStep) {
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("custos-grant-import-");
        threads.setConcurrencyLimit(properties.importThreads());
        return partitioning.managerStep("reconciliationGrantsImportStep", reconciliationGrantFileImportStep,
                        reconciliationGrantFilePartitioner, properties.importThreads(), threads)
                .aggregator(new WorkerOutcome())
                .build();
    }

    @Bean
    @StepScope
    CsvItemReader<Grant> reconciliationGrantsReader(RunParameters run,
                                                    @Value("#{stepExecutionContext['file']}") String file,
                                                    CsvLimits limits) {
        return new CsvItemReader<>(run.inbox(), file, ReconciliationInputs.GRANTS_LAYOUT, ReconciliationInputs::grant,
                limits);
    }

    @Bean
    @StepScope
    StagingWriter<Grant> reconciliationGrantsWriter(JobSteps steps,
                                                    @Value("#{stepExecutionContext['fileNumber']}") int fileNumber) {
        return steps.stagingWriter(INSERT_GRANT, (ps, instance, row) -> {
            Grant g = row.value();
            ps.setLong(1, instance);
            ps.setString(2, g.employeeId());
            ps.setString(3, g.system());
            ps.setString(4, g.permission());
            ps.setInt(5, fileNumber);
            ps.setLong(6, row.line());
            ps.setDate(7, g.grantedOn());
            ps.setDate(8, g.lastUsedOn());
        });
    }

    /** The import of one grant file: a chunk step like {@link JobSteps#importStep}, run by a partition worker. */
    @Bean
    Step reconciliationGrantFileImportStep(Partitioning partitioning, PlatformTransactionManager transactionManager,
                                           CustosProperties custos, ResultsRepository results,
                                           CsvItemReader<Grant> reconciliationGrantsReader,
                                           StagingWriter<Grant> reconciliationGrantsWriter) {
        return partitioning.workerStep("reconciliationGrantFileImportStep")
                .<ParsedRow<Grant>, ParsedRow<Grant>>chunk(custos.chunkSize())
                .transactionManager(transactionManager)
                .reader(StepScopedReader.of(reconciliationGrantsReader))
                .writer(reconciliationGrantsWriter)
                .listener(new GrantFileCheck())
                .listener(new InputFileRecording(results, () -> reconciliationGrantsReader))
                .build();
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<GrantUnderReview> reconciliationGrantsUnderReviewReader(
            DataSource dataSource, ResultsSchema schema, RunParameters run,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long jobInstanceId,
            @Value("#{stepExecutionContext['" + EmployeeRangePartitioner.FROM + "']}") String fromEmployee,
            @Value("#{stepExecutionContext['" + EmployeeRangePartitioner.TO + "']}") String toEmployee) {
        String previousMonth = run.period().previous().toString();
        return new JdbcCursorItemReaderBuilder<GrantUnderReview>()
                .name("reconciliationGrantsUnderReviewReader")
                .dataSource(dataSource)
                .sql(schema.sql(EmployeeRangePartitioner.withinRange(GRANTS_UNDER_REVIEW, fromEmployee, toEmployee)))
                .preparedStatementSetter(ps -> {
                    ps.setString(1, JOB_NAME);
                    ps.setString(2, previousMonth);
                    ps.setLong(3, jobInstanceId);
                    // a partition's range (see EmployeeRangePartitioner.withinRange) after the query's own parameters
                    int next = 4;
                    if (fromEmployee != null) {
                        ps.setString(next++, fromEmployee);
                    }
                    if (toEmployee != null) {
                        ps.setString(next, toEmployee);
                    }
                })
                .fetchSize(1000)
                .verifyCursorPosition(false)
                .rowMapper(new GrantUnderReviewRowMapper())
                .build();
    }

    @Bean
    @StepScope
    GrantReviewProcessor reconciliationRuleProcessor(
            ReconciliationProperties properties, ReconciliationStaging staging, RunParameters run,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long jobInstanceId) {
        ReconciliationRule rule = new ReconciliationRule(properties.policy(), staging.entitlements(jobInstanceId));
        return new GrantReviewProcessor(rule, run.period());
    }

    @Bean
    @StepScope
    JdbcBatchItemWriter<MonthlyFinding> reconciliationFindingWriter(
            DataSource dataSource, ResultsSchema schema,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long jobInstanceId) {
        return new JdbcBatchItemWriterBuilder<MonthlyFinding>()
                .dataSource(dataSource)
                .sql(schema.sql(INSERT_FINDING))
                .itemPreparedStatementSetter((item, ps) -> {
                    Finding finding = item.finding();
                    Grant grant = finding.grant();
                    ps.setLong(1, jobInstanceId);
                    ps.setString(2, grant.employeeId());
                    ps.setString(3, grant.system());
                    ps.setString(4, grant.permission());
                    ps.setString(5, finding.rule().name());
                    ps.setString(6, item.status().name());
                    if (finding.daysDeparted() == null) {
                        ps.setNull(7, Types.INTEGER);
                    } else {
                        ps.setInt(7, finding.daysDeparted());
                    }
                    ps.setDate(8, Date.valueOf(grant.grantedOn()));
                    ps.setDate(9, grant.lastUsedOn() == null ? null : Date.valueOf(grant.lastUsedOn()));
                })
                .assertUpdates(true)
                .build();
    }

    /**
     * The review of every distinct grant: one chunk step in this process, or, with worker nodes
     * ({@code custos.workers.enabled}), ranges of employee id reviewed by {@code
     * reconciliationFindingsRangeStep} on the workers, their counts summed.
     */
    @Bean
    Step reconciliationFindingsStep(Partitioning partitioning, JobRepository jobRepository,
                                    PlatformTransactionManager transactionManager, CustosProperties custos,
                                    ReconciliationProperties properties,
                                    ObjectProvider<Step> reconciliationFindingsRangeStep,
                                    Partitioner reconciliationEmployeeRangePartitioner,
                                    JdbcCursorItemReader<GrantUnderReview> reconciliationGrantsUnderReviewReader,
                                    GrantReviewProcessor reconciliationRuleProcessor,
                                    JdbcBatchItemWriter<MonthlyFinding> reconciliationFindingWriter) {
        if (partitioning.remote()) {
            return partitioning.managerStep("reconciliationFindingsStep", reconciliationFindingsRangeStep.getObject(),
                            reconciliationEmployeeRangePartitioner, properties.findingsPartitions(), null)
                    .aggregator(ReviewCounts.summed(jobRepository, "reconciliationFindingsRangeStep"))
                    .listener(ReviewCounts.promotion())
                    .build();
        }
        return new StepBuilder("reconciliationFindingsStep", jobRepository)
                .<GrantUnderReview, MonthlyFinding>chunk(custos.chunkSize())
                .transactionManager(transactionManager)
                .reader(StepScopedReader.of(reconciliationGrantsUnderReviewReader))
                .processor(reconciliationRuleProcessor)
                .writer(reconciliationFindingWriter)
                .stream(reconciliationRuleProcessor)
                .listener(ReviewCounts.promotion())
                .build();
    }

    @Bean
    @StepScope
    Partitioner reconciliationEmployeeRangePartitioner(
            JdbcTemplate jdbc, ResultsSchema schema,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long jobInstanceId) {
        return new EmployeeRangePartitioner(jdbc, schema, jobInstanceId);
    }

    /** One range of employees reviewed on a worker node; its counts stay in its own context. */
    @Bean
    @ConditionalOnProperty(name = "custos.workers.enabled", havingValue = "true")
    Step reconciliationFindingsRangeStep(Partitioning partitioning, PlatformTransactionManager transactionManager,
                                         CustosProperties custos,
                                         JdbcCursorItemReader<GrantUnderReview> reconciliationGrantsUnderReviewReader,
                                         GrantReviewProcessor reconciliationRuleProcessor,
                                         JdbcBatchItemWriter<MonthlyFinding> reconciliationFindingWriter) {
        return partitioning.workerStep("reconciliationFindingsRangeStep")
                .<GrantUnderReview, MonthlyFinding>chunk(custos.chunkSize())
                .transactionManager(transactionManager)
                .reader(StepScopedReader.of(reconciliationGrantsUnderReviewReader))
                .processor(reconciliationRuleProcessor)
                .writer(reconciliationFindingWriter)
                .stream(reconciliationRuleProcessor)
                .build();
    }

    @Bean
    Step reconciliationPublishStep(JobSteps steps, Control permissionReconciliationControl, JdbcTemplate jdbc,
                                   DataSource dataSource, ResultsSchema schema) {
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(1000);
        return steps.publishStep("reconciliationPublishStep", permissionReconciliationControl,
                new PermissionReconciliationPublication(jdbc, streaming, schema));
    }

    @Bean
    Step reconciliationCleanupStep(JobSteps steps, Control permissionReconciliationControl) {
        return steps.cleanupStep("reconciliationCleanupStep", permissionReconciliationControl);
    }
}
