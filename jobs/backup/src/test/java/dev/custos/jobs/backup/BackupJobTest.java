package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.custos.common.CustosException;
import dev.custos.common.job.RunParameters;
import dev.custos.common.outbox.Outbox;
import dev.custos.common.period.Period;
import dev.custos.common.test.TestDatabase;
import dev.custos.common.test.TestS3;
import dev.custos.jobs.backup.archive.BackupCatalog;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.archive.Classification;
import dev.custos.jobs.backup.key.BackupKey;

/**
 * The backup job end to end on MariaDB and the S3 test server: a RESTRICTED table source and a
 * directory, encrypted with a keyset from the environment, stored, manifested, verified and
 * published; restartable at the verify step; and no secret in any log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class BackupJobTest extends BackupJobTestSupport {

    private static final TestDatabase DATABASE = TestDatabase.create(BackupJobTest.class);
    /** The customer data, in a database of its own beside the application's. */
    private static final TestDatabase CUSTOMER_DATA = TestDatabase.create(CustomerData.class);
    private static final String KEYSET = BackupKey.generateKeysetJson();
    private static final String BUCKET = TestS3.newBucketName("backup-job");
    private static final int CUSTOMERS = 1_000;
    private static final String FAIL_VERIFIED = """
            CREATE TRIGGER {results}.backup_object_verify_fails BEFORE UPDATE ON {results}.backup_object
            FOR EACH ROW BEGIN
              IF NEW.verified THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure'; END IF;
            END""";
    private static final String STOP_FAILING = "DROP TRIGGER IF EXISTS {results}.backup_object_verify_fails";

    @TempDir
    static Path documents;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        DATABASE.register(registry);
        createCustomers(CUSTOMER_DATA, "Customer", CUSTOMERS);
        Files.writeString(documents.resolve("contract.txt"), "signed\n");
        registerTestBucket(registry, BUCKET);
        registry.add("custos.backup.keyset", () -> KEYSET);
        registerJdbcSource(registry, 0, "crm", Classification.RESTRICTED, CUSTOMER_DATA::name, "customer");
        registerDirectorySource(registry, 1, "documents", Classification.CONFIDENTIAL, documents::toString);
    }

    @AfterAll
    static void dropDatabases() {
        DATABASE.drop();
        CUSTOMER_DATA.drop();
    }

    private static final class CustomerData {
    }

    @Autowired
    BackupObjects objects;

    @Autowired
    BackupTasks tasks;

    @Test
    void aRunStoresManifestsVerifiesAndPublishesTheDaysEncryptedBackup() throws Exception {
        JobExecution execution = completed(run("2031-01-01"));

        String id = "2031-01-01." + execution.getId();
        BackupManifest manifest = new BackupCatalog(store).manifest(id).orElseThrow();
        assertThat(manifest.archive().key()).isEqualTo("backups/" + id + "/archive.tar.zst.tink");
        assertThat(manifest.archive().encryption().keyId())
                .isEqualTo(BackupKey.fromJson(KEYSET, "test").primaryKeyId());
        assertThat(manifest.sources()).extracting(BackupManifest.Source::name, BackupManifest.Source::rowsSampled)
                .containsExactly(tuple("crm", (long) BackupProperties.DEFAULT_SAMPLE_ROWS),
                        tuple("documents", null));
        assertThat(manifest.entries()).extracting(BackupManifest.Entry::path).containsExactly(
                "tables/crm/customer.columns.json", "tables/crm/customer/part-00001.tsv", "files/documents/contract.txt");
        Map<String, Double> metrics = values("2031-01-01");
        assertThat(metrics).containsOnlyKeys("entries", "rows", "bytes_in", "bytes_stored", "verified", "duration_s",
                        "retention_deleted", "rows_sampled")
                .containsEntry("entries", 3.0).containsEntry("rows", (double) CUSTOMERS)
                .containsEntry("rows_sampled", (double) BackupProperties.DEFAULT_SAMPLE_ROWS)
                .containsEntry("bytes_in", (double) manifest.totals().bytesIn())
                .containsEntry("bytes_stored", (double) manifest.archive().size())
                .containsEntry("verified", 1.0);
        assertThat(results.metrics(BackupJobConfig.JOB_NAME, "2031-01-01")).filteredOn(m -> m.name().equals("verified"))
                .singleElement().satisfies(m -> {
                    assertThat(m.target()).isEqualTo(1.0);
                    assertThat(m.met()).isTrue();
                });
        Path outbox = dir.resolve("out/backup/2031-01-01");
        assertThat(Files.readAllBytes(outbox.resolve("manifest.json")))
                .isEqualTo(BackupFixture.bytes(store, manifest.manifestKey()));
        JsonNode summary = JsonMapper.builder().build().readTree(outbox.resolve(Outbox.SUMMARY).toFile());
        assertThat(summary.get("status").asString()).isEqualTo("COMPLETED");
        BackupObjects.Row row = objects.ofInstance(execution.getJobInstanceId()).orElseThrow();
        assertThat(row.backupId()).isEqualTo(id);
        assertThat(row.verified()).isTrue();
        assertThat(row.manifestWritten()).isTrue();
        assertThat(row.keyId()).isEqualTo(manifest.archive().encryption().keyId());
        assertThat(row.sources()).isEqualTo("crm,documents");
    }

    @Test
    void aRerunOfTheDayKeepsTheRecordOfTheBackupItSupersedes() throws Exception {
        JobExecution first = completed(run("2031-01-05"));
        JobExecution rerun = completed(jobOperator.start(backupJob, new RunParameters(Period.parse("2031-01-05"), 1,
                dir.resolve("in"), dir.resolve("out")).toJobParameters()));

        assertThat(jdbc.queryForList(schema.sql("SELECT backup_id FROM {results}.backup_object WHERE verified"
                        + " AND backup_day = DATE '2031-01-05'"), String.class))
                .as("the superseded backup is still in the store, so still on record")
                .containsExactlyInAnyOrder("2031-01-05." + first.getId(), "2031-01-05." + rerun.getId());
        assertThat(values("2031-01-05")).containsEntry("verified", 1.0);
    }

    @Test
    void anArchiveRecordedByAnEarlierExecutionIsNotWrittenAgain() throws Exception {
        JobExecution execution = completed(run("2031-01-06"));
        List<String> stored = store.list("backups/2031-01-06.").stream().map(o -> o.key()).toList();

        // as a restart after a kill before the step committed
        tasks.writeArchive(execution, RunParameters.from(execution.getJobParameters()), List.of(execution.getId()));

        assertThat(store.list("backups/2031-01-06.")).extracting(o -> o.key()).containsExactlyElementsOf(stored);
        assertThat(jdbc.queryForObject(schema.sql("SELECT COUNT(*) FROM {results}.backup_object WHERE job_instance_id"
                + " = ?"), Long.class, execution.getJobInstanceId())).isEqualTo(1);
    }

    @Test
    void aManifestIsNeverWrittenOverAnArchiveThatIsNoLongerStored() throws Exception {
        JobExecution execution = completed(run("2031-01-07"));
        BackupObjects.Row row = objects.ofInstance(execution.getJobInstanceId()).orElseThrow();
        store.delete(row.manifestKey());
        store.delete(row.archiveKey()); // as retention does to an archive left without a manifest for a day

        assertThatThrownBy(() -> tasks.writeManifest(execution.getJobInstanceId()))
                .isInstanceOf(CustosException.class)
                .hasMessageContaining("the archive " + row.archiveKey() + " is no longer in")
                .hasMessageContaining("custos run backup --period 2031-01-07 --rerun");
        assertThat(store.stat(row.manifestKey())).isEmpty();
    }

    @Test
    void restartAfterAFailedVerifyStepVerifiesTheStoredArchiveWithoutUploadingAgain() throws Exception {
        JobExecution failed = runWithTrigger(FAIL_VERIFIED, STOP_FAILING, "2031-01-02", false);
        assertThat(failedStep(failed).getStepName()).isEqualTo("backupVerifyStep");
        List<String> storedBeforeRestart = store.list("backups/2031-01-02.").stream().map(o -> o.key()).toList();

        JobExecution restarted = jobOperator.restart(failed);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getStepExecutions()).extracting(step -> step.getStepName())
                .containsExactly("backupVerifyStep", "backupRestoreDrillStep", "backupRetentionStep", "backupPublishStep",
                        "backupCleanupStep");
        assertThat(store.list("backups/2031-01-02.")).extracting(o -> o.key())
                .containsExactlyElementsOf(storedBeforeRestart)
                .containsExactly("backups/2031-01-02." + failed.getId() + "/archive.tar.zst.tink",
                        "backups/2031-01-02." + failed.getId() + "/manifest.json");
        assertThat(values("2031-01-02")).containsEntry("verified", 1.0);
    }

    @Test
    void aBackupDamagedAfterItsRunFailsVerificationNamingTheArchive() throws Exception {
        JobExecution first = run("2031-01-03");
        String archive = "backups/2031-01-03." + first.getId() + "/archive.tar.zst.tink";
        BackupFixture.rewrite(store, archive, data -> BackupFixture.flipByte(data, 100));

        VerificationResult result = new BackupVerifier(new BackupCatalog(store),
                Optional.of(BackupKey.fromJson(KEYSET, "test"))).verify("2031-01-03." + first.getId());

        assertThat(result.verified()).isFalse();
        assertThat(result.message()).contains(archive);
    }

    @Test
    void neitherTheS3SecretNorTheKeysetAppearsInTheLog(CapturedOutput output) throws Exception {
        JobExecution execution = run("2031-01-04");

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(output.getAll()).contains("backup 2031-01-04." + execution.getId())
                .doesNotContain(TestS3.secretKey())
                .doesNotContain(KEYSET)
                .doesNotContain(keyMaterial(KEYSET));
    }

    /** The base64 key material inside a Tink JSON keyset. */
    private static String keyMaterial(String keyset) {
        return JsonMapper.builder().build().readTree(keyset).get("key").get(0).get("keyData").get("value").asString();
    }
}
