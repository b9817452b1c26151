package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.util.unit.DataSize;

import dev.custos.common.store.BlobStore;
import dev.custos.common.store.BlobStoreException;
import dev.custos.common.store.BlobUpload;
import dev.custos.common.store.LocalDirBlobStore;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.archive.BackupSourceException;
import dev.custos.jobs.backup.archive.Classification;
import dev.custos.jobs.backup.store.StoreRetry;
import dev.custos.jobs.backup.source.BackupSource;

/**
 * A source that cannot be read fails the backup once, naming the source and the file: it is no
 * store failure, so the archive is not written again and again; not even when the store then fails
 * to abort the upload as well (its failure comes along as suppressed).
 *
 * <p>The file is made unreadable by removing it after the directory was listed, before it is
 * read: {@code chmod 000} does not stop root, which the tests may run as. The store removes it
 * when the archive's first bytes reach it; the first file ({@value #LARGE_MB} MB, incompressible)
 * cannot have been handed on whole by then, since at most about 10 MB wait between reading and
 * compressing, so the second file is still unread.
 */
class BackupSourceFailureTest {

    private static final int LARGE_MB = 32;

    @TempDir
    Path dir;

    @Test
    void aFileRemovedBeforeItIsReadFailsTheBackupOnceNamingTheSourceAndTheFile() throws IOException {
        Path contract = documents();
        BlobStore real = new LocalDirBlobStore(dir.resolve("store"));
        RemovingStore store = new RemovingStore(real, contract, false);

        assertThatThrownBy(() -> backUp(store))
                .isInstanceOf(BackupSourceException.class)
                .isNotInstanceOf(BlobStoreException.class)
                .hasMessageContaining("backup source 'documents'")
                .hasMessageContaining(contract.toString())
                .hasMessageContaining("removed while the backup ran");
        assertThat(store.uploads).as("archive uploads begun: one, not retried").hasValue(1);
        assertThat(real.list("")).as("the aborted upload left nothing").isEmpty();
    }

    /** The store became unreachable too: its abort fails, which must not replace the source's failure. */
    @ParameterizedTest
    @EnumSource(BackupStores.class)
    void aSourceFailureStaysTheRunsFailureWhenAbortingTheUploadFailsToo(BackupStores kind) throws IOException {
        Path contract = documents();
        BlobStore real = kind.create(dir, "abort-fails");
        RemovingStore store = new RemovingStore(real, contract, true);

        assertThatThrownBy(() -> backUp(store))
                .isInstanceOf(BackupSourceException.class)
                .isNotInstanceOf(BlobStoreException.class)
                .hasMessageContaining("backup source 'documents'")
                .hasMessageContaining(contract.toString())
                .satisfies(failure -> assertThat(failure.getSuppressed()).singleElement()
                        .isInstanceOf(BlobStoreException.class)
                        .extracting(Throwable::getMessage).asString().contains("store is unreachable"));
        assertThat(store.uploads).as("archive uploads begun: one, not retried").hasValue(1);
        assertThat(real.list("")).as("the real store's upload was discarded before the abort failed").isEmpty();
    }

    /** The documents: a large file read first, then the contract, which is returned. */
    private Path documents() throws IOException {
        Path documents = BackupFixture.mkdirs(dir.resolve("documents"));
        writeRandom(documents.resolve("a-scan.bin"), LARGE_MB);
        return Files.writeString(documents.resolve("b-contract.txt"), "signed\n");
    }

    private BackupManifest backUp(BlobStore store) {
        BackupWriter writer = new BackupWriter(store, BackupSettings.properties(DataSize.ofMegabytes(1),
                BackupSettings.directory("documents", Classification.INTERNAL, dir.resolve("documents"))), null,
                Clock.systemUTC());
        StoreRetry retry = new StoreRetry(3, Duration.ofMillis(1));
        return retry.call("writing the archive", () -> writer.write(LocalDate.of(2026, 11, 24), 7, dir,
                Optional.empty()));
    }

    private static void writeRandom(Path file, int megabytes) throws IOException {
        Random random = new Random(7);
        byte[] block = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < megabytes; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
    }

    /**
     * Removes {@code file} when the first bytes of an upload arrive; counts the uploads begun. With
     * {@code abortFails}, discards an upload in the real store but then fails, as an unreachable
     * store's abort does.
     */
    private static final class RemovingStore extends ForwardingStore {

        private final Path file;
        private final boolean abortFails;
        final AtomicInteger uploads = new AtomicInteger();

        RemovingStore(BlobStore store, Path file, boolean abortFails) {
            super(store);
            this.file = file;
            this.abortFails = abortFails;
        }

        @Override
        public BlobUpload create(String key) {
            uploads.incrementAndGet();
            BlobUpload upload = super.create(key);
            return new BlobUpload(key) {

                @Override
                public void write(int b) {
                    removeFile();
                    upload.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    removeFile();
                    upload.write(bytes, offset, length);
                }

                @Override
                protected void commit() {
                    upload.close();
                }

                @Override
                protected void discard() {
                    upload.abort();
                    if (abortFails) {
                        throw new BlobStoreException("abort of the upload of '" + key + "' failed: the store is"
                                + " unreachable");
                    }
                }
            };
        }

        private void removeFile() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
