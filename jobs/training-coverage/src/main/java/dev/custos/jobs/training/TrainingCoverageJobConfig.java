package dev.custos.jobs.training;

import java.nio.file.Path;
import java.sql.Date;
import java.sql.Types;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
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

import dev.custos.common.csv.CsvItemReader;
import dev.custos.common.job.Control;
import dev.custos.common.job.JobSteps;
import dev.custos.common.job.StagingWriter;
import dev.custos.common.period.Period;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.results.RunRecorder;

/**
 * training-coverage, top to bottom: import the roster, the requirements and the completions into
 * staging (rejects counted), reject repeated ids, evaluate every employee chunk by chunk with
 * {@link CoverageRule}, then publish the figures and files and empty the staging tables.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrainingProperties.class)
public class TrainingCoverageJobConfig {

    public static final String JOB_NAME = "training-coverage";

    static final String INSERT_EMPLOYEE = """
            INSERT INTO {results}.tc_employee_stage (job_instance_id, employee_id, file, line, full_name, department,
                                                     role, status, hired_on, departed_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    static final String INSERT_REQUIREMENT = """
            INSERT INTO {results}.tc_requirement_stage (job_instance_id, course_id, file, line, title, audience)
            VALUES (?, ?, ?, ?, ?, ?)""";
    static final String INSERT_COMPLETION = """
            INSERT INTO {results}.tc_completion_stage (job_instance_id, employee_id, file, line, course_id,
                                                       completed_on, score)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
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
    Job trainingCoverageJob(JobSteps steps, RunRecorder runRecorder, Step trainingRosterImportStep,
                            Step trainingRequirementsImportStep, Step trainingCompletionsImportStep,
                            Step trainingDuplicatesStep, Step trainingCoverageStep, Step trainingPublishStep,
                            Step trainingCleanupStep) {
        return new JobBuilder(JOB_NAME, steps.jobRepository())
                .listener(runRecorder)
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
    @StepScope
    CsvItemReader<Employee> trainingRosterReader(@Value("#{jobParameters['inbox']}") String inbox) {
        return new CsvItemReader<>(Path.of(inbox), TrainingInputs.ROSTER, TrainingInputs.ROSTER_LAYOUT,
                TrainingInputs::employee);
    }

    @Bean
    Step trainingRosterImportStep(JobSteps steps, CsvItemReader<Employee> trainingRosterReader) {
        StagingWriter<Employee> writer = steps.stagingWriter(INSERT_EMPLOYEE, (ps, instance, row) -> {
            Employee e = row.value();
            ps.setLong(1, instance);
            ps.setString(2, e.employeeId());
            ps.setString(3, row.file());
            ps.setLong(4, row.line());
            ps.setString(5, e.fullName());
            ps.setString(6, e.department());
            ps.setString(7, e.role());
            ps.setString(8, e.status().name());
            ps.setDate(9, Date.valueOf(e.hiredOn()));
            ps.setDate(10, e.departedOn() == null ? null : Date.valueOf(e.departedOn()));
        });
        return steps.importStep("trainingRosterImportStep", trainingRosterReader, writer);
    }

    @Bean
    @StepScope
    CsvItemReader<Requirement> trainingRequirementsReader(@Value("#{jobParameters['inbox']}") String inbox) {
        return new CsvItemReader<>(Path.of(inbox), TrainingInputs.REQUIREMENTS, TrainingInputs.REQUIREMENTS_LAYOUT,
                TrainingInputs::requirement);
    }

    @Bean
    Step trainingRequirementsImportStep(JobSteps steps, CsvItemReader<Requirement> trainingRequirementsReader) {
        StagingWriter<Requirement> writer = steps.stagingWriter(INSERT_REQUIREMENT, (ps, instance, row) -> {
            Requirement r = row.value();
            ps.setLong(1, instance);
            ps.setString(2, r.courseId());
            ps.setString(3, row.file());
            ps.setLong(4, row.line());
            ps.setString(5, r.title());
            ps.setString(6, r.audience().toString());
        });
        return steps.importStep("trainingRequirementsImportStep", trainingRequirementsReader, writer);
    }

    @Bean
    @StepScope
    CsvItemReader<Completion> trainingCompletionsReader(@Value("#{jobParameters['inbox']}") String inbox) {
        return new CsvItemReader<>(Path.of(inbox), TrainingInputs.COMPLETIONS, TrainingInputs.COMPLETIONS_LAYOUT,
                TrainingInputs::completion);
    }

    @Bean
    Step trainingCompletionsImportStep(JobSteps steps, CsvItemReader<Completion> trainingCompletionsReader) {
        StagingWriter<Completion> writer = steps.stagingWriter(INSERT_COMPLETION, (ps, instance, row) -> {
            Completion c = row.value();
            ps.setLong(1, instance);
            ps.setString(2, c.employeeId());
            ps.setString(3, row.file());
            ps.setLong(4, row.line());
            ps.setString(5, c.courseId());
            ps.setDate(6, Date.valueOf(c.completedOn()));
            if (c.score() == null) {
                ps.setNull(7, Types.INTEGER);
            } else {
                ps.setInt(7, c.score());
            }
        });
        return steps.importStep("trainingCompletionsImportStep", trainingCompletionsReader, writer);
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
            DataSource dataSource, ResultsSchema schema,
            @Value("#{jobParameters['period']}") String period,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long jobInstanceId) {
        Period quarter = Period.parse(period);
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
    ItemProcessor<EmployeeCompletions, CoverageResult> trainingCoverageProcessor(
            TrainingProperties properties, JdbcTemplate jdbc, ResultsSchema schema,
            @Value("#{jobParameters['period']}") String period,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long jobInstanceId) {
        Period quarter = Period.parse(period);
        CoverageRule rule = new CoverageRule(properties.policy());
        List<Requirement> requirements = new TrainingDuplicates(jdbc, schema).requirements(jobInstanceId);
        return item -> {
            CoverageResult result = rule.evaluate(item.employee(), requirements, item.completions(), quarter);
            return result.inScope() ? result : null;
        };
    }

    @Bean
    @StepScope
    JdbcBatchItemWriter<CoverageResult> trainingCoverageWriter(
            DataSource dataSource, ResultsSchema schema,
            @Value("#{stepExecution.jobExecution.jobInstanceId}") long jobInstanceId) {
        return new JdbcBatchItemWriterBuilder<CoverageResult>()
                .dataSource(dataSource)
                .sql(schema.sql(INSERT_COVERAGE))
                .itemPreparedStatementSetter((result, ps) -> {
                    Employee e = result.employee();
                    ps.setLong(1, jobInstanceId);
                    ps.setString(2, e.employeeId());
                    ps.setString(3, e.fullName());
                    ps.setString(4, e.department());
                    ps.setBoolean(5, result.covered());
                    ps.setString(6, String.join(";", result.missingCourses()));
                })
                .assertUpdates(true)
                .build();
    }

    @Bean
    Step trainingCoverageStep(JobSteps steps, JdbcCursorItemReader<EmployeeCompletions> trainingEmployeesReader,
                              ItemProcessor<EmployeeCompletions, CoverageResult> trainingCoverageProcessor,
                              JdbcBatchItemWriter<CoverageResult> trainingCoverageWriter) {
        return new StepBuilder("trainingCoverageStep", steps.jobRepository())
                .<EmployeeCompletions, CoverageResult>chunk(steps.chunkSize())
                .transactionManager(steps.transactionManager())
                .reader(trainingEmployeesReader)
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
