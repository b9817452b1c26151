package dev.custos.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link BlobStore} guarantees. Subclasses provide the store; each test keeps to keys
 * under a prefix named after it, so a subclass may share one store (one bucket) between tests.
 */
abstract class BlobStoreContract {

    static final int MIB = 1024 * 1024;
    /** More than the largest part size the tests configure (5 MiB), so uploads become multipart. */
    static final int MORE_THAN_ONE_PART = 6 * MIB;

    private String keyPrefix;

    /** The store under test. */
    protected abstract BlobStore store();

    /**
     * Asserts the store holds nothing of unfinished uploads of keys under {@code prefix}: no
     * temporary files, no incomplete multipart uploads.
     */
    protected abstract void assertNothingPendingUnder(String prefix);

    /** The secret the store was configured with, if it has one. */
    protected abstract Optional<String> secret();

    /** Texts that {@link BlobStore#describe()} must show to identify the store. */
    protected abstract List<String> expectedInDescription();

    @BeforeEach
    void nameKeysAfterTheTest(TestInfo test) {
        keyPrefix = test.getTestMethod().orElseThrow().getName() + "/";
    }

    /** A key under this test's own prefix. */
    String key(String name) {
        return keyPrefix + name;
    }

    String keyPrefix() {
        return keyPrefix;
    }

    @Test
    void putThenOpenReturnsSameBytes() throws IOException {
        byte[] content = "employee_id,course_id\nE1,SEC-101\n".getBytes(StandardCharsets.UTF_8);

        store().put(key("gaps.csv"), new ByteArrayInputStream(content));

        assertThat(read(key("gaps.csv"))).isEqualTo(content);
    }

    @Test
    void putOfFileStoresItsContent(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("summary.json");
        byte[] content = randomBytes(300_000, 1);
        Files.write(file, content);

        store().put(key("summary.json"), file);

        assertThat(read(key("summary.json"))).isEqualTo(content);
    }

