package dev.custos.jobs.reconciliation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.custos.common.job.RunParameters;
import dev.custos.common.period.Period;
import dev.custos.common.results.Metric;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.test.CustosTestApplication;
import dev.custos.common.test.TestDatabase;

/**
 * What the job tests share: one database and one Spring context for all of them (so each test
 * uses periods of its own year), chunks of ten items so that small inputs span several
 * chunks, and helpers to run the job and read what it published.
 */
@SpringBootTest(classes = {CustosTestApplication.class, ReconciliationJobTestSupport.Jobs.class},
        properties = "custos.chunk-size=10")
abstract class ReconciliationJobTestSupport {

    static final String JOB = PermissionReconciliationJobConfig.JOB_NAME;
    static final TestDatabase DATABASE = TestDatabase.create(ReconciliationJobTestSupport.class);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(DATABASE::drop));
    }

    @Import(PermissionReconciliationJobConfig.class)
    static class Jobs {
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @Autowired
    JobOperator jobOperator;

    @Autowired
    Job permissionReconciliationJob;

    @Autowired
    ResultsRepository results;

    @Autowired
    ResultsSchema schema;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    Path inbox(String name) {
        try {
            return Files.createDirectories(dir.resolve("in").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path outbox() {
        return dir.resolve("out");
    }

    JobExecution run(String period, Path inbox) throws Exception {
        return run(period, 0, inbox);
    }

    JobExecution run(String period, int rerun, Path inbox) throws Exception {
        RunParameters parameters = new RunParameters(Period.parse(period), rerun, inbox, outbox());
        return jobOperator.start(permissionReconciliationJob, parameters.toJobParameters());
    }

    /** The published metrics of the period, by name. */
    Map<String, Metric> metrics(String period) {
        Map<String, Metric> byName = new LinkedHashMap<>();
        results.metrics(JOB, period).forEach(metric -> byName.put(metric.name(), metric));
        return byName;
    }

    Map<String, Double> values(String period) {
        Map<String, Double> byName = new LinkedHashMap<>();
        results.metrics(JOB, period).forEach(metric -> byName.put(metric.name(), metric.value()));
        return byName;
    }

    Path outboxFile(String period, String file) {
        return outbox().resolve(JOB).resolve(period).resolve(file);
    }

    String revocations(String period) throws IOException {
        return Files.readString(outboxFile(period, PermissionReconciliationPublication.REVOCATIONS_FILE));
    }

    /** The period's published finding rows, without the job instance, in key order. */
    List<Map<String, Object>> publishedFindings(String period) {
        return jdbc.queryForList(schema.sql("""
                SELECT f.employee_id, f.system, f.permission, f.rule, f.status, f.days_departed, f.granted_on,
                       f.last_used_on
                FROM {results}.reconciliation_finding f
                JOIN {results}.period_result p ON p.job_instance_id = f.job_instance_id
                WHERE p.job = ? AND p.period = ?
                ORDER BY f.employee_id, f.system, f.permission"""), JOB, period);
    }

    /** Finding rows of every run of the period, published or not. */
    long findingRowsOfAnyRun(String period) {
        return jdbc.queryForObject(schema.sql("""
                SELECT COUNT(*) FROM {results}.reconciliation_finding f
                WHERE f.job_instance_id IN (SELECT job_instance_id FROM {results}.run WHERE job = ? AND period = ?)"""),
                Long.class, JOB, period);
    }

    boolean published(String period) {
        return results.publishedExecution(JOB, period).isPresent();
    }
}
