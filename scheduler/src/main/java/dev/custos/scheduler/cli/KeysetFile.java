package dev.custos.scheduler.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A backup keyset on disk: readable and writable by its owner only from the moment it exists, and
 * replaced in one step, so that no reader ever sees half a keyset or a keyset without its older keys.
 */
final class KeysetFile {

    private KeysetFile() {
    }

    /** Writes a new file; fails with {@link java.nio.file.FileAlreadyExistsException} when {@code file} exists. */
    static void create(Path file, String keysetJson) throws IOException {
        createOwnerOnly(file);
        Files.writeString(file, keysetJson);
    }

    /** Replaces {@code file} by a file holding {@code keysetJson}, atomically. */
    static void replace(Path file, String keysetJson) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path next = directory.resolve("." + file.getFileName() + ".next");
        Files.deleteIfExists(next); // left by an interrupted rotation; the keyset itself was not touched
        create(next, keysetJson);
        try {
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(next);
            throw e;
        }
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
}
