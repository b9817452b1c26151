package dev.custos.jobs.backup.key;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * A backup keyset on disk: readable and writable by its owner only from the moment it exists,
 * forced to the disk before it counts as written, and replaced in one rename, so that no reader
 * ever sees half a keyset, and a crash leaves the old keyset or the new one, never none.
 */
public final class KeysetFile {

    private KeysetFile() {
    }

    /**
     * Writes a new file; fails with {@link java.nio.file.FileAlreadyExistsException} when {@code file}
     * exists, and leaves nothing behind when the writing fails.
     */
    public static void create(Path file, String keysetJson) throws IOException {
        createOwnerOnly(file);
        try {
            write(file, keysetJson);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        syncDirectoryOf(file);
    }

    /**
     * Replaces the keyset {@code file} names (following a symbolic link to it) by one holding
     * {@code keysetJson}, with the same owner, group and permissions (never any for others), in one
     * rename; on a failure the keyset is unchanged and no other file is left.
     */
    public static void replace(Path file, String keysetJson) throws IOException {
        Path keyset = file.toRealPath();
        Path next = keyset.resolveSibling("." + keyset.getFileName() + ".next");
        Files.deleteIfExists(next); // left by an interrupted rotation; the keyset itself was not touched
        createOwnerOnly(next);
        try {
            write(next, keysetJson);
            keepOwnership(keyset, next);
            Files.move(next, keyset, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(next);
            throw e;
        }
        syncDirectoryOf(keyset);
    }

    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
            File plain = file.toFile();
            plain.setReadable(false, false);
            plain.setWritable(false, false);
            plain.setReadable(true, true);
            plain.setWritable(true, true);
        }
    }

    private static void write(Path file, String keysetJson) throws IOException {
        try (FileChannel channel = FileChannel.open(file, WRITE, TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(keysetJson.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
    }

    /** So that the service reading the keyset (its owner or group) still can after a rotation by another user. */
    private static void keepOwnership(Path keyset, Path next) throws IOException {
        PosixFileAttributeView existing = Files.getFileAttributeView(keyset, PosixFileAttributeView.class);
        if (existing == null) {
            return;
        }
        PosixFileAttributes attributes = existing.readAttributes();
        PosixFileAttributeView replacement = Files.getFileAttributeView(next, PosixFileAttributeView.class);
        if (!attributes.owner().equals(replacement.getOwner())) {
            replacement.setOwner(attributes.owner());
        }
        replacement.setGroup(attributes.group());
        Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        permissions.addAll(attributes.permissions());
        permissions.removeAll(EnumSet.of(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE));
        replacement.setPermissions(permissions);
    }

    /** Makes the new directory entry durable; where a directory cannot be opened, the next sync does. */
    private static void syncDirectoryOf(Path file) {
        try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), READ)) {
            directory.force(true);
        } catch (IOException e) {
            // the file itself is on disk; only its name waits for the file system's own sync
        }
    }
}
