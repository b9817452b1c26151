package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.custos.common.results.Metric;
import dev.custos.common.test.TestDatabase;
import dev.custos.common.test.TestS3;
import dev.custos.jobs.backup.archive.Classification;
import dev.custos.jobs.backup.key.BackupKey;

/**
 * The restore drill inside the backup job, on MariaDB and the S3 test server with an encrypted
 * backup: on a drill day (Sunday by default) or with {@code drill=true} the run restores its backup
 * into a scratch schema and directory, checks every table against the manifest, publishes
 * {@code restore_drill_ok} and leaves no scratch schema or directory behind; a table that does not
 * read back as the manifest says fails the run, naming it.
 */
class BackupRestoreDrillTest extends BackupJobTestSupport {

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

    private static final class DrillCustomerData {
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        DATABASE.register(registry);
        createCustomers(CUSTOMER_DATA, "Kunde ü", 1000);
        try (Connection connection = CUSTOMER_DATA.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE contract (customer_id INT NOT NULL, seq INT NOT NULL, signed_on DATE,"
                    + " PRIMARY KEY (customer_id, seq))");
            statement.execute("INSERT INTO contract SELECT seq, 1, '2030-12-31' FROM seq_1_to_300");
        }
        Files.writeString(documents.resolve("contract.txt"), "signed\n");
        registerTestBucket(registry, BUCKET);
        registry.add("custos.backup.keyset", BackupKey::generateKeysetJson);
        registerJdbcSource(registry, 0, "crm", Classification.RESTRICTED, CUSTOMER_DATA::name);
        registerDirectorySource(registry, 1, "documents", Classification.CONFIDENTIAL, documents::toString);
    }

    @AfterAll
    static void dropDatabases() {
        DATABASE.drop();
        CUSTOMER_DATA.drop();
    }

    @Autowired
    RestoreDrills drills;

    private boolean scratchSchemaExists() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?",
                Integer.class, schema.name() + "_drill") > 0;
    }

    private Set<Path> scratchDirectories() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("custos-restore-drill-" + schema.name() + "-"))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void aSundayRunRestoresItsBackupIntoAScratchSchemaAndPublishesRestoreDrillOk() throws Exception {
        Set<Path> scratchBefore = scratchDirectories();

        JobExecution execution = completed(run(SUNDAY));

        Metric drill = metrics(SUNDAY).get("restore_drill_ok");
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
        JobExecution weekday = completed(run(MONDAY));
        completed(run(TUESDAY, true));

        assertThat(metrics(MONDAY)).containsKey("verified").doesNotContainKey("restore_drill_ok");
        assertThat(drills.ofInstance(weekday.getJobInstanceId())).isEmpty();
        assertThat(metrics(TUESDAY).get("restore_drill_ok").value()).isEqualTo(1.0);
    }

    @Test
    void aTableThatDoesNotReadBackAsTheManifestSaysFailsTheRunNamingItAndIsCleanedUpAlsoAfterAKill() throws Exception {
        Set<Path> scratchBefore = scratchDirectories();

        JobExecution execution = runWithTrigger(UNDERSTATE_ROWS, STOP_UNDERSTATING, WEDNESDAY, true);

        assertThat(failedStep(execution).getStepName()).isEqualTo("backupRestoreDrillStep");
        assertThat(execution.getAllFailureExceptions()).singleElement().satisfies(e -> assertThat(e.getMessage())
                .startsWith("restore drill failed: restored table crm/customer (loaded into " + schema.name()
                        + "_drill.customer) of backup " + WEDNESDAY + "." + execution.getId())
                .contains("has 1000 rows, the manifest's parts tables/crm/customer/* hold 999"));
        assertThat(metrics(WEDNESDAY)).isEmpty();
        assertThat(drills.ofInstance(execution.getJobInstanceId())).isEmpty();
        assertThat(scratchSchemaExists()).as("scratch schema dropped").isFalse();
        assertThat(scratchDirectories()).as("scratch directory removed").isSubsetOf(scratchBefore);

        // as if a drill of this run had been killed: its decrypted data left in its scratch directory
        Path left = Path.of(System.getProperty("java.io.tmpdir"),
                "custos-restore-drill-" + schema.name() + "-" + execution.getJobInstanceId());
        Files.createDirectories(left.resolve("tables/crm"));
        Files.writeString(left.resolve("tables/crm/customer.tsv"), "1\tKunde 1\n");

        JobExecution restarted = jobOperator.restart(execution); // the recorded rows still understate: fails again

        assertThat(failedStep(restarted).getStepName()).isEqualTo("backupRestoreDrillStep");
        assertThat(left).as("the killed drill's data is gone with the restarted drill").doesNotExist();
        assertThat(scratchDirectories()).isSubsetOf(scratchBefore);
    }
}