    @Test
    void putOfMissingFileNamesTheFileAndStoresNothing(@TempDir Path dir) {
        Path missing = dir.resolve("missing.csv");

        assertThatThrownBy(() -> store().put(key("missing.csv"), missing))
                .isInstanceOf(BlobStoreException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining(key("missing.csv"));
        assertThat(store().stat(key("missing.csv"))).isEmpty();
    }

    @Test
    void emptyObjectIsStored() throws IOException {
        store().put(key("empty"), InputStream.nullInputStream());

        assertThat(store().stat(key("empty"))).map(BlobInfo::size).contains(0L);
        assertThat(read(key("empty"))).isEmpty();
    }

    @Test
    void streamOfUnknownLengthLargerThanOnePartIsStoredWhole() throws IOException {
        byte[] content = randomBytes(12 * MIB, 2);

        store().put(key("backup.tar.zst"), new TrickleInputStream(new ByteArrayInputStream(content)));

        assertThat(store().stat(key("backup.tar.zst"))).map(BlobInfo::size).contains((long) content.length);
        assertThat(sha256Of(key("backup.tar.zst"))).isEqualTo(sha256(content));
        assertNothingPendingUnder(keyPrefix());
    }

    @Test
    void uploadWrittenPieceByPieceIsStoredWhole() throws IOException {
        byte[] content = randomBytes(11 * MIB + 17, 3);
        Random pieceSizes = new Random(4);

        BlobUpload upload = store().create(key("backup.tar"));
        int written = 0;
        while (written < content.length) {
            if (pieceSizes.nextInt(10) == 0) {
                upload.write(content[written++]);
            } else {
                int piece = Math.min(content.length - written, 1 + pieceSizes.nextInt(200_000));
                upload.write(content, written, piece);
                written += piece;
            }
        }
        upload.close();

        assertThat(sha256Of(key("backup.tar"))).isEqualTo(sha256(content));
    }

    @Test
    void uploadIsInvisibleUntilClosed() {
        BlobUpload upload = store().create(key("manifest.json"));
        upload.write(randomBytes(MORE_THAN_ONE_PART, 5));

        assertThat(store().stat(key("manifest.json"))).isEmpty();
        assertThat(store().list(keyPrefix())).isEmpty();
        assertThatThrownBy(() -> store().open(key("manifest.json"))).isInstanceOf(BlobNotFoundException.class);

        upload.close();

        assertThat(store().stat(key("manifest.json"))).map(BlobInfo::size).contains((long) MORE_THAN_ONE_PART);
    }

    @Test
    void abortedUploadLeavesNoObject() {
        BlobUpload upload = store().create(key("backup.tar"));
        upload.write(randomBytes(MORE_THAN_ONE_PART, 6));

        upload.abort();

        assertThat(store().stat(key("backup.tar"))).isEmpty();
        assertThat(store().list(keyPrefix())).isEmpty();
        assertNothingPendingUnder(keyPrefix());
    }

    @Test
    void abortedReplacementKeepsThePreviousObject() throws IOException {
        byte[] previous = randomBytes(1000, 7);
        store().put(key("report.md"), new ByteArrayInputStream(previous));

        BlobUpload upload = store().create(key("report.md"));
        upload.write(randomBytes(MORE_THAN_ONE_PART, 8));
        upload.abort();

        assertThat(read(key("report.md"))).isEqualTo(previous);
        assertNothingPendingUnder(keyPrefix());
    }

    @Test
    void failingSourceAbortsTheUploadAndNamesTheKey() {
        InputStream breaksAfterSevenMib = new FailingInputStream(randomBytes(7 * MIB, 9), "source disk went away");

        assertThatThrownBy(() -> store().put(key("backup.tar"), breaksAfterSevenMib))
                .isInstanceOf(BlobStoreException.class)
                .hasMessageContaining(key("backup.tar"))
                .hasMessageContaining("source disk went away");
        assertThat(store().stat(key("backup.tar"))).isEmpty();
        assertNothingPendingUnder(keyPrefix());
    }

    @Test
    void putReplacesTheObject() throws IOException {
        store().put(key("summary.json"), new ByteArrayInputStream("{\"v\":1}".getBytes(StandardCharsets.UTF_8)));
        store().put(key("summary.json"), new ByteArrayInputStream("{\"v\":2}".getBytes(StandardCharsets.UTF_8)));

        assertThat(new String(read(key("summary.json")), StandardCharsets.UTF_8)).isEqualTo("{\"v\":2}");
        assertThat(store().list(keyPrefix())).hasSize(1);
    }

    @Test
    void closeAndAbortAfterCloseKeepTheObject() {
        BlobUpload upload = store().create(key("kept.txt"));
        upload.write(new byte[] {1, 2, 3});
        upload.close();

        upload.close();
        upload.abort();

        assertThat(store().stat(key("kept.txt"))).map(BlobInfo::size).contains(3L);
        assertThatThrownBy(() -> upload.write(4)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void openMissingKeyNamesTheKey() {
        assertThatThrownBy(() -> store().open(key("nowhere.csv")))
                .isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining(key("nowhere.csv"))
                .hasMessageContaining(store().describe());
    }

    @Test
    void statGivesSizeAndTimeOfWriting() {
        Instant before = Instant.now().minus(Duration.ofSeconds(5));
        store().put(key("rows.csv"), new ByteArrayInputStream(new byte[1234]));
        Instant after = Instant.now().plus(Duration.ofSeconds(5));

        BlobInfo info = store().stat(key("rows.csv")).orElseThrow();

        assertThat(info.key()).isEqualTo(key("rows.csv"));
        assertThat(info.size()).isEqualTo(1234);
        assertThat(info.lastModified()).isBetween(before, after);
    }

    @Test
    void statOfMissingKeyIsEmpty() {
        assertThat(store().stat(key("nowhere.csv"))).isEmpty();
    }

    @Test
    void listReturnsKeysUnderPrefixSorted() {
        for (String name : List.of("b.txt", "c/d.txt", "a.txt", "c/a.txt", "ab/x.txt")) {
            store().put(key(name), new ByteArrayInputStream(name.getBytes(StandardCharsets.UTF_8)));
        }

        assertThat(store().list(keyPrefix())).extracting(BlobInfo::key).containsExactly(
                key("a.txt"), key("ab/x.txt"), key("b.txt"), key("c/a.txt"), key("c/d.txt"));
        assertThat(store().list(key("c/"))).extracting(BlobInfo::key).containsExactly(key("c/a.txt"), key("c/d.txt"));
        assertThat(store().list(key("a"))).extracting(BlobInfo::key).containsExactly(key("a.txt"), key("ab/x.txt"));
        assertThat(store().list(key("c/d"))).singleElement().satisfies(info -> {
            assertThat(info.key()).isEqualTo(key("c/d.txt"));
            assertThat(info.size()).isEqualTo("c/d.txt".length());
        });
        assertThat(store().list(key("nothing/"))).isEmpty();
    }

    @Test
    void listOfEmptyPrefixIncludesEverything() {
        store().put(key("x.txt"), new ByteArrayInputStream(new byte[1]));

        assertThat(store().list("")).extracting(BlobInfo::key).contains(key("x.txt"));
    }

    @Test
    void deleteRemovesTheObject() {
        store().put(key("old.csv"), new ByteArrayInputStream(new byte[10]));

        store().delete(key("old.csv"));

        assertThat(store().stat(key("old.csv"))).isEmpty();
        assertThat(store().list(keyPrefix())).isEmpty();
    }

    @Test
    void deleteOfMissingKeyIsNoError() {
        store().delete(key("never-written.csv"));

        assertThat(store().stat(key("never-written.csv"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "..", "../outside", "a/../../outside", "a/..", "./a", "a/./b",
            "a\\b", "..\\outside", "a//b", "a/"})
    void keysEscapingTheStoreAreRejected(String key) {
        byte[] one = {1};
        assertThatThrownBy(() -> store().put(key, new ByteArrayInputStream(one)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key.isEmpty() ? "empty" : key);
        assertThatThrownBy(() -> store().create(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().open(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().stat(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().delete(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/etc", "..", "../", "a/../", "a\\", "a//"})
    void prefixesEscapingTheStoreAreRejected(String prefix) {
        assertThatThrownBy(() -> store().list(prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(prefix);
    }

    @Test
    void describeNeverContainsTheSecret() {
        String description = store().describe();

        assertThat(description).contains(expectedInDescription());
        secret().ifPresent(secret -> assertThat(description).doesNotContain(secret));
    }

    byte[] read(String key) throws IOException {
        try (InputStream in = store().open(key)) {
            return in.readAllBytes();
        }
    }

    String sha256Of(String key) throws IOException {
        MessageDigest digest = sha256Digest();
        try (InputStream in = new DigestInputStream(store().open(key), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(sha256Digest().digest(content));
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Yields its data in small, uneven reads, like a pipe or a socket, and never tells its length. */
    static final class TrickleInputStream extends FilterInputStream {

        private final Random readSizes = new Random(11);

        TrickleInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            return super.read(bytes, offset, Math.min(length, 1 + readSizes.nextInt(70_000)));
        }

        @Override
        public int available() {
            return 0;
        }
    }

    /** Yields its data, then fails instead of ending, like a source that breaks off mid-stream. */
    static final class FailingInputStream extends InputStream {

        private final InputStream data;
        private final String failure;

        FailingInputStream(byte[] data, String failure) {
            this.data = new ByteArrayInputStream(data);
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            int b = data.read();
            if (b < 0) {
                throw new IOException(failure);
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = data.read(bytes, offset, length);
            if (n < 0) {
                throw new IOException(failure);
            }
            return n;
        }
    }
}
