package dev.custos.jobs.backup;

import java.util.Optional;

import dev.custos.jobs.backup.archive.BackupArchiveReader;
import dev.custos.jobs.backup.archive.BackupCatalog;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.archive.BackupVerificationException;
import dev.custos.jobs.backup.key.BackupKey;

/**
 * Re-reads a backup in full from the store and checks it against its manifest: the manifest
 * exists and parses, the archive has the manifest's size and SHA-256, decrypts with the key it
 * names, decompresses and unpacks, and holds exactly the manifest's entries with their sizes and
 * SHA-256. A failure of the store itself (unreachable) is thrown, not reported as a verdict.
 */
final class BackupVerifier {

    private final BackupCatalog catalog;
    private final Optional<BackupKey> key;

    BackupVerifier(BackupCatalog catalog, Optional<BackupKey> key) {
        this.catalog = catalog;
        this.key = key;
    }

    /** Verifies the backup with this id, starting from its stored manifest. */
    VerificationResult verify(String backupId) {
        return verify(backupId, Optional.empty());
    }

    /**
     * Verifies the backup with this id, starting from its stored manifest, which must equal
     * {@code recorded}, the manifest its run recorded, when there is one: so that a backup replaced
     * in the store by another, consistent in itself (a forgery), is not taken for the one the run made.
     */
    VerificationResult verify(String backupId, Optional<BackupManifest> recorded) {
        BackupManifest manifest;
        try {
            manifest = catalog.manifest(backupId).orElseThrow(() -> new BackupVerificationException(
                    BackupManifest.manifestKey(backupId), null,
                    "missing: without its manifest there is no backup " + backupId
                            + " (the run that wrote it did not finish)"));
            requireAsRecorded(manifest, recorded);
        } catch (BackupVerificationException e) {
            return VerificationResult.failed(backupId, e);
        }
        return verify(manifest);
    }

    /**
     * Throws when {@code stored}, a manifest read from the store, is not the one its run recorded
     * ({@code recorded}; nothing to compare with when empty).
     *
     * @throws BackupVerificationException naming the manifest object
     */
    static void requireAsRecorded(BackupManifest stored, Optional<BackupManifest> recorded) {
        if (recorded.isPresent() && !recorded.get().equals(stored)) {
            throw new BackupVerificationException(stored.manifestKey(), null, "differs from the manifest its run"
                    + " recorded in the results schema (replaced or damaged in the store)");
        }
    }

    /** Verifies the stored archive against {@code manifest}. */
    VerificationResult verify(BackupManifest manifest) {
        try (BackupArchiveReader reader = BackupArchiveReader.open(catalog.store(), manifest, key)) {
            return VerificationResult.verified(manifest.id(), manifest.archive().key(), reader.finish());
        } catch (BackupVerificationException e) {
            return VerificationResult.failed(manifest.id(), e);
        }
    }
}
