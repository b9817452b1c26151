package dev.custos.jobs.backup;

import java.util.Optional;

/**
 * Re-reads a backup in full from the store and checks it against its manifest: the manifest
 * exists and parses, the archive has the manifest's size and SHA-256, decrypts with the key it
 * names, decompresses and unpacks, and holds exactly the manifest's entries with their sizes and
 * SHA-256. A failure of the store itself (unreachable) is thrown, not reported as a verdict.
 */
public final class BackupVerifier {

    private final BackupCatalog catalog;
    private final Optional<BackupKey> key;

    public BackupVerifier(BackupCatalog catalog, Optional<BackupKey> key) {
        this.catalog = catalog;
        this.key = key;
    }

    /** Verifies the backup with this id, starting from its stored manifest. */
    public VerificationResult verify(String backupId) {
        return verify(backupId, Optional.empty());
    }

    /**
     * Verifies the backup with this id, starting from its stored manifest, which must equal
     * {@code recorded}, the manifest its run recorded, when there is one: so that a backup replaced
     * in the store by another, consistent in itself (a forgery), is not taken for the one the run made.
     */
    public VerificationResult verify(String backupId, Optional<BackupManifest> recorded) {
        String manifestKey = BackupManifest.manifestKey(backupId);
        BackupManifest manifest;
        try {
            manifest = catalog.manifest(backupId).orElseThrow(() -> new BackupVerificationException(manifestKey, null,
                    "missing: without its manifest there is no backup " + backupId
                            + " (the run that wrote it did not finish)"));
            if (recorded.isPresent() && !recorded.get().equals(manifest)) {
                throw new BackupVerificationException(manifestKey, null, "differs from the manifest its run recorded in"
                        + " the results schema (replaced or damaged in the store)");
            }
        } catch (BackupVerificationException e) {
            return VerificationResult.failed(backupId, e);
        }
        return verify(manifest);
    }

    /** Verifies the stored archive against {@code manifest}. */
    public VerificationResult verify(BackupManifest manifest) {
        try (BackupArchiveReader reader = BackupArchiveReader.open(catalog.store(), manifest, key)) {
            return VerificationResult.verified(manifest.id(), manifest.archive().key(), reader.finish());
        } catch (BackupVerificationException e) {
            return VerificationResult.failed(manifest.id(), e);
        }
    }
}
