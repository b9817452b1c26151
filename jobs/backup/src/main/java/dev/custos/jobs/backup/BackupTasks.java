package dev.custos.jobs.backup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.transaction.support.TransactionOperations;

import dev.custos.common.CustosException;
import dev.custos.common.job.RunParameters;
import dev.custos.common.store.BlobNotFoundException;
import dev.custos.common.store.BlobStore;
import dev.custos.common.store.BlobStoreException;
import dev.custos.common.store.PendingUploads;
import dev.custos.jobs.backup.archive.BackupCatalog;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.archive.BackupVerificationException;
import dev.custos.jobs.backup.key.BackupKey;
import dev.custos.jobs.backup.store.StoreInputStream;
import dev.custos.jobs.backup.store.StoreRetry;

/**
 * The work of the backup job's three own steps. Each step finds what the earlier ones did in the
 * {@code backup_object} row of the job instance, so a restart resumes at the failed step: a
 * finished upload is never redone, and verification re-reads what is already stored.
 *
 * <p>Store failures are retried ({@link StoreRetry}). The archive stream cannot be rewound, so a
 * failed archive upload is retried whole: the failed upload is aborted, and every source is read
 * again into a new one. An upload the store could not be told to abort (it was unreachable) is
 * aborted by the next attempt, or by a restart of the run, before it uploads.
 *
 * <p>The steps hold no database connection while they talk to the store: each read or write of
 * {@code backup_object} is a short transaction of its own.
 */
final class BackupTasks {

    private static final Logger log = LoggerFactory.getLogger(BackupTasks.class);

    private final BackupWriter writer;
    private final BackupObjects objects;
    private final BlobStore store;
    private final Supplier<Optional<BackupKey>> configuredKey;
    private final StoreRetry retry;
    private final TransactionOperations results;

    BackupTasks(BackupWriter writer, BackupObjects objects, BlobStore store, Supplier<Optional<BackupKey>> configuredKey,
                StoreRetry retry, TransactionOperations results) {
        this.writer = writer;
        this.objects = objects;
        this.store = store;
        this.configuredKey = configuredKey;
        this.retry = retry;
        this.results = results;
    }

    /**
     * Writes the archive of the run's day from every source and records it (manifest not yet
     * stored). {@code instanceExecutionIds}: the executions of the run's job instance, whose
     * uploads a failed earlier execution may have left.
     */
    void writeArchive(JobExecution execution, RunParameters parameters, Collection<Long> instanceExecutionIds) {
        Optional<BackupObjects.Row> earlier = results.execute(status -> objects.ofInstance(execution.getJobInstanceId()));
        if (earlier.isPresent() && archiveStored(earlier.get())) {
            // an execution killed after recording its archive, before the step committed: the archive is whole
            log.info("backup {}: archive {} was stored and recorded by an earlier execution of this run; not written"
                    + " again", earlier.get().backupId(), earlier.get().archiveKey());
            return;
        }
        Optional<BackupKey> key = configuredKey.get();
        LocalDate day = parameters.period().start();
        String id = BackupManifest.id(day, execution.getId());
        long started = System.nanoTime();
        BackupManifest manifest;
        try {
            manifest = retry.call("backup " + id + ": writing the archive to " + store.describe(), () -> {
                abortLeftUploads(day, id, instanceExecutionIds);
                return writer.write(day, execution.getId(), parameters.inbox(), key);
            });
        } catch (BlobStoreException e) {
            throw new BlobStoreException(e.getMessage() + ". No manifest was written, so there is no backup " + id
                    + "; once the store answers, restart the run (custos restart " + execution.getId() + ")", e);
        }
        long archiveMillis = elapsedMillis(started);
        results.executeWithoutResult(status -> objects.insert(execution.getJobInstanceId(), manifest, archiveMillis));
        log.info("backup {}: archive {} stored in {} ({} entries, {} rows, {} bytes in, {} bytes stored, {})",
                manifest.id(), manifest.archive().key(), store.describe(), manifest.totals().entries(),
                manifest.totals().rows(), manifest.totals().bytesIn(), manifest.archive().size(),
                key.map(k -> "encrypted with key " + k.primaryKeyId()).orElse("not encrypted"));
    }

