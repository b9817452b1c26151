package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.custos.common.store.BlobInfo;
import dev.custos.common.store.BlobStore;
import dev.custos.common.store.BlobStoreException;
import dev.custos.common.store.BlobUpload;
import dev.custos.common.store.LocalDirBlobStore;
import dev.custos.common.test.TestDatabase;
import dev.custos.jobs.backup.retention.RetentionRecords;

/**
 * Retention records each deletion in a transaction of its own before deleting: when the store
 * fails to delete a later backup, the step fails but the records of the deletions already done,
 * and of the one begun, stay; the restart finishes the deletion. And the backup's store steps hold
 * no database connection while they talk to the store. The store is a local directory whose
 * deletes of one key fail while the test says so.
 */
@Import(BackupRetentionRecordTest.FaultyStore.class)
class BackupRetentionRecordTest extends BackupJobTestSupport {

    private static final TestDatabase DATABASE = TestDatabase.create(BackupRetentionRecordTest.class);
    private static final String FIRST_INCOMPLETE = "2033-03-01.9001";
    private static final String SECOND_INCOMPLETE = "2033-03-02.9002";
    private static final String FAILING_KEY = "backups/" + SECOND_INCOMPLETE + "/archive.tar.zst";
    private static final String DAY = "2033-03-10";

    @TempDir
    static Path storeDir;

    private static final Set<String> failingDeletes = ConcurrentHashMap.newKeySet();
    private static final Set<String> callsHoldingAConnection = ConcurrentHashMap.newKeySet();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add("custos.store.dir", storeDir::toString);
        registry.add("custos.backup.retry.attempts", () -> "1");
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.drop();
    }

    /** The application's store, failing the deletes of {@link #failingDeletes}, noting calls made holding a connection. */
    @Configuration(proxyBeanMethods = false)
    static class FaultyStore {

        @Bean
        @Primary
        BlobStore faultyStore(DataSource dataSource) {
            return new Faulty(new LocalDirBlobStore(storeDir), dataSource);
        }
    }

    private record Faulty(BlobStore store, DataSource dataSource) implements BlobStore {

        private void note(String call, String key) {
            if (key.startsWith("backups/") && TransactionSynchronizationManager.hasResource(dataSource)) {
                callsHoldingAConnection.add(call + " " + key);
            }
        }

        @Override
        public BlobUpload create(String key) {
            note("create", key);
            return store.create(key);
        }

        @Override
        public InputStream open(String key) {
            note("open", key);
            return store.open(key);
        }

        @Override
        public Optional<BlobInfo> stat(String key) {
            note("stat", key);
            return store.stat(key);
        }

        @Override
        public List<BlobInfo> list(String prefix) {
            note("list", prefix);
            return store.list(prefix);
        }

        @Override
        public void delete(String key) {
            note("delete", key);
            if (failingDeletes.contains(key)) {
                throw new BlobStoreException("cannot delete '" + key + "' in " + describe() + ": refused by the test");
            }
            store.delete(key);
        }

        @Override
        public String describe() {
            return store.describe();
        }
    }

    @Autowired
    RetentionRecords retentionRecords;

    private void putAged(String key) throws Exception {
        store.put(key, new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)));
        Files.setLastModifiedTime(storeDir.resolve(key), FileTime.from(Instant.now().minus(Duration.ofDays(3))));
    }

    private List<String> recordedIds(JobExecution execution) {
        return retentionRecords.ofInstance(execution.getJobInstanceId()).stream().map(RetentionRecords.Deletion::id)
                .toList();
    }

    @Test
    void aFailedDeletionKeepsTheRecordsOfTheDeletionsBeforeItAndTheRestartFinishesIt() throws Exception {
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/contract.txt"), "signed\n");
        putAged("backups/" + FIRST_INCOMPLETE + "/archive.tar.zst");
        putAged("backups/" + SECOND_INCOMPLETE + "/archive.tar.zst");
        failingDeletes.add(FAILING_KEY);

        JobExecution failed = run(DAY);

        assertThat(failedStep(failed).getStepName()).isEqualTo("backupRetentionStep");
        assertThat(failed.getAllFailureExceptions()).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains(FAILING_KEY));
        assertThat(store.list("backups/" + FIRST_INCOMPLETE + "/")).as("deleted before the failure").isEmpty();
        assertThat(recordedIds(failed)).as("committed before each deletion, kept when a later one failed")
                .containsExactly(FIRST_INCOMPLETE, SECOND_INCOMPLETE);

        failingDeletes.clear();
        JobExecution restarted = completed(jobOperator.restart(failed));

        assertThat(store.list("backups/" + SECOND_INCOMPLETE + "/")).isEmpty();
        assertThat(recordedIds(restarted)).containsExactly(FIRST_INCOMPLETE, SECOND_INCOMPLETE);
        assertThat(Files.readAllLines(dir.resolve("out/backup/" + DAY + "/retention.csv"))).containsExactly(
                "id,day,reason", FIRST_INCOMPLETE + ",2033-03-01,incomplete",
                SECOND_INCOMPLETE + ",2033-03-02,incomplete");
        assertThat(values(DAY)).containsEntry("retention_deleted", 2.0).containsEntry("verified", 1.0);
        assertThat(callsHoldingAConnection).as("store calls of the backup made while holding a database connection")
                .isEmpty();
    }
}
