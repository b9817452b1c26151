package dev.custos.jobs.backup.restore;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where a restore may write: archive entry {@code p} lands at {@code <target>/p} and nowhere else.
 * An entry name must be relative, under {@code files/} or {@code tables/}, without {@code .},
 * {@code ..} or empty segments, backslashes or control characters. On disk no symbolic link is
 * followed: an existing directory on the way must be a real directory whose real path lies inside
 * the target, files are created new ({@code CREATE_NEW}, {@code NOFOLLOW_LINKS}) and never
 * overwritten. Everything created is remembered, so a failed restore can remove it.
 */
final class SafePaths {

    private static final Set<String> TOP_LEVEL = Set.of("files", "tables");
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final String backupId;
    private final Path root;
    private final List<Path> created = new ArrayList<>();

    private SafePaths(String backupId, Path root) {
        this.backupId = backupId;
        this.root = root;
    }

    /** The target directory, created when missing (and then removed with the rest on failure), by its real path. */
    static SafePaths under(String backupId, Path target) {
        try {
            boolean isNew = !Files.exists(target, NOFOLLOW);
            Files.createDirectories(target);
            SafePaths paths = new SafePaths(backupId, target.toRealPath());
            if (isNew) {
                paths.created.add(paths.root);
            }
            return paths;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the restore target directory " + target, e);
        }
    }

    Path root() {
        return root;
    }

    /**
     * Checks an entry before anything is written: its name, and whatever already exists on its way
     * (no symbolic link, nothing that is not a directory, no file of the same name).
     */
    void check(String entry) {
        Path path = root;
        List<String> segments = segments(entry);
        for (int i = 0; i < segments.size(); i++) {
            path = path.resolve(segments.get(i));
            boolean last = i == segments.size() - 1;
            if (Files.isSymbolicLink(path)) {
                throw refused(entry, "would pass through the symbolic link " + path + " (restore never follows links)");
            }
            if (!Files.exists(path, NOFOLLOW)) {
                return;
            }
            if (last) {
                throw refused(entry, "would overwrite the existing " + path + " (restore into an empty directory)");
            }
            if (!Files.isDirectory(path, NOFOLLOW)) {
                throw refused(entry, "needs a directory where " + path + " is a file");
            }
            insideRoot(entry, path);
        }
    }

    /** Creates the entry's directories and the file itself, new, following no link. */
    OutputStream create(String entry) throws IOException {
        List<String> segments = segments(entry);
        Path path = root;
        for (String segment : segments.subList(0, segments.size() - 1)) {
            path = path.resolve(segment);
            if (Files.isSymbolicLink(path)) {
                throw refused(entry, "would pass through the symbolic link " + path + " (restore never follows links)");
            }
            if (!Files.exists(path, NOFOLLOW)) {
                Files.createDirectory(path);
                created.add(path);
            } else if (!Files.isDirectory(path, NOFOLLOW)) {
                throw refused(entry, "needs a directory where " + path + " is a file");
            }
            insideRoot(entry, path);
        }
        Path file = path.resolve(segments.get(segments.size() - 1));
        try {
            OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            created.add(file);
            return out;
        } catch (FileAlreadyExistsException e) {
            throw refused(entry, "would overwrite the existing " + file + " (restore into an empty directory)");
        }
    }

    /** Where the entry was written. */
    Path resolve(String entry) {
        Path path = root;
        for (String segment : segments(entry)) {
            path = path.resolve(segment);
        }
        return path;
    }

    /** Removes every file and directory this restore created, newest first. */
    void removeCreated(Throwable failure) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
        created.clear();
    }

    private List<String> segments(String entry) {
        if (entry == null || entry.isEmpty()) {
            throw refused(String.valueOf(entry), "has no name");
        }
        if (entry.startsWith("/") || entry.matches("^[A-Za-z]:.*")) {
            throw refused(entry, "is an absolute path");
        }
        if (entry.chars().anyMatch(c -> c == '\\' || c < 0x20 || c == 0x7f)) {
            throw refused(entry, "contains a backslash or a control character");
        }
        List<String> segments = List.of(entry.split("/", -1));
        for (String segment : segments) {
            if (segment.equals("..")) {
                throw refused(entry, "has a '..' segment and would escape the target directory " + root);
            }
            if (segment.isEmpty() || segment.equals(".")) {
                throw refused(entry, "has an empty or '.' segment");
            }
        }
        if (segments.size() < 3 || !TOP_LEVEL.contains(segments.get(0))) {
            throw refused(entry, "is not under files/<source>/ or tables/<source>/");
        }
        return segments;
    }

    private void insideRoot(String entry, Path directory) {
        try {
            Path real = directory.toRealPath();
            if (!real.startsWith(root)) {
                throw refused(entry, "would be written under " + real + ", outside the target directory " + root);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + directory, e);
        }
    }

    private UnsafeEntryException refused(String entry, String reason) {
        return new UnsafeEntryException(backupId, entry, reason);
    }
}