    /**
     * Stores the manifest, last: from now on the backup exists. Only over the archive as it was
     * recorded: one deleted meanwhile (retention removes an archive left without a manifest once
     * the daily window has passed) fails the step instead of committing a backup that cannot be read.
     */
    void writeManifest(long jobInstanceId) {
        BackupObjects.Row row = recorded(jobInstanceId);
        if (!retry.call("backup " + row.backupId() + ": checking the archive", () -> archiveStored(row))) {
            throw new CustosException("backup " + row.backupId() + ": the archive " + row.archiveKey() + " is no longer"
                    + " in " + store.describe() + " with the " + row.archiveSize() + " bytes this run stored (retention"
                    + " deletes an archive left without a manifest once the daily window has passed), so no manifest"
                    + " is written; back up the day again: custos run backup --period " + row.day() + " --rerun");
        }
        retry.run("backup " + row.backupId() + ": storing the manifest",
                () -> store.put(row.manifestKey(), new ByteArrayInputStream(row.manifestJson())));
        results.executeWithoutResult(status -> objects.markManifestWritten(jobInstanceId, row.backupId()));
        log.info("backup {}: manifest {} stored", row.backupId(), row.manifestKey());
    }

    /**
     * Re-reads the stored manifest and archive in full and checks them against what this run wrote;
     * fails the step, naming the bad object, on any difference.
     */
    void verify(long jobInstanceId) {
        BackupObjects.Row row = recorded(jobInstanceId);
        long started = System.nanoTime();
        VerificationResult result = retry.call("backup " + row.backupId() + ": verifying", () -> verifyOnce(row));
        if (!result.verified()) {
            throw new CustosException(result.message());
        }
        long verifyMillis = elapsedMillis(started);
        results.executeWithoutResult(status -> objects.markVerified(jobInstanceId, row.backupId(), verifyMillis));
        log.info(result.message());
    }

    /**
     * One reading of manifest and archive. A transfer broken off mid-read throws
     * {@code BlobStoreException} (see {@link StoreInputStream}), retried; it is never a verdict.
     */
    private VerificationResult verifyOnce(BackupObjects.Row row) {
        byte[] stored = storedManifest(row);
        if (!Arrays.equals(stored, row.manifestJson())) {
            throw new BackupVerificationException(row.manifestKey(), null, "differs from the manifest this run"
                    + " wrote (replaced or damaged in the store)");
        }
        BackupManifest manifest = BackupManifest.fromJson(new String(stored, StandardCharsets.UTF_8));
        return new BackupVerifier(new BackupCatalog(store), configuredKey.get()).verify(manifest);
    }

    /**
     * Aborts the multipart uploads that earlier attempts of this run, or failed earlier executions
     * of its job instance (restarted now), left behind when the store was unreachable: those under
     * their own ids. Never another run's: a concurrent run of the day (a rerun) may be uploading;
     * retention aborts uploads left over a day.
     */
    private void abortLeftUploads(LocalDate day, String id, Collection<Long> instanceExecutionIds) {
        Set<String> own = new HashSet<>();
        own.add(BackupManifest.PREFIX + id + "/");
        instanceExecutionIds.forEach(executionId -> own.add(BackupManifest.PREFIX
                + BackupManifest.id(day, executionId) + "/"));
        for (PendingUploads.Upload upload : PendingUploads.list(store, BackupManifest.PREFIX + day + ".")) {
            if (own.stream().anyMatch(upload.key()::startsWith)) {
                PendingUploads.abort(store, upload);
                log.warn("backup {}: aborted the multipart upload of '{}' begun {} and left behind by a failed attempt",
                        id, upload.key(), upload.initiated());
            }
        }
    }

    private boolean archiveStored(BackupObjects.Row row) {
        return store.stat(row.archiveKey()).map(info -> info.size() == row.archiveSize()).orElse(false);
    }

    private BackupObjects.Row recorded(long jobInstanceId) {
        return results.execute(status -> objects.ofInstance(jobInstanceId)).orElseThrow(() -> new CustosException(
                "no backup archive is recorded for job instance " + jobInstanceId + " in the results schema"));
    }

    private byte[] storedManifest(BackupObjects.Row row) {
        try (InputStream in = StoreInputStream.open(store, row.manifestKey())) {
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
