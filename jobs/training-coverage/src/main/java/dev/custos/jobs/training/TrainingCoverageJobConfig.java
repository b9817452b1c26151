package dev.custos.jobs.training;

import java.sql.Date;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.custos.common.csv.CsvItemReader;
import dev.custos.common.csv.CsvLimits;
import dev.custos.common.job.Control;
import dev.custos.common.job.CustosProperties;
import dev.custos.common.job.JobSteps;
import dev.custos.common.job.RunParameters;
import dev.custos.common.job.StepScopedReader;
import dev.custos.common.period.Period;
import dev.custos.common.report.ReportSection;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.results.RunRecorder;
import dev.custos.common.roster.RosterEntry;
import dev.custos.common.roster.RosterFile;
import dev.custos.common.roster.RosterStaging;

/**
 * training-coverage, top to bottom: import the roster, the requirements and the completions into
 * staging (rejects counted), reject repeated ids, evaluate every employee chunk by chunk with
 * {@link CoverageRule}, then publish the figures and files and empty the staging tables.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrainingProperties.class)
public class TrainingCoverageJobConfig {

    public static final String JOB_NAME = "training-coverage";

    static final String EMPLOYEES_WITH_COMPLETIONS = """
            SELECT e.employee_id, e.full_name, e.department, e.role, e.status, e.hired_on, e.departed_on,
                   (SELECT GROUP_CONCAT(CONCAT(c.course_id, '|', c.completed_on, '|', COALESCE(CONCAT(c.score, ''), ''))
                                        ORDER BY c.course_id, c.completed_on SEPARATOR ';')
                    FROM {results}.tc_completion_stage c
                    WHERE c.job_instance_id = e.job_instance_id AND c.employee_id = e.employee_id
                      AND c.completed_on BETWEEN ? AND ?) AS completions
            FROM {results}.tc_employee_stage e
            WHERE e.job_instance_id = ?
            ORDER BY e.employee_id""";
    static final String INSERT_COVERAGE = """
            INSERT INTO {results}.training_coverage (job_instance_id, employee_id, full_name, department, covered,
                                                     missing_courses)
            VALUES (?, ?, ?, ?, ?, ?)""";

    @Bean
    Job trainingCoverageJob(JobRepository jobRepository, RunRecorder runRecorder, JobSteps steps,
                            Control trainingCoverageControl, Step trainingRosterImportStep,
                            Step trainingRequirementsImportStep, Step trainingCompletionsImportStep,
                            Step trainingDuplicatesStep, Step trainingCoverageStep, Step trainingPublishStep,
                            Step trainingCleanupStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(runRecorder)
                .listener(steps.stagingPartitions(trainingCoverageControl))
                .start(trainingRosterImportStep)
                .next(trainingRequirementsImportStep)
                .next(trainingCompletionsImportStep)
                .next(trainingDuplicatesStep)
                .next(trainingCoverageStep)
                .next(trainingPublishStep)
                .next(trainingCleanupStep)
                .build();
    }

    @Bean
    Control trainingCoverageControl() {
        return new TrainingCoverageControl();
    }

    @Bean
    ReportSection trainingReportSection(ResultsRepository results) {
        return new TrainingReportSection(results);
    }

    @Bean
    @StepScope
    CsvItemReader<RosterEntry> trainingRosterReader(RunParameters run, CsvLimits limits) {
        return RosterFile.reader(run.inbox(), limits);
    }

    @Bean
    Step trainingRosterImportStep(JobSteps steps, CsvItemReader<RosterEntry> trainingRosterReader) {
        return steps.importStep("trainingRosterImportStep", trainingRosterReader,
                steps.stagingWriter(TrainingStaging.INSERT_EMPLOYEE, RosterStaging::bind));
    }

    @Bean
    @StepScope
    CsvItemReader<Requirement> trainingRequirementsReader(RunParameters run, CsvLimits limits) {
        return new CsvItemReader<>(run.inbox(), TrainingInputs.REQUIREMENTS_LAYOUT, TrainingInputs::requirement,
                limits);
    }

    @Bean
    Step trainingRequirementsImportStep(JobSteps steps, CsvItemReader<Requirement> trainingRequirementsReader) {
        return steps.importStep("trainingRequirementsImportStep", trainingRequirementsReader,
                steps.stagingWriter(TrainingStaging.INSERT_REQUIREMENT, TrainingStaging::bindRequirement));
    }

    @Bean
    @StepScope
    CsvItemReader<Completion> trainingCompletionsReader(RunParameters run, CsvLimits limits) {
        return new CsvItemReader<>(run.inbox(), TrainingInputs.COMPLETIONS_LAYOUT, TrainingInputs::completion, limits);
    }

    @Bean
    Step trainingCompletionsImportStep(JobSteps steps, CsvItemReader<Completion> trainingCompletionsReader) {
        return steps.importStep("trainingCompletionsImportStep", trainingCompletionsReader,
                steps.stagingWriter(TrainingStaging.INSERT_COMPLETION, TrainingStaging::bindCompletion));
    }

    @Bean
    Step trainingDuplicatesStep(JobSteps steps, TrainingDuplicates duplicates) {
        return steps.taskletStep("trainingDuplicatesStep", (instance, parameters) -> duplicates.rejectRepeatedIds(instance));
    }

    @Bean
    TrainingDuplicates trainingDuplicates(JdbcTemplate jdbc, ResultsSchema schema) {
        return new TrainingDuplicates(jdbc, schema);
    }

    @Bean
    @StepScope
    JdbcCursorItemReader<EmployeeCompletions> trainingEmployeesReader(
            DataSource dataSource, ResultsSchema schema, RunParameters run,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long jobInstanceId) {
        Period quarter = run.period();
        return new JdbcCursorItemReaderBuilder<EmployeeCompletions>()
                .name("trainingEmployeesReader")
                .dataSource(dataSource)
                .sql(schema.sql(EMPLOYEES_WITH_COMPLETIONS))
                .preparedStatementSetter(ps -> {
                    ps.setDate(1, Date.valueOf(quarter.start()));
                    ps.setDate(2, Date.valueOf(quarter.end()));
                    ps.setLong(3, jobInstanceId);
                })
                .fetchSize(1000)
                .verifyCursorPosition(false)
                .rowMapper(new EmployeeCompletionsRowMapper())
                .build();
    }

    @Bean
    @StepScope
    CoverageProcessor trainingCoverageProcessor(
            TrainingProperties properties, JdbcTemplate jdbc, ResultsSchema schema, RunParameters run,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long jobInstanceId) {
        return new CoverageProcessor(new CoverageRule(properties.policy()),
                new TrainingDuplicates(jdbc, schema).requirements(jobInstanceId), run.period());
    }

    /** One row per in-scope employee; the name only of an employee with gaps, whom gaps.csv lists. */
    @Bean
    @StepScope
    JdbcBatchItemWriter<CoverageResult> trainingCoverageWriter(
            DataSource dataSource, ResultsSchema schema,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long jobInstanceId) {
        return new JdbcBatchItemWriterBuilder<CoverageResult>()
                .dataSource(dataSource)
                .sql(schema.sql(INSERT_COVERAGE))
                .itemPreparedStatementSetter((result, ps) -> {
                    RosterEntry e = result.employee();
                    ps.setLong(1, jobInstanceId);
                    ps.setString(2, e.employeeId());
                    ps.setString(3, result.covered() ? null : e.fullName());
                    ps.setString(4, e.department());
                    ps.setBoolean(5, result.covered());
                    ps.setString(6, String.join(";", result.missingCourses()));
                })
                .assertUpdates(true)
                .build();
    }

    @Bean
    Step trainingCoverageStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                              CustosProperties custos,
                              JdbcCursorItemReader<EmployeeCompletions> trainingEmployeesReader,
                              ItemProcessor<EmployeeCompletions, CoverageResult> trainingCoverageProcessor,
                              JdbcBatchItemWriter<CoverageResult> trainingCoverageWriter) {
        return new StepBuilder("trainingCoverageStep", jobRepository)
                .<EmployeeCompletions, CoverageResult>chunk(custos.chunkSize())
                .transactionManager(transactionManager)
                .reader(StepScopedReader.of(trainingEmployeesReader))
                .processor(trainingCoverageProcessor)
                .writer(trainingCoverageWriter)
                .build();
    }

    @Bean
    Step trainingPublishStep(JobSteps steps, Control trainingCoverageControl, JdbcTemplate jdbc, ResultsSchema schema) {
        return steps.publishStep("trainingPublishStep", trainingCoverageControl,
                new TrainingCoveragePublication(jdbc, schema));
    }

    @Bean
    Step trainingCleanupStep(JobSteps steps, Control trainingCoverageControl) {
        return steps.cleanupStep("trainingCleanupStep", trainingCoverageControl);
    }
}
