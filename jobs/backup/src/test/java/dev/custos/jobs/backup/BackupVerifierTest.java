package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.custos.common.store.BlobStore;
import dev.custos.jobs.backup.archive.BackupCatalog;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.key.BackupKey;

/**
 * Verification re-reads everything stored and names the bad object: a flipped byte, a truncated
 * archive, a missing manifest, a wrong or missing key. Each case on a directory store and a bucket.
 */
class BackupVerifierTest {

    private static final BackupKey KEY = BackupKey.fromJson(BackupKey.generateKeysetJson(), "test key");

    @TempDir
    Path dir;

    private static VerificationResult verify(BlobStore store, String id, Optional<BackupKey> key) {
        return new BackupVerifier(new BackupCatalog(store), key).verify(id);
    }

    /** Verifies a backup (2026-11-24.5) whose stored archive {@code damage} changed after the backup was made. */
    private VerificationResult verifyDamaged(BackupStores kind, Optional<BackupKey> key, UnaryOperator<byte[]> damage)
            throws Exception {
        BlobStore store = kind.create(dir, "verify-damaged");
        BackupManifest manifest = BackupFixture.storedBackup(store, dir, key);
        BackupFixture.rewrite(store, manifest.archive().key(), damage);
        return verify(store, manifest.id(), key);
    }

    @ParameterizedTest
    @EnumSource(BackupStores.class)
    void anUntouchedBackupIsVerifiedByReadingEveryStoredByte(BackupStores kind) throws Exception {
        BlobStore store = kind.create(dir, "verify-ok");
        BackupManifest manifest = BackupFixture.storedBackup(store, dir, Optional.of(KEY));

        VerificationResult result = verify(store, manifest.id(), Optional.of(KEY));

        assertThat(result.verified()).as(result.message()).isTrue();
        assertThat(result.storedBytes()).isEqualTo(manifest.archive().size())
                .isEqualTo(store.stat(manifest.archive().key()).orElseThrow().size());
        assertThat(result.entries()).isEqualTo(20);
    }

    @ParameterizedTest
    @EnumSource(BackupStores.class)
    void aFlippedByteInThePlainArchiveFailsNamingTheArchive(BackupStores kind) throws Exception {
        VerificationResult result = verifyDamaged(kind, Optional.empty(),
                data -> BackupFixture.flipByte(data, data.length / 2));

        assertThat(result.verified()).isFalse();
        assertThat(result.object()).isEqualTo("backups/2026-11-24.5/archive.tar.zst");
        assertThat(result.message()).startsWith("backup 2026-11-24.5 failed verification: "
                + "backups/2026-11-24.5/archive.tar.zst");
    }

    @ParameterizedTest
    @EnumSource(BackupStores.class)
    void aFlippedByteInTheEncryptedArchiveFailsNamingTheArchive(BackupStores kind) throws Exception {
        VerificationResult result = verifyDamaged(kind, Optional.of(KEY),
                data -> BackupFixture.flipByte(data, data.length - 10));

        assertThat(result.verified()).isFalse();
        assertThat(result.object()).isEqualTo("backups/2026-11-24.5/archive.tar.zst.tink");
    }

    @ParameterizedTest
    @EnumSource(BackupStores.class)
    void aTruncatedArchiveFailsNamingTheArchive(BackupStores kind) throws Exception {
        VerificationResult result = verifyDamaged(kind, Optional.empty(),
                data -> BackupFixture.truncate(data, data.length - 100));

        assertThat(result.verified()).isFalse();
        assertThat(result.object()).isEqualTo("backups/2026-11-24.5/archive.tar.zst");
        assertThat(result.problem()).contains("truncated");
    }

    @ParameterizedTest
    @EnumSource(BackupStores.class)
    void aMissingManifestMeansNoBackup(BackupStores kind) throws Exception {
        BlobStore store = kind.create(dir, "verify-no-manifest");
        BackupManifest manifest = BackupFixture.storedBackup(store, dir, Optional.empty());
        store.delete(manifest.manifestKey());

        VerificationResult result = verify(store, manifest.id(), Optional.empty());

        assertThat(result.verified()).isFalse();
        assertThat(result.object()).isEqualTo("backups/2026-11-24.5/manifest.json");
        assertThat(new BackupCatalog(store).ids()).isEmpty();
        assertThat(new BackupCatalog(store).incomplete()).containsExactly("2026-11-24.5");
    }

    @ParameterizedTest
    @EnumSource(BackupStores.class)
    void aWrongKeyFailsNamingTheArchiveAndTheKeyItNeeds(BackupStores kind) throws Exception {
        BlobStore store = kind.create(dir, "verify-wrong-key");
        BackupManifest manifest = BackupFixture.storedBackup(store, dir, Optional.of(KEY));
        BackupKey other = BackupKey.fromJson(BackupKey.generateKeysetJson(), "other key");

        VerificationResult wrong = verify(store, manifest.id(), Optional.of(other));
        VerificationResult none = verify(store, manifest.id(), Optional.empty());

        assertThat(wrong.verified()).isFalse();
        assertThat(wrong.object()).isEqualTo(manifest.archive().key());
        assertThat(wrong.problem()).contains("encrypted with key " + KEY.primaryKeyId())
                .contains("does not hold");
        assertThat(none.verified()).isFalse();
        assertThat(none.problem()).contains("no key is configured");
    }

    @ParameterizedTest
    @EnumSource(BackupStores.class)
    void anEntryMissingFromTheManifestFailsNamingTheEntry(BackupStores kind) throws Exception {
        BlobStore store = kind.create(dir, "verify-entry");
        BackupManifest manifest = BackupFixture.storedBackup(store, dir, Optional.empty());
        BackupManifest lacking = new BackupManifest(manifest.id(), manifest.day(), manifest.executionId(),
                manifest.createdAt(), manifest.archive(), manifest.sources(),
                manifest.entries().subList(0, manifest.entries().size() - 1), manifest.skipped(), manifest.totals());

        VerificationResult result = new BackupVerifier(new BackupCatalog(store), Optional.empty()).verify(lacking);

        assertThat(result.verified()).isFalse();
        assertThat(result.entry()).isEqualTo("files/docs/file-9.bin");
        assertThat(result.problem()).isEqualTo("is in the archive but not in the manifest");
    }
}
