package dev.custos.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path tempDir;

    private Path root;
    private LocalDirBlobStore store;

    @BeforeEach
    void createStore() {
        root = tempDir.resolve("store");
        store = new LocalDirBlobStore(root);
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Override
    protected void assertNothingPendingUnder(String prefix) {
        assertThat(filesUnder(root.resolve(prefix)))
                .noneMatch(file -> file.getFileName().toString().endsWith(".uploading"));
    }

    @Override
    protected Optional<String> secret() {
        return Optional.empty();
    }

    @Override
    protected List<String> expectedInDescription() {
        return List.of("dir", root.toString());
    }

    @Test
    void objectsAreFilesUnderTheRoot() throws IOException {
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);

        store.put("reports/backup/2026-11-24/summary.json", new ByteArrayInputStream(json));

        assertThat(root.resolve("reports/backup/2026-11-24/summary.json")).hasContent("{}");
    }

    @Test
    void directoryIsCreatedOnFirstWrite() {
        assertThat(store.list("")).isEmpty();
        assertThat(root).doesNotExist();

        store.put("a.txt", new ByteArrayInputStream(new byte[1]));

        assertThat(root).isDirectory();
    }

    @Test
    void uploadInProgressIsAHiddenFileBesideItsTarget() {
        BlobUpload upload = store.create(key("backup.tar"));
        upload.write(new byte[100_000]);

        List<Path> files = filesUnder(root.resolve(keyPrefix()));
        assertThat(files).singleElement().satisfies(temp -> {
            assertThat(temp.getParent()).isEqualTo(root.resolve(keyPrefix()).normalize());
            assertThat(temp.getFileName().toString()).startsWith(".backup.tar.").endsWith(".uploading");
        });
        assertThat(root.resolve(key("backup.tar"))).doesNotExist();

        upload.close();

        assertThat(filesUnder(root.resolve(keyPrefix()))).containsExactly(root.resolve(key("backup.tar")));
    }

    @Test
    void namesOfUploadsInProgressAreReservedKeys() {
        assertThatThrownBy(() -> store.create(key(".backup.tar.1234.uploading")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved");
    }

    @Test
    void keyNamingADirectoryIsNoObject() {
        store.put(key("dir/a.txt"), new ByteArrayInputStream(new byte[1]));

        assertThat(store.stat(key("dir"))).isEmpty();
        assertThatThrownBy(() -> store.open(key("dir"))).isInstanceOf(BlobNotFoundException.class);
        store.delete(key("dir"));
        assertThat(store.stat(key("dir/a.txt"))).isPresent();
    }

    private static List<Path> filesUnder(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
