package dev.custos.jobs.backup.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.custos.common.store.BlobInfo;
import dev.custos.common.store.BlobStore;
import dev.custos.common.store.PendingUploads;
import dev.custos.jobs.backup.archive.BackupCatalog;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.store.StoreRetry;

/**
 * The retention step: applies the {@link RetentionRule} to the backups in the store, once this
 * run's backup is verified. Each deletion is recorded in {@code backup_retention} first, in a
 * transaction of its own committed before anything is deleted (so the record stays when a later
 * deletion fails), then the manifest is deleted (from then on it is no backup), then the rest of
 * its objects. Also deletes
 * incomplete backups (objects without manifest) and aborts multipart uploads left behind, once
 * they are older than {@link RetentionRule#INCOMPLETE_AFTER}.
 *
 * <p>Backups with a manifest but no row in {@code backup_object} (written by another installation,
 * or before the results schema was reset) are never deleted: whether they were verified is unknown.
 */
public final class BackupRetention {

    private static final Logger log = LoggerFactory.getLogger(BackupRetention.class);

    private final BlobStore store;
    private final StoreRetry retry;
    private final RetentionRule rule;
    private final RetentionRecords records;
    private final Clock clock;

    public BackupRetention(BlobStore store, StoreRetry retry, RetentionRule rule, RetentionRecords records,
                           Clock clock) {
        this.store = store;
        this.retry = retry;
        this.rule = rule;
        this.records = records;
        this.clock = clock;
    }

    /**
     * Applies the rule for the run of {@code runDay}; the backup the run has just verified is never
     * deleted by its own run, though a backfilled day's may be older than the windows (the next
     * run's retention may delete it).
     */
    public void apply(long jobInstanceId, LocalDate runDay) {
        Optional<String> ownBackup = records.backupOf(jobInstanceId);
        BackupCatalog catalog = new BackupCatalog(store);
        Map<String, Boolean> verified = records.verifiedById();
        List<RetentionRule.Candidate> candidates = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        BackupCatalog.Listing listing = retry.call("retention: list the backups in " + store.describe(),
                catalog::list);
        for (String id : listing.ids()) {
            Optional<RetentionRule.Candidate> candidate = verified.containsKey(id)
                    ? RetentionRule.parseId(id, verified.get(id)) : Optional.empty();
            candidate.ifPresentOrElse(candidates::add, () -> unknown.add(id));
        }
        if (!unknown.isEmpty()) {
            log.info("retention keeps {} backup(s) the results schema has no record of: {}", unknown.size(), unknown);
        }
        int deleted = 0;
        for (RetentionRule.Decision decision : rule.decide(candidates, runDay)) {
            if (!decision.keep() && ownBackup.filter(decision.backup().id()::equals).isPresent()) {
                log.info("retention keeps backup {}, which this run has just verified, though it is {}",
                        decision.backup().id(), decision.reason().code());
            } else if (!decision.keep()) {
                delete(jobInstanceId, decision.backup().id(), decision.backup().day(), decision.reason());
                deleted++;
            }
        }
        Instant now = clock.instant();
        for (String id : listing.incomplete()) {
            List<BlobInfo> objects = objectsOf(id);
            Instant lastWritten = objects.stream().map(BlobInfo::lastModified).max(Comparator.naturalOrder())
                    .orElse(Instant.EPOCH);
            boolean recordedWhole = verified.containsKey(id); // its archive step completed; a restart writes the manifest
            if (recordedWhole ? rule.recordedArchiveExpired(lastWritten, now)
                    : rule.incompleteExpired(lastWritten, now)) {
                delete(jobInstanceId, id, RetentionRule.parseId(id, false).map(RetentionRule.Candidate::day)
                        .orElse(null), RetentionRule.Reason.INCOMPLETE);
                deleted++;
            }
        }
        for (PendingUploads.Upload upload : retry.call("retention: list the pending uploads in " + store.describe(),
                () -> PendingUploads.list(store, BackupManifest.PREFIX))) {
            if (rule.incompleteExpired(upload.initiated(), now)) {
                retry.run("retention: abort the upload of '" + upload.key() + "'",
                        () -> PendingUploads.abort(store, upload));
                log.info("retention aborted the multipart upload of '{}' begun {}", upload.key(), upload.initiated());
            }
        }
        log.info("retention ({} daily, {} monthly, {} yearly) deleted {} backup(s) from {}", rule.daily(),
                rule.monthly(), rule.yearly(), deleted, store.describe());
    }

    private void delete(long jobInstanceId, String id, LocalDate day, RetentionRule.Reason reason) {
        records.recordDeletion(jobInstanceId, id, day, reason, clock.instant());
        String manifestKey = BackupManifest.manifestKey(id);
        retry.run("retention: delete '" + manifestKey + "'", () -> store.delete(manifestKey));
        for (BlobInfo object : objectsOf(id)) {
            retry.run("retention: delete '" + object.key() + "'", () -> store.delete(object.key()));
        }
        log.info("retention deleted backup {} ({})", id, reason.code());
    }

    private List<BlobInfo> objectsOf(String id) {
        String prefix = BackupManifest.PREFIX + id + "/";
        return retry.call("retention: list '" + prefix + "'", () -> store.list(prefix));
    }
}
