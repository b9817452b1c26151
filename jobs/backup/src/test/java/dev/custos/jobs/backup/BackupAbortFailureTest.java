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

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.util.unit.DataSize;

import dev.custos.common.store.BlobStore;
import dev.custos.common.store.BlobStoreException;
import dev.custos.common.store.BlobUpload;

/**
 * When a source cannot be read and the store then fails to abort the upload too (it became
 * unreachable), the source's failure is still the one the run ends with: it names the file, and
 * it is not retried as a store failure. The abort's failure comes along as suppressed.
 *
 * <p>The file is made unreadable as in {@link BackupSourceFailureTest}: removed when the archive's
 * first bytes reach the store, while the large first file is still being read.
 */
class BackupAbortFailureTest {

    private static final int LARGE_MB = 32;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(BackupStores.class)
    void aSourceFailureStaysTheRunsFailureWhenAbortingTheUploadFailsToo(BackupStores kind) throws IOException {
        Path documents = BackupFixture.mkdirs(dir.resolve("documents"));
        writeRandom(documents.resolve("a-scan.bin"), LARGE_MB);
        Path contract = Files.writeString(documents.resolve("b-contract.txt"), "signed\n");
        BlobStore real = kind.create(dir, "abort-fails");
        AbortFailingStore store = new AbortFailingStore(real, contract);
        BackupWriter writer = new BackupWriter(store, BackupSettings.properties(DataSize.ofMegabytes(1),
                BackupSettings.directory("documents", Classification.INTERNAL, documents)), null, Clock.systemUTC());
        StoreRetry retry = new StoreRetry(new BackupProperties.Retry(3, Duration.ofMillis(1)));

        assertThatThrownBy(() -> retry.call("writing the archive",
                () -> writer.write(LocalDate.of(2026, 11, 24), 7, dir, Optional.empty())))
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
     * Removes {@code file} when the first bytes of an upload arrive; discards uploads in the real
     * store but then fails, as an unreachable store's abort does. Counts the uploads begun.
     */
    private static final class AbortFailingStore extends ForwardingStore {

        private final Path file;
        final AtomicInteger uploads = new AtomicInteger();

        AbortFailingStore(BlobStore store, Path file) {
            super(store);
            this.file = file;
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
                    throw new BlobStoreException("abort of the upload of '" + key + "' failed: the store is unreachable");
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
