package dev.custos.jobs.backup.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.custos.common.store.BlobStoreException;

/** The two-thread streams of the archive: bytes pass unchanged and in order, failures cross the threads as thrown. */
class ArchiveStreamThreadsTest {

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    @Test
    void handoffDeliversEveryByteInOrderByClose() throws IOException {
        byte[] data = randomBytes(100_000);
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        HandoffOutputStream handoff = new HandoffOutputStream(target, 4096, 2, "test-handoff");

        int offset = 0;
        for (int length = 1; offset < data.length; length = length * 3 % 9973 + 1) {
            int n = Math.min(length, data.length - offset);
            if (n == 1) {
                handoff.write(data[offset]);
            } else {
                handoff.write(data, offset, n);
            }
            offset += n;
        }
        handoff.close();

        assertThat(target.toByteArray()).isEqualTo(data);
    }

    @Test
    void aStoreFailureOfTheWorkerIsThrownToTheWriterAsItWas() {
        BlobStoreException failure = new BlobStoreException("store unreachable");
        OutputStream failingTarget = new OutputStream() {
            @Override
            public void write(int b) {
                throw failure;
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                throw failure;
            }
        };
        HandoffOutputStream handoff = new HandoffOutputStream(failingTarget, 1024, 2, "test-handoff");

        assertThatThrownBy(() -> {
            byte[] block = new byte[1024];
            for (int i = 0; i < 1000; i++) {
                handoff.write(block);
            }
            handoff.close();
        }).isSameAs(failure);
    }

    @Test
    void cancelStopsTheWorkerWithoutWritingTheRest() throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        HandoffOutputStream handoff = new HandoffOutputStream(target, 1024, 2, "test-handoff");
        handoff.write(new byte[100]); // less than a block: still with the writer

        handoff.cancel();

        assertThat(target.size()).isZero();
    }

    @Test
    void prefetchReadsEveryByteInOrder() throws IOException {
        byte[] data = randomBytes(100_000);
        try (PrefetchInputStream in = new PrefetchInputStream(new ByteArrayInputStream(data), 4096, 2,
                "test-prefetch")) {
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            read.write(in.read());
            byte[] buffer = new byte[7000];
            for (int n = in.read(buffer, 0, 13); n >= 0; n = in.read(buffer)) {
                read.write(buffer, 0, n);
            }

            assertThat(read.toByteArray()).isEqualTo(data);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aSourceFailureIsThrownToTheReaderAfterTheBytesBeforeIt() throws IOException {
        IOException failure = new IOException("connection reset");
        InputStream failingSource = new InputStream() {
            private int left = 10_000;

            @Override
            public int read() throws IOException {
                if (left == 0) {
                    throw failure;
                }
                left--;
                return 7;
            }
        };
        try (PrefetchInputStream in = new PrefetchInputStream(failingSource, 4096, 2, "test-prefetch")) {
            byte[] buffer = new byte[100_000];
            int total = 0;
            IOException thrown = null;
            try {
                for (int n = in.read(buffer, 0, buffer.length); n >= 0; n = in.read(buffer, total, buffer.length - total)) {
                    total += n;
                }
            } catch (IOException e) {
                thrown = e;
            }

            assertThat(thrown).isSameAs(failure);
            assertThat(total).isEqualTo(10_000);
        }
    }

    @Test
    void closeBeforeTheEndStopsTheWorkerAndClosesTheSource() throws IOException {
        AtomicBoolean sourceClosed = new AtomicBoolean();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 1;
            }

            @Override
            public void close() {
                sourceClosed.set(true);
            }
        };
        PrefetchInputStream in = new PrefetchInputStream(endless, 1024, 2, "test-prefetch");
        assertThat(in.read()).isEqualTo(1);

        in.close();

        assertThat(sourceClosed).isTrue();
    }
}
