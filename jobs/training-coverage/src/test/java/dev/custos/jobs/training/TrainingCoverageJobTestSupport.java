package dev.custos.jobs.training;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
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
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.results.RunRecorder;
import dev.custos.common.test.CustosTestApplication;
import dev.custos.common.test.TestDatabase;

/**
 * What every training-coverage job test shares: one Spring context (every subclass has the same
 * configuration, so Spring builds it once), one MariaDB database dropped when the whole test run
 * ends, and a quarter of its own for every test so runs never share a job instance or results.
 */
@SpringBootTest(classes = {CustosTestApplication.class, TrainingCoverageJobTestSupport.Jobs.class})
@ExtendWith(TrainingCoverageJobTestSupport.DropDatabaseWhenAllTestsEnd.class)
abstract class TrainingCoverageJobTestSupport {

    static final String JOB = TrainingCoverageJobConfig.JOB_NAME;

    private static final TestDatabase DATABASE = TestDatabase.create(TrainingCoverageJobTestSupport.class);
    private static final Path STORE = temporaryDirectory();
    private static final AtomicInteger QUARTERS_USED = new AtomicInteger();

    @Import(TrainingCoverageJobConfig.class)
    static class Jobs {
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add("custos.store.dir", STORE::toString);
    }

    @Autowired
    JobOperator jobOperator;

    @Autowired
    Job trainingCoverageJob;

    @Autowired
    ResultsRepository results;

    @Autowired
    ResultsSchema schema;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    /** A quarter no other test of this JVM uses (2001-Q1, 2001-Q2, ...). */
    static Period freshQuarter() {
        int n = QUARTERS_USED.getAndIncrement();
        return Period.parse((2001 + n / 4) + "-Q" + (n % 4 + 1));
    }

    /** Writes {@code inbox} into a new folder of this test and runs the period on it (not a rerun). */
    JobExecution run(TrainingInbox inbox) throws Exception {
        return run(parameters(inbox.quarter(), 0, inbox.writeTo(dir.resolve("in-" + inbox.quarter()))));
    }

    JobExecution run(RunParameters parameters) throws Exception {
        return jobOperator.start(trainingCoverageJob, parameters.toJobParameters());
    }

    RunParameters parameters(Period quarter, int rerun, Path inbox) {
        return new RunParameters(quarter, rerun, inbox, outbox());
    }

    Path outbox() {
        return dir.resolve("out");
    }

    /** {@code <outbox>/training-coverage/<quarter>/<file>}. */
    Path outboxFile(Period quarter, String file) {
        return outbox().resolve(JOB).resolve(quarter.toString()).resolve(file);
    }

    /** The published metrics of the quarter, by name; a missing figure maps to {@code null}. */
    Map<String, Double> publishedMetrics(Period quarter) {
        Map<String, Double> metrics = new HashMap<>();
        results.metrics(JOB, quarter.toString()).forEach(metric -> metrics.put(metric.name(), metric.value()));
        return metrics;
    }

    /** The operator-facing message of every failure of the execution. */
    static List<String> failureMessages(JobExecution execution) {
        return execution.getAllFailureExceptions().stream().map(RunRecorder::rootMessage).toList();
    }

    /** The rows one job instance has in a table of the results schema. */
    long countOfInstance(String table, long jobInstanceId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + schema.table(table) + " WHERE job_instance_id = ?",
                Long.class, jobInstanceId);
    }

    /** The lines of a text file, header included. */
    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }

    /** The records of a CSV file written by the job, header excluded, each as its list of fields. */
    static List<List<String>> csvRecords(Path file) {
        try (Reader reader = Files.newBufferedReader(file);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                     .parse(reader)) {
            return parser.stream().map(record -> record.toList()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("custos-training-store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * Drops the database and the blob store folder once every test class of the run is done:
     * the Spring context is cached across classes, so an {@code @AfterAll} would drop the
     * database under the next class's feet.
     */
    static final class DropDatabaseWhenAllTestsEnd implements BeforeAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            context.getRoot().getStore(ExtensionContext.Namespace.create(TrainingCoverageJobTestSupport.class))
                    .computeIfAbsent("database", key -> (AutoCloseable) () -> {
                        DATABASE.drop();
                        deleteRecursively(STORE);
                    });
        }
    }
}
