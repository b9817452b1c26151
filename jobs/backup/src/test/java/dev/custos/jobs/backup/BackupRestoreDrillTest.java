package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
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
import dev.custos.common.test.TestS3;

/**
 * The restore drill inside the backup job, on MariaDB and the S3 test server with an encrypted
 * backup: on a drill day (Sunday by default) or with {@code drill=true} the run restores its backup
 * into a scratch schema and directory, checks every table against the manifest, publishes
 * {@code restore_drill_ok} and leaves no scratch schema or directory behind; a table that does not
 * read back as the manifest says fails the run, naming it.
 */
@SpringBootTest(classes = {CustosTestApplication.class, BackupRestoreDrillTest.Jobs.class})
class BackupRestoreDrillTest {

    private static final TestDatabase DATABASE = TestDatabase.create(BackupRestoreDrillTest.class);
    private static final TestDatabase CUSTOMER_DATA = TestDatabase.create(DrillCustomerData.class);
    private static final String BUCKET = TestS3.newBucketName("backup-drill");
    private static final String SUNDAY = "2031-01-05";
    private static final String MONDAY = "2031-01-06";
    private static final String TUESDAY = "2031-01-07";
    private static final String WEDNESDAY = "2031-01-08";
    /** Makes the recorded manifest claim one row less than the backup holds, once the backup is verified. */
    private static final String UNDERSTATE_ROWS = """
            CREATE TRIGGER {results}.backup_object_understates_rows BEFORE UPDATE ON {results}.backup_object
            FOR EACH ROW BEGIN
              IF NEW.verified AND NOT OLD.verified THEN
                SET NEW.manifest = REPLACE(NEW.manifest, '"rows" : 1000', '"rows" : 999');
              END IF;
            END""";
    private static final String STOP_UNDERSTATING = "DROP TRIGGER IF EXISTS {results}.backup_object_understates_rows";

    @TempDir
    static Path documents;

    @TempDir
    Path dir;

    @Import(BackupJobConfig.class)
    static class Jobs {
    }

    private static final class DrillCustomerData {
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        DATABASE.register(registry);
        try (Connection connection = CUSTOMER_DATA.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE customer (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, iban CHAR(22))");
            statement.execute("INSERT INTO customer SELECT seq, CONCAT('Kunde ', seq, ' ü'), CONCAT('DE', LPAD(seq, 20,"
                    + " '0')) FROM seq_1_to_1000");
            statement.execute("CREATE TABLE contract (customer_id INT NOT NULL, seq INT NOT NULL, signed_on DATE,"
                    + " PRIMARY KEY (customer_id, seq))");
            statement.execute("INSERT INTO contract SELECT seq, 1, '2030-12-31' FROM seq_1_to_300");
        }
        Files.writeString(documents.resolve("contract.txt"), "signed\n");
        registry.add("custos.s3.endpoint", TestS3::endpoint);
        registry.add("custos.s3.bucket", () -> BUCKET);
        registry.add("custos.s3.access-key", TestS3::accessKey);
        registry.add("custos.s3.secret-key", TestS3::secretKey);
        registry.add("custos.backup.keyset", BackupKey::generateKeysetJson);
        registry.add("custos.backup.sources[0].name", () -> "crm");
        registry.add("custos.backup.sources[0].type", () -> "jdbc");
        registry.add("custos.backup.sources[0].classification", () -> "RESTRICTED");
        registry.add("custos.backup.sources[0].schema", CUSTOMER_DATA::name);
        registry.add("custos.backup.sources[1].name", () -> "documents");
        registry.add("custos.backup.sources[1].type", () -> "directory");
        registry.add("custos.backup.sources[1].classification", () -> "CONFIDENTIAL");
        registry.add("custos.backup.sources[1].path", documents::toString);
    }

    @AfterAll
    static void dropDatabases() {
        DATABASE.drop();
        CUSTOMER_DATA.drop();
    }

    @Autowired
    JobOperator jobOperator;

    @Autowired
    Job backupJob;

    @Autowired
    ResultsRepository results;

    @Autowired
    ResultsSchema schema;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RestoreDrills drills;

