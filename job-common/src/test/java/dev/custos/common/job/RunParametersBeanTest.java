package dev.custos.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.batch.test.StepScopeTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import dev.custos.common.period.Period;
import dev.custos.common.test.CustosTestApplication;
import dev.custos.common.test.TestDatabase;

/**
 * The period reaches the steps as a value: one {@link RunParameters} per step execution, parsed
 * once from its job's parameters, injected into step-scoped beans and handed to shared tasklets.
 */
@SpringBootTest(classes = {CustosTestApplication.class, RunParametersBeanTest.PeriodJob.class})
class RunParametersBeanTest {

    private static final TestDatabase DATABASE = TestDatabase.create(RunParametersBeanTest.class);

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add("custos.store.dir", () -> dir.resolve("store").toString());
    }

    @AfterAll
    static void drop() {
        DATABASE.drop();
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    Job runParametersJob;

    @Autowired
    Seen seen;

    @Test
    void everyBeanOfAStepGetsTheOneRunParametersParsedFromItsJobParameters() throws Exception {
        RunParameters run = new RunParameters(Period.parse("2026-Q4"), 2, dir.resolve("in"), dir.resolve("out"));
        StepExecution step = stepOf(1, run);

        List<RunParameters> injected = StepScopeTestUtils.doInStepScope(step,
                () -> List.of(context.getBean(RunParameters.class), context.getBean(RunParameters.class)));

        assertThat(injected.get(0)).isEqualTo(run).isSameAs(injected.get(1));
    }

    @Test
    void eachStepGetsTheRunParametersOfItsOwnJobExecution() throws Exception {
        RunParameters november = new RunParameters(Period.parse("2026-11"), 0, dir.resolve("a"), dir.resolve("out"));
        RunParameters day = new RunParameters(Period.parse("2026-11-24"), 1, dir.resolve("b"), dir.resolve("out"));

        RunParameters first = StepScopeTestUtils.doInStepScope(stepOf(2, november),
                () -> context.getBean(RunParameters.class));
        RunParameters second = StepScopeTestUtils.doInStepScope(stepOf(3, day),
                () -> context.getBean(RunParameters.class));

        assertThat(first).isEqualTo(november);
        assertThat(second).isEqualTo(day);
    }

    @Test
    void aRunsChunkAndTaskletStepsReceiveItsRunParameters() throws Exception {
        RunParameters run = new RunParameters(Period.parse("2031-07"), 0, dir.resolve("in"), dir.resolve("out"));

        JobExecution execution = jobOperator.start(runParametersJob, run.toJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(seen.values).containsExactly("reader:" + run.inbox(), "tasklet:2031-07");
    }

    private static StepExecution stepOf(long id, RunParameters run) {
        JobExecution job = new JobExecution(id, new JobInstance(id, "run-parameters"), run.toJobParameters());
        return new StepExecution(id, "runParametersStep", job);
    }

    /** What the steps of {@link PeriodJob} were given. */
    static final class Seen {
        final List<String> values = new CopyOnWriteArrayList<>();
    }

    /** A job whose chunk step reads the run's inbox from a step-scoped reader and whose tasklet gets the period. */
    @Configuration(proxyBeanMethods = false)
    static class PeriodJob {

        @Bean
        Seen seen() {
            return new Seen();
        }

        @Bean
        @StepScope
        ListItemReader<String> runParametersReader(RunParameters run) {
            return new ListItemReader<>(List.of("reader:" + run.inbox()));
        }

        @Bean
        Step runParametersReadStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                   ListItemReader<String> runParametersReader, Seen seen) {
            return new StepBuilder("runParametersReadStep", jobRepository)
                    .<String, String>chunk(10)
                    .transactionManager(transactionManager)
                    .reader(runParametersReader)
                    .writer(chunk -> seen.values.addAll(chunk.getItems()))
                    .build();
        }

        @Bean
        Job runParametersJob(JobRepository jobRepository, JobSteps steps, Step runParametersReadStep, Seen seen) {
            return new JobBuilder("run-parameters", jobRepository)
                    .start(runParametersReadStep)
                    .next(steps.taskletStep("runParametersTaskletStep",
                            (instance, parameters) -> seen.values.add("tasklet:" + parameters.period())))
                    .build();
        }
    }
}
