package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.custos.common.store.BlobStore;
import dev.custos.common.store.BlobStoreException;
import dev.custos.common.store.LocalDirBlobStore;
import dev.custos.jobs.backup.archive.BackupCatalog;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.key.BackupKey;
import dev.custos.jobs.backup.store.StoreRetry;

/**
 * A transfer broken off while verification reads the archive (a connection reset) is a store
 * failure, retried as the verify step retries it, never a verdict of damage: with a retry left the
 * backup is verified; with none, the store failure is what is reported.
 */
class BackupVerifyStoreFailureTest {

    private static final BackupKey KEY = BackupKey.fromJson(BackupKey.generateKeysetJson(), "test key");
    /** Where the stream breaks: at the start (the encryption header) or inside the archive. */
    private static final int BREAK_AT_START = 0;
    private static final int BREAK_INSIDE = 100_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {BREAK_AT_START, BREAK_INSIDE})
    void aTransferBrokenOffOnceIsRetriedAndTheBackupVerified(int breakAfter) throws Exception {
        for (Optional<BackupKey> key : List.of(Optional.<BackupKey>empty(), Optional.of(KEY))) {
            BreakingStore store = new BreakingStore(new LocalDirBlobStore(dir.resolve("store-" + key.isPresent())),
                    breakAfter, 1);
            BackupManifest manifest = BackupFixture.storedBackup(store, dir, key);
            StoreRetry retry = new StoreRetry(3, Duration.ofMillis(1));

            VerificationResult result = retry.call("verifying",
                    () -> new BackupVerifier(new BackupCatalog(store), key).verify(manifest));

            assertThat(result.verified()).as(result.message()).isTrue();
            assertThat(store.archiveReads).as("archive reads: the broken one and the retry").hasValue(2);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {BREAK_AT_START, BREAK_INSIDE})
    void aTransferBrokenOffEveryTimeFailsAsTheStoreNotAsDamage(int breakAfter) throws Exception {
        BreakingStore store = new BreakingStore(new LocalDirBlobStore(dir.resolve("store")), breakAfter,
                Integer.MAX_VALUE);
        BackupManifest manifest = BackupFixture.storedBackup(store, dir, Optional.of(KEY));
        StoreRetry retry = new StoreRetry(2, Duration.ofMillis(1));

        assertThatThrownBy(() -> retry.call("verifying",
                () -> new BackupVerifier(new BackupCatalog(store), Optional.of(KEY)).verify(manifest)))
                .isInstanceOf(BlobStoreException.class)
                .hasMessageContaining("verifying failed 2 time(s)")
                .hasMessageContaining("reading '" + manifest.archive().key() + "'")
                .hasMessageContaining("broke off after " + breakAfter + " bytes: Connection reset")
                .hasMessageNotContaining("damaged");
        assertThat(store.archiveReads).hasValue(2);
    }

    /** Breaks the stream of the first {@code breaks} archive reads after {@code breakAfter} bytes. */
    private static final class BreakingStore extends ForwardingStore {

        private final int breakAfter;
        private final int breaks;
        final AtomicInteger archiveReads = new AtomicInteger();

        BreakingStore(BlobStore store, int breakAfter, int breaks) {
            super(store);
            this.breakAfter = breakAfter;
            this.breaks = breaks;
        }

        @Override
        public InputStream open(String key) {
            InputStream in = super.open(key);
            if (!key.endsWith("/" + BackupManifest.MANIFEST_FILE) && archiveReads.incrementAndGet() <= breaks) {
                return new BreakingStream(in, breakAfter);
            }
            return in;
        }
    }

    private static final class BreakingStream extends FilterInputStream {

        private long left;

        BreakingStream(InputStream in, long breakAfter) {
            super(in);
            this.left = breakAfter;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (left == 0) {
                throw new IOException("Connection reset");
            }
            int n = in.read(bytes, offset, (int) Math.min(length, left));
            left -= Math.max(n, 0);
            return n;
        }
    }
}
