package dev.custos.jobs.backup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;

import dev.custos.common.CustosException;
import dev.custos.common.job.RunParameters;
import dev.custos.common.store.BlobNotFoundException;
import dev.custos.common.store.BlobStore;

/**
 * The work of the backup job's three own steps. Each step finds what the earlier ones did in the
 * {@code backup_object} row of the job instance, so a restart resumes at the failed step: a
 * finished upload is never redone, and verification re-reads what is already stored.
 */
final class BackupTasks {

    private static final Logger log = LoggerFactory.getLogger(BackupTasks.class);

    private final BackupWriter writer;
    private final BackupObjects objects;
    private final BlobStore store;
    private final BackupProperties properties;

    BackupTasks(BackupWriter writer, BackupObjects objects, BlobStore store, BackupProperties properties) {
        this.writer = writer;
        this.objects = objects;
        this.store = store;
        this.properties = properties;
    }

    /** Writes the archive of the run's day from every source and records it (manifest not yet stored). */
    void writeArchive(JobExecution execution) {
        RunParameters parameters = RunParameters.from(execution.getJobParameters());
        Optional<BackupKey> key = BackupKey.configured(properties);
        long started = System.nanoTime();
        BackupManifest manifest = writer.write(parameters.period().start(), execution.getId(), parameters.inbox(), key);
        objects.insert(execution.getJobInstanceId(), manifest, elapsedMillis(started));
        log.info("backup {}: archive {} stored in {} ({} entries, {} rows, {} bytes in, {} bytes stored, {})",
                manifest.id(), manifest.archive().key(), store.describe(), manifest.totals().entries(),
                manifest.totals().rows(), manifest.totals().bytesIn(), manifest.archive().size(),
                key.map(k -> "encrypted with key " + k.primaryKeyId()).orElse("not encrypted"));
    }

    /** Stores the manifest, last: from now on the backup exists. */
    void writeManifest(long jobInstanceId) {
        BackupObjects.Row row = recorded(jobInstanceId);
        store.put(row.manifestKey(), new ByteArrayInputStream(row.manifestJson()));
        objects.markManifestWritten(jobInstanceId, row.backupId());
        log.info("backup {}: manifest {} stored", row.backupId(), row.manifestKey());
    }

    /**
     * Re-reads the stored manifest and archive in full and checks them against what this run wrote;
     * fails the step, naming the bad object, on any difference.
     */
    void verify(long jobInstanceId) {
        BackupObjects.Row row = recorded(jobInstanceId);
        long started = System.nanoTime();
        byte[] stored = storedManifest(row);
        if (!Arrays.equals(stored, row.manifestJson())) {
            throw new BackupVerificationException(row.manifestKey(), null, "differs from the manifest this run"
                    + " wrote (replaced or damaged in the store)");
        }
        BackupManifest manifest = BackupManifest.fromJson(new String(stored, StandardCharsets.UTF_8));
        VerificationResult result = new BackupVerifier(new BackupCatalog(store), BackupKey.configured(properties))
                .verify(manifest);
        if (!result.verified()) {
            throw new CustosException(result.message());
        }
        objects.markVerified(jobInstanceId, row.backupId(), elapsedMillis(started));
        log.info(result.message());
    }

    private BackupObjects.Row recorded(long jobInstanceId) {
        return objects.ofInstance(jobInstanceId).orElseThrow(() -> new CustosException(
                "no backup archive is recorded for job instance " + jobInstanceId + " in the results schema"));
    }

    private byte[] storedManifest(BackupObjects.Row row) {
        try (InputStream in = store.open(row.manifestKey())) {
            return in.readAllBytes();
        } catch (BlobNotFoundException e) {
            throw new BackupVerificationException(row.manifestKey(), null, "missing from " + store.describe());
        } catch (IOException e) {
            throw new BackupVerificationException(row.manifestKey(), null, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
