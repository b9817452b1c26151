package dev.custos.jobs.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.custos.common.job.RunParameters;
import dev.custos.common.period.Period;
import dev.custos.common.results.Metric;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.test.CustosTestApplication;
import dev.custos.common.test.TestDatabase;

@SpringBootTest(classes = {CustosTestApplication.class, TrainingCoverageJobTest.Jobs.class})
class TrainingCoverageJobTest {

    static final TestDatabase DATABASE = TestDatabase.create(TrainingCoverageJobTest.class);

    @Import(TrainingCoverageJobConfig.class)
    static class Jobs {
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.drop();
    }

    @Autowired
    JobOperator jobOperator;

    @Autowired
    Job trainingCoverageJob;

    @Autowired
    ResultsRepository results;

    @TempDir
    Path dir;

    @Test
    void coverageCountsOnlyInScopeEmployeesWithEveryApplicableCourse() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("in"));
        Files.writeString(inbox.resolve("hr_roster.csv"), """
                employee_id,full_name,email,department,role,status,hired_on,departed_on
                E1,Ada,ada@x,Sales,Rep,ACTIVE,2020-01-01,
                E2,Bob,bob@x,Sales,Rep,ACTIVE,2020-01-01,
                E3,Cy,cy@x,IT,Admin,DEPARTED,2020-01-01,2026-09-30
                """);
        Files.writeString(inbox.resolve("training_requirements.csv"), """
                course_id,title,audience
                SEC,Security,ALL
                CRM,CRM,department:sales
                """);
        Files.writeString(inbox.resolve("training_completions.csv"), """
                employee_id,course_id,completed_on,score
                e1,sec,2026-07-01,90
                E1,CRM,2026-09-30,
                E2,SEC,2026-08-01,79
                E3,SEC,2026-08-01,100
                """);
        RunParameters parameters = new RunParameters(Period.parse("2026-Q3"), 0, inbox, dir.resolve("out"));

        JobExecution execution = jobOperator.start(trainingCoverageJob, parameters.toJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Double> metrics = results.metrics("training-coverage", "2026-Q3").stream()
                .collect(Collectors.toMap(Metric::name, Metric::value));
        assertThat(metrics).containsEntry("in_scope", 2.0).containsEntry("covered", 1.0)
                .containsEntry("coverage", 0.5).containsEntry("rows_read", 9.0)
                .containsEntry("rows_rejected", 0.0);
        assertThat(dir.resolve("out/training-coverage/2026-Q3/gaps.csv")).hasContent("""
                employee_id,full_name,department,missing_courses
                E2,Bob,Sales,CRM;SEC""");
    }
}
