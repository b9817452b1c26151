package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

import dev.custos.common.job.RunParameters;
import dev.custos.common.period.Period;
import dev.custos.common.results.Metric;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.store.BlobStore;
import dev.custos.common.test.CustosTestApplication;
import dev.custos.common.test.TestDatabase;
import dev.custos.common.test.TestS3;
import dev.custos.jobs.backup.archive.Classification;

/**
 * What the backup job tests share: the job's beans, a run of a day on this test's own inbox and
 * outbox, the day's published metrics, and the settings of a bucket and of sources. Each test
 * class registers its own database and settings, so each has a Spring context of its own.
 */
@SpringBootTest(classes = {CustosTestApplication.class, BackupJobTestSupport.Jobs.class})
public abstract class BackupJobTestSupport {

    private static final String CREATE_CUSTOMER =
            "CREATE TABLE customer (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, iban CHAR(22))";
    /** Followed by the number of customers: MariaDB's sequence table of 1 to that number. */
    private static final String INSERT_CUSTOMERS =
            "INSERT INTO customer SELECT seq, CONCAT(?, ' ', seq), CONCAT('DE', LPAD(seq, 20, '0')) FROM seq_1_to_";

    @Import(BackupJobConfig.class)
    static class Jobs {
    }

    @Autowired
    JobOperator jobOperator;

    @Autowired
    Job backupJob;

    @Autowired
    BlobStore store;

    @Autowired
    ResultsRepository results;

    @Autowired
    ResultsSchema schema;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    /** Creates {@code customer (id, name, iban)} in {@code database}: customers 1 to {@code count}, "name id". */
    static void createCustomers(TestDatabase database, String name, int count) throws SQLException {
        try (Connection connection = database.connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(CREATE_CUSTOMER);
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT_CUSTOMERS + count)) {
                insert.setString(1, name);
                insert.executeUpdate();
            }
        }
    }

    /** Stores in {@code bucket} on the test S3 server, in parts of 5MB. */
    static void registerTestBucket(DynamicPropertyRegistry registry, String bucket) {
        registerBucket(registry, bucket, TestS3::endpoint, TestS3::accessKey, TestS3::secretKey);
    }

    static void registerBucket(DynamicPropertyRegistry registry, String bucket, Supplier<Object> endpoint,
                               Supplier<Object> accessKey, Supplier<Object> secretKey) {
        registry.add("custos.s3.endpoint", endpoint);
        registry.add("custos.s3.bucket", () -> bucket);
        registry.add("custos.s3.access-key", accessKey);
        registry.add("custos.s3.secret-key", secretKey);
        registry.add("custos.s3.part-size", () -> "5MB");
    }

    /** Source number {@code index}: the tables of {@code schema}, or only {@code tables} where any are named. */
    static void registerJdbcSource(DynamicPropertyRegistry registry, int index, String name,
                                   Classification classification, Supplier<Object> schema, String... tables) {
        String source = registerSource(registry, index, name, "jdbc", classification);
        registry.add(source + "schema", schema);
        for (int i = 0; i < tables.length; i++) {
            String table = tables[i];
            registry.add(source + "tables[" + i + "]", () -> table);
        }
    }

    static void registerDirectorySource(DynamicPropertyRegistry registry, int index, String name,
                                        Classification classification, Supplier<Object> path) {
        registry.add(registerSource(registry, index, name, "directory", classification) + "path", path);
    }

    private static String registerSource(DynamicPropertyRegistry registry, int index, String name, String type,
                                         Classification classification) {
        String source = "custos.backup.sources[" + index + "].";
        registry.add(source + "name", () -> name);
        registry.add(source + "type", () -> type);
        registry.add(source + "classification", classification::name);
        return source;
    }

    /** Runs the day, not as a rerun, with {@code dir}'s {@code in} and {@code out} as inbox and outbox. */
    JobExecution run(String day) throws Exception {
        return run(day, false);
    }

    /** Runs the day; with {@code drill}, asks for a restore drill whatever the weekday. */
    JobExecution run(String day, boolean drill) throws Exception {
        JobParametersBuilder parameters = new JobParametersBuilder(
                new RunParameters(Period.parse(day), 0, dir.resolve("in"), dir.resolve("out")).toJobParameters());
        if (drill) {
            parameters.addString(RestoreDrill.PARAMETER, "true", false);
        }
        return jobOperator.start(backupJob, parameters.toJobParameters());
    }

    /**
     * Runs the day, with {@code drill} as in {@link #run(String, boolean)}, while a trigger on the
     * results schema is in place: created by {@code createTrigger}, dropped by {@code dropTrigger}
     * however the run ends.
     */
    JobExecution runWithTrigger(String createTrigger, String dropTrigger, String day, boolean drill)
            throws Exception {
        jdbc.execute(schema.sql(createTrigger));
        try {
            return run(day, drill);
        } finally {
            jdbc.execute(schema.sql(dropTrigger));
        }
    }

    /** The execution, once asserted COMPLETED (else the failures are shown). */
    static JobExecution completed(JobExecution execution) {
        assertThat(execution.getStatus()).as(execution.getAllFailureExceptions().toString())
                .isEqualTo(BatchStatus.COMPLETED);
        return execution;
    }

    /** The one failed step of a FAILED execution. */
    static StepExecution failedStep(JobExecution execution) {
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getStepExecutions()).filteredOn(step -> step.getStatus() == BatchStatus.FAILED)
                .hasSize(1);
        return execution.getStepExecutions().stream().filter(step -> step.getStatus() == BatchStatus.FAILED)
                .findFirst().orElseThrow();
    }

    /** The published metrics of the day, by name. */
    Map<String, Metric> metrics(String day) {
        return results.metrics(BackupJobConfig.JOB_NAME, day).stream()
                .collect(Collectors.toMap(Metric::name, metric -> metric));
    }

    /** The published values of the day, by metric name. */
    Map<String, Double> values(String day) {
        return results.metrics(BackupJobConfig.JOB_NAME, day).stream()
                .collect(Collectors.toMap(Metric::name, Metric::value));
    }
}
