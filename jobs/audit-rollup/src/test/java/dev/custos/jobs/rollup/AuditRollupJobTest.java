package dev.custos.jobs.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.custos.common.job.RunParameters;
import dev.custos.common.period.Period;
import dev.custos.common.results.Metric;
import dev.custos.common.results.PeriodKpis;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.test.CustosTestApplication;
import dev.custos.common.test.FixedPeriodKpis;
import dev.custos.common.test.TestDatabase;

/**
 * The rollup alone on MariaDB, with no other control in the build: its findings figures come from
 * its own input, another control's KPI over the year only through the {@link PeriodKpis} seam, and
 * the other controls' run figures are missing with the reason. The rollup next to the real controls
 * is tested where all controls meet (the scheduler's AuditRollupAcrossControlsTest).
 */
@SpringBootTest(classes = {CustosTestApplication.class, AuditRollupJobTest.Jobs.class})
class AuditRollupJobTest {

    private static final TestDatabase DATABASE = TestDatabase.create(AuditRollupJobTest.class);

    @Import(AuditRollupJobConfig.class)
    static class Jobs {

        @Bean
        PeriodKpis uptimeKpis() {
            return new FixedPeriodKpis("uptime-check", "uptime", "Uptime", "Uptime checks", 0.95, 0.97);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add("custos.store.dir", () -> STORE.toString());
    }

    @TempDir
    static Path STORE;

    @TempDir
    Path dir;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    Job auditRollupJob;

    @Autowired
    ResultsRepository results;

    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void dropDatabase() {
        DATABASE.drop();
    }

    @Test
    void rollupAlonePublishesItsFindingsAndAnotherControlsYearKpiThroughTheSeam() throws Exception {
        Path inbox = FindingsCsv.create()
                .open("AF-PREV-", 2020, 4)
                .open("AF-", 2021, 3)
                .writeTo(dir.resolve("in"));

        JobExecution execution = jobOperator.start(auditRollupJob,
                new RunParameters(Period.parse("2021"), 0, inbox, dir.resolve("out")).toJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Metric> metrics = new LinkedHashMap<>();
        results.metrics(AuditRollupJobConfig.JOB_NAME, "2021").forEach(m -> metrics.put(m.name(), m));
        assertThat(metrics.get("findings").value()).isEqualTo(3.0);
        assertThat(metrics.get("findings_previous").value()).isEqualTo(4.0);
        assertThat(metrics.get("reduction").value()).isEqualTo(0.25);
        assertThat(metrics.get("uptime")).isEqualTo(Metric.kpiAtLeast("uptime", 0.97, Metric.RATIO, 0.95));
        assertThat(metrics.get("training_coverage.2021-Q1").missingReason())
                .isEqualTo("no completed training-coverage run for 2021-Q1");
    }

    @Test
    void categoriesTheDatabaseHoldsEqualAreOneLineNamedByTheFirstSpelling() throws Exception {
        Path inbox = FindingsCsv.create()
                .finding("AF-1", "2023", "2023-03-01", "HIGH", "Réseau", "OPEN", "")
                .finding("AF-2", "2023", "2023-03-01", "HIGH", "Reseau", "OPEN", "")
                .finding("AF-3", "2023", "2023-03-01", "LOW", "RÉSEAU", "OPEN", "")
                .finding("AF-4", "2022", "2022-03-01", "LOW", "reseau", "OPEN", "")
                .finding("AF-5", "2022", "2022-03-01", "LOW", "Access control", "OPEN", "")
                .writeTo(dir.resolve("in-categories"));

        JobExecution execution = jobOperator.start(auditRollupJob,
                new RunParameters(Period.parse("2023"), 0, inbox, dir.resolve("out-categories")).toJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForList("SELECT item, findings, findings_previous FROM " + DATABASE.resultsSchema()
                + ".audit_rollup_line WHERE job_instance_id = ? AND section = 'CATEGORY' ORDER BY item",
                execution.getJobInstanceId()))
                .containsExactly(
                        Map.of("item", "Access control", "findings", 0, "findings_previous", 1),
                        Map.of("item", "Réseau", "findings", 3, "findings_previous", 1));
        Map<String, Double> categories = new LinkedHashMap<>();
        results.metrics(AuditRollupJobConfig.JOB_NAME, "2023").stream()
                .filter(m -> m.name().startsWith("findings_category."))
                .forEach(m -> categories.put(m.name(), m.value()));
        assertThat(categories).containsOnly(
                Map.entry("findings_category.Access control", 0.0), Map.entry("findings_category.Réseau", 3.0));
    }
}
