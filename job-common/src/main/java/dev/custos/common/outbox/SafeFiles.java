package dev.custos.common.outbox;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

import dev.custos.common.CustosException;

/**
 * How every file Custos leaves for people (outbox files, reports) is written: into a new temporary
 * file in the target's folder, then renamed over the target in one step. A reader never sees half a
 * file, and no symbolic link is followed: a link planted where the file goes is replaced by the new
 * file, and its target is left as it was. The folders created below the outbox are real folders; a
 * link standing in for one is refused rather than written through.
 */
public final class SafeFiles {

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private SafeFiles() {
    }

    /** What to write into a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code text} as UTF-8 to {@code file}, atomically. */
    public static void writeAtomically(Path file, String text) {
        writeAtomically(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes {@code bytes} to {@code file}, atomically. */
    public static void writeAtomically(Path file, byte[] bytes) {
        writeAtomically(file, out -> out.write(bytes));
    }

    /**
     * Writes {@code content} to a temporary file beside {@code file} and moves it into place; on
     * failure the temporary file is removed and {@code file} is left as it was.
     */
    public static void writeAtomically(Path file, Content content) {
        Path temp = temporarySibling(file);
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                content.writeTo(out);
            }
            moveIntoPlace(temp, file);
        } catch (IOException e) {
            deleteAfterFailure(temp, e);
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteAfterFailure(temp, e);
            throw e;
        }
    }

    /**
     * A new, empty file in {@code file}'s folder, named after it and hidden ({@code .name.<random>.tmp}),
     * to be written and then handed to {@link #moveIntoPlace}. Created new, so it is never a link.
     */
    public static Path temporarySibling(Path file) {
        Path absolute = file.toAbsolutePath();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS).close();
            return temp;
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("cannot create a temporary file for " + file + ": " + temp + " exists", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Renames {@code temp} (from {@link #temporarySibling}) to {@code file}, replacing whatever is
     * there: a file, or a symbolic link (the link itself, never its target).
     */
    public static void moveIntoPlace(Path temp, Path file) throws IOException {
        if (Files.isDirectory(file, NOFOLLOW)) {
            throw new IOException(file + " is a directory");
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * {@code root/names[0]/names[1]/...}, creating the folders below {@code root} that are missing.
     * {@code root} itself is the installation's choice and may be a link; below it, a symbolic link
     * or a file where a folder should be is refused.
     *
     * @throws UnsafeOutputException when a folder below {@code root} is a symbolic link or not a folder
     */
    public static Path folder(Path root, String... names) {
        Path folder = root;
        try {
            Files.createDirectories(root);
            for (String name : names) {
                folder = folder.resolve(name);
                if (Files.isSymbolicLink(folder)) {
                    throw new UnsafeOutputException(folder + " is a symbolic link: Custos writes only into real"
                            + " folders below " + root + " and never follows a link out of them; remove the link");
                }
                if (!Files.exists(folder, NOFOLLOW)) {
                    try {
                        Files.createDirectory(folder);
                    } catch (FileAlreadyExistsException e) {
                        // created meanwhile (by a concurrent run): checked below like an existing one
                    }
                }
                if (!Files.isDirectory(folder, NOFOLLOW)) {
                    throw new UnsafeOutputException(folder + " is not a folder" + (Files.isSymbolicLink(folder)
                            ? " but a symbolic link" : "") + ": remove it so that Custos can create the folder");
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void deleteAfterFailure(Path temp, Exception failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** An output folder below the outbox is a symbolic link or not a folder. */
    public static class UnsafeOutputException extends CustosException {
        public UnsafeOutputException(String message) {
            super(message);
        }
    }
}