    private JobExecution run(String day, boolean drill) throws Exception {
        JobParametersBuilder parameters = new JobParametersBuilder(
                new RunParameters(Period.parse(day), 0, dir.resolve("in"), dir.resolve("out")).toJobParameters());
        if (drill) {
            parameters.addString(RestoreDrill.PARAMETER, "true", false);
        }
        return jobOperator.start(backupJob, parameters.toJobParameters());
    }

    private Map<String, Metric> published(String day) {
        return results.metrics(BackupJobConfig.JOB_NAME, day).stream()
                .collect(Collectors.toMap(Metric::name, metric -> metric));
    }

    private boolean scratchSchemaExists() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?",
                Integer.class, schema.name() + "_drill") > 0;
    }

    private static Set<Path> scratchDirectories() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("custos-restore-drill-"))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void aSundayRunRestoresItsBackupIntoAScratchSchemaAndPublishesRestoreDrillOk() throws Exception {
        Set<Path> scratchBefore = scratchDirectories();

        JobExecution execution = run(SUNDAY, false);

        assertThat(execution.getStatus()).as(execution.getAllFailureExceptions().toString())
                .isEqualTo(BatchStatus.COMPLETED);
        Metric drill = published(SUNDAY).get("restore_drill_ok");
        assertThat(drill.value()).isEqualTo(1.0);
        assertThat(drill.target()).isEqualTo(1.0);
        assertThat(drill.met()).isTrue();
        RestoreDrills.Drill recorded = drills.ofInstance(execution.getJobInstanceId()).orElseThrow();
        assertThat(recorded.backupId()).isEqualTo(SUNDAY + "." + execution.getId());
        assertThat(recorded.tables()).isEqualTo(2);
        assertThat(recorded.rows()).isEqualTo(1300);
        assertThat(recorded.files()).isEqualTo(1);
        assertThat(recorded.scratchSchema()).isEqualTo(schema.name() + "_drill");
        assertThat(scratchSchemaExists()).as("scratch schema dropped").isFalse();
        assertThat(scratchDirectories()).as("scratch directory removed").isSubsetOf(scratchBefore);
    }

    @Test
    void aWeekdayRunHasNoDrillUnlessTheRunAsksForOne() throws Exception {
        JobExecution weekday = run(MONDAY, false);
        JobExecution asked = run(TUESDAY, true);

        assertThat(weekday.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(asked.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(published(MONDAY)).containsKey("verified").doesNotContainKey("restore_drill_ok");
        assertThat(drills.ofInstance(weekday.getJobInstanceId())).isEmpty();
        assertThat(published(TUESDAY).get("restore_drill_ok").value()).isEqualTo(1.0);
    }

    @Test
    void aTableThatDoesNotReadBackAsTheManifestSaysFailsTheRunNamingItAndIsCleanedUp() throws Exception {
        Set<Path> scratchBefore = scratchDirectories();
        jdbc.execute(schema.sql(UNDERSTATE_ROWS));
        JobExecution execution;
        try {
            execution = run(WEDNESDAY, true);
        } finally {
            jdbc.execute(schema.sql(STOP_UNDERSTATING));
        }

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getStepExecutions()).filteredOn(step -> step.getStatus() == BatchStatus.FAILED)
                .singleElement().satisfies(step -> assertThat(step.getStepName()).isEqualTo("backupRestoreDrillStep"));
        assertThat(execution.getAllFailureExceptions()).singleElement().satisfies(e -> assertThat(e.getMessage())
                .startsWith("restore drill failed: restored table crm/customer (loaded into " + schema.name()
                        + "_drill.customer) of backup " + WEDNESDAY + "." + execution.getId())
                .contains("has 1000 rows, the manifest's parts tables/crm/customer/* hold 999"));
        assertThat(results.metrics(BackupJobConfig.JOB_NAME, WEDNESDAY)).isEmpty();
        assertThat(drills.ofInstance(execution.getJobInstanceId())).isEmpty();
        assertThat(scratchSchemaExists()).as("scratch schema dropped").isFalse();
        assertThat(scratchDirectories()).as("scratch directory removed").isSubsetOf(scratchBefore);
    }
}
