package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.custos.common.test.TestDatabase;
import dev.custos.jobs.backup.archive.BackupCatalog;

/**
 * Retention as a step of the backup job, over five daily runs across a month boundary with
 * 2 daily, 2 monthly and 1 yearly generations, in a local-directory store (whose object times a
 * test can age): expired backups and day-old incomplete ones are deleted and listed in the run's
 * {@code retention.csv} and {@code retention_deleted}; backups the results schema does not know,
 * and a fresh incomplete one, are kept.
 */
class BackupRetentionJobTest extends BackupJobTestSupport {

    private static final TestDatabase DATABASE = TestDatabase.create(BackupRetentionJobTest.class);
    private static final String OLD_INCOMPLETE = "2032-01-15.9999";
    private static final String FRESH_INCOMPLETE = "2032-01-29.9998";
    private static final String UNKNOWN = "2031-06-01.9997";
    /** An archive its run recorded whole before failing to write the manifest: it awaits a restart. */
    private static final String RECORDED_INCOMPLETE = "2032-01-14.9996";

    /** The store's directory, where a test can age objects. */
    @TempDir
    static Path storeDir;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add("custos.store.dir", storeDir::toString);
        registry.add("custos.backup.retention.daily", () -> "2");
        registry.add("custos.backup.retention.monthly", () -> "2");
        registry.add("custos.backup.retention.yearly", () -> "1");
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.drop();
    }

    private void put(String key, Instant lastModified) throws Exception {
        store.put(key, new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)));
        Files.setLastModifiedTime(storeDir.resolve(key), FileTime.from(lastModified));
    }

    private List<String> retentionCsv(String day) throws Exception {
        return Files.readAllLines(dir.resolve("out/backup/" + day + "/retention.csv"));
    }

    @Test
    void dailyRunsKeepTheGenerationsDeleteTheRestButNeverTheirOwnBackupAndListEveryDeletion() throws Exception {
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/contract.txt"), "signed\n");
        Instant now = Instant.now();
        put("backups/" + OLD_INCOMPLETE + "/archive.tar.zst", now.minus(Duration.ofDays(2)));
        put("backups/" + FRESH_INCOMPLETE + "/archive.tar.zst", now.minus(Duration.ofHours(1)));
        put("backups/" + UNKNOWN + "/archive.tar.zst", now.minus(Duration.ofDays(400)));
        put("backups/" + UNKNOWN + "/manifest.json", now.minus(Duration.ofDays(400)));
        put("backups/" + RECORDED_INCOMPLETE + "/archive.tar.zst", now.minus(Duration.ofHours(36)));
        jdbc.update(schema.sql("""
                INSERT INTO {results}.backup_object (job_instance_id, backup_id, backup_day, execution_id, archive_key,
                       manifest_key, archive_size, archive_sha256, entries, row_count, bytes_in, sources, created_at,
                       archive_ms, manifest)
                VALUES (9996, ?, DATE '2032-01-14', 9996, ?, ?, 1, ?, 1, 0, 1, 'docs', NOW(), 1, '{}')"""),
                RECORDED_INCOMPLETE, "backups/" + RECORDED_INCOMPLETE + "/archive.tar.zst",
                "backups/" + RECORDED_INCOMPLETE + "/manifest.json", "0".repeat(64));

        List<String> ids = new ArrayList<>();
        for (String day : List.of("2032-01-30", "2032-01-31", "2032-02-01", "2032-02-02", "2032-02-03")) {
            ids.add(day + "." + completed(run(day)).getId());
        }

        assertThat(retentionCsv("2032-01-30")).containsExactly("id,day,reason",
                OLD_INCOMPLETE + ",2032-01-15,incomplete");
        assertThat(values("2032-01-30")).containsEntry("retention_deleted", 1.0);
        assertThat(retentionCsv("2032-01-31")).containsExactly("id,day,reason");
        assertThat(values("2032-01-31")).containsEntry("retention_deleted", 0.0);
        // 01-30 is neither among the last 2 days nor the newest of January (01-31)
        assertThat(retentionCsv("2032-02-01")).containsExactly("id,day,reason", ids.get(0) + ",2032-01-30,expired");
        assertThat(retentionCsv("2032-02-02")).containsExactly("id,day,reason");
        // 02-01 has left the daily window, and 02-03 is now February's newest
        assertThat(retentionCsv("2032-02-03")).containsExactly("id,day,reason", ids.get(2) + ",2032-02-01,expired");
        assertThat(values("2032-02-03")).containsEntry("retention_deleted", 1.0);
        assertThat(new BackupCatalog(store).ids()).containsExactly(UNKNOWN, ids.get(1), ids.get(3), ids.get(4));
        assertThat(new BackupCatalog(store).incomplete()).as("the recorded archive stays for the 2-day window")
                .containsExactly(RECORDED_INCOMPLETE, FRESH_INCOMPLETE);
        assertThat(store.list("backups/" + ids.get(0) + "/")).isEmpty();
        assertThat(store.list("backups/" + OLD_INCOMPLETE + "/")).isEmpty();

        // a backfilled day, older than every window: its own run verifies it and does not delete it
        String backfilled = "2032-01-20." + completed(run("2032-01-20")).getId();

        assertThat(values("2032-01-20")).containsEntry("verified", 1.0).containsEntry("retention_deleted", 0.0);
        assertThat(retentionCsv("2032-01-20")).containsExactly("id,day,reason");
        assertThat(new BackupCatalog(store).ids()).contains(backfilled);
        String next = "2032-02-04." + completed(run("2032-02-04")).getId();
        assertThat(retentionCsv("2032-02-04")).contains(backfilled + ",2032-01-20,expired");
        assertThat(new BackupCatalog(store).ids()).doesNotContain(backfilled).contains(next);
    }
}
