package dev.custos.common.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A blob store in a local directory: the object {@code a/b.csv} is the file {@code ROOT/a/b.csv}.
 * The embedded default, for first-time users and the demo; no server needed.
 *
 * <p>An upload is written to a hidden temporary file beside its target
 * ({@code .b.csv.<random>.uploading}), forced to disk, then renamed over the target in one atomic
 * step, so a reader sees the old object or the complete new one, never a partial one. Listings
 * skip those temporary files, and keys whose last segment looks like one are rejected.
 * The directory is created on the first write.
 */
public final class LocalDirBlobStore implements BlobStore {

    private static final String UPLOADING_SUFFIX = ".uploading";
    private static final int WRITE_BUFFER_SIZE = 64 * 1024;

    private final Path root;

    public LocalDirBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public BlobUpload create(String key) {
        Path target = pathOf(key);
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + UPLOADING_SUFFIX);
        try {
            Files.createDirectories(target.getParent());
            FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new LocalDirUpload(key, target, temp, channel);
        } catch (IOException e) {
            throw failure("cannot start writing '" + key + "'", e);
        }
    }

    @Override
    public InputStream open(String key) {
        Path path = pathOf(key);
        try {
            if (Files.isDirectory(path)) {
                throw notFound(key);
            }
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw notFound(key);
        } catch (IOException e) {
            throw failure("cannot read '" + key + "'", e);
        }
    }

    @Override
    public Optional<BlobInfo> stat(String key) {
        Path path = pathOf(key);
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.isRegularFile() ? Optional.of(infoOf(key, attributes)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("cannot stat '" + key + "'", e);
        }
    }

    @Override
    public List<BlobInfo> list(String prefix) {
        BlobKeys.requireValidPrefix(prefix);
        String dirPrefix = prefix.substring(0, prefix.lastIndexOf('/') + 1);
        Path start = root.resolve(dirPrefix);
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<BlobInfo> found = new ArrayList<>();
        try {
            Path walked = start.toRealPath(); // the store may sit behind a symbolic link
            Files.walkFileTree(walked, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String key = dirPrefix + toKey(walked.relativize(file));
                    if (attributes.isRegularFile() && key.startsWith(prefix) && !isUploadInProgress(file)) {
                        found.add(infoOf(key, attributes));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // deleted while we walked
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw failure("cannot list '" + prefix + "'", e);
        }
        found.sort(Comparator.comparing(BlobInfo::key));
        return found;
    }

    @Override
    public void delete(String key) {
        Path path = pathOf(key);
        try {
            if (!Files.isDirectory(path)) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw failure("cannot delete '" + key + "'", e);
        }
    }

    @Override
    public String describe() {
        return "dir " + root;
    }

    private Path pathOf(String key) {
        BlobKeys.requireValidKey(key);
        Path path = root.resolve(key);
        if (isUploadInProgress(path)) {
            throw new IllegalArgumentException("blob key '" + key + "' is reserved: names like '.NAME.ID"
                    + UPLOADING_SUFFIX + "' mark uploads in progress in " + describe());
        }
        return path;
    }

    private static boolean isUploadInProgress(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(UPLOADING_SUFFIX);
    }

    private static String toKey(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    private static BlobInfo infoOf(String key, BasicFileAttributes attributes) {
        return new BlobInfo(key, attributes.size(), attributes.lastModifiedTime().toInstant());
    }

    private BlobNotFoundException notFound(String key) {
        return new BlobNotFoundException("no object '" + key + "' in " + describe());
    }

    private BlobStoreException failure(String what, IOException e) {
        return new BlobStoreException(what + " in " + describe() + ": " + e, e);
    }

    /** Writes to the temporary file; commit forces it to disk and renames it over the target. */
    private final class LocalDirUpload extends BlobUpload {

        private final Path target;
        private final Path temp;
        private final FileChannel channel;
        private final OutputStream out;

        LocalDirUpload(String key, Path target, Path temp, FileChannel channel) {
            super(key);
            this.target = target;
            this.temp = temp;
            this.channel = channel;
            this.out = new BufferedOutputStream(Channels.newOutputStream(channel), WRITE_BUFFER_SIZE);
        }

        @Override
        public void write(int b) {
            ensureOpen();
            try {
                out.write(b);
            } catch (IOException e) {
                throw abortAfter(failure("cannot write '" + key() + "'", e));
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            ensureOpen();
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw abortAfter(failure("cannot write '" + key() + "'", e));
            }
        }

        @Override
        protected void commit() {
            try {
                out.flush();
                channel.force(true);
                channel.close();
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw failure("cannot commit '" + key() + "'", e);
            }
        }

        @Override
        protected void discard() {
            try {
                channel.close();
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                throw failure("cannot remove the partial upload " + temp.getFileName() + " of '" + key() + "'", e);
            }
        }
    }
}
