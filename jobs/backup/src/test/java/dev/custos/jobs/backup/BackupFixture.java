package dev.custos.jobs.backup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;

import org.springframework.util.unit.DataSize;

import dev.custos.common.store.BlobStore;
import dev.custos.jobs.backup.archive.BackupArchiveReader;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.archive.Classification;
import dev.custos.jobs.backup.key.BackupKey;

/** Reading back and damaging stored objects through the store's own interface (directory or bucket alike). */
public final class BackupFixture {

    private BackupFixture() {
    }

    public static byte[] bytes(BlobStore store, String key) {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the object by {@code change} applied to its bytes. */
    public static void rewrite(BlobStore store, String key, UnaryOperator<byte[]> change) {
        store.put(key, new ByteArrayInputStream(change.apply(bytes(store, key))));
    }

    public static byte[] flipByte(byte[] data, int index) {
        byte[] copy = data.clone();
        copy[index] ^= 0x01;
        return copy;
    }

    static byte[] truncate(byte[] data, int length) {
        return Arrays.copyOf(data, length);
    }

    /** Every entry of the archive, path to content, read (and so verified) through the reader. */
    public static Map<String, byte[]> contents(BlobStore store, BackupManifest manifest, Optional<BackupKey> key) {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        try (BackupArchiveReader reader = BackupArchiveReader.open(store, manifest, key)) {
            for (Optional<BackupArchiveReader.ArchiveEntry> e = reader.next(); e.isPresent(); e = reader.next()) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                e.get().content().transferTo(content);
                contents.put(e.get().path(), content.toByteArray());
            }
            reader.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return contents;
    }

    /** A {@code docs} folder in {@code dir}: {@code contracts/2026/c1.txt} and {@code scan.bin}. */
    public static Path documents(Path dir) throws IOException {
        Path docs = mkdirs(dir.resolve("docs"));
        Files.writeString(mkdirs(docs.resolve("contracts/2026")).resolve("c1.txt"), "contract one\n");
        Files.write(docs.resolve("scan.bin"), new byte[] {0, 1, 2, (byte) 255});
        return docs;
    }

    /**
     * A stored backup (manifest included) of a directory {@code dir/docs} of 20 incompressible
     * files of 20 KB, for day 2026-11-24, execution 5.
     */
    static BackupManifest storedBackup(BlobStore store, Path dir, Optional<BackupKey> key) throws IOException {
        Path docs = mkdirs(dir.resolve("docs"));
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            byte[] data = new byte[20_000];
            random.nextBytes(data);
            Files.write(docs.resolve("file-" + i + ".bin"), data);
        }
        BackupProperties properties = BackupSettings.properties(DataSize.ofMegabytes(1),
                BackupSettings.directory("docs", Classification.INTERNAL, docs));
        BackupManifest manifest = new BackupWriter(store, properties, null, Clock.systemUTC())
                .write(LocalDate.of(2026, 11, 24), 5, dir, key);
        store.put(manifest.manifestKey(), new ByteArrayInputStream(manifest.toJson()));
        return manifest;
    }

    public static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
