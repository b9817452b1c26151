package dev.custos.common.csv;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.custos.common.InputFileException;

/**
 * The rule for what a run may read from its inbox: regular files directly in the inbox folder.
 * A symbolic link is not followed (it could lead anywhere on the machine, e.g. to
 * {@code /etc/shadow}), and a directory, pipe, device or socket under an input file's name is not
 * read; either fails the run naming the file, as the backup's directory sources skip them.
 */
public final class InputFiles {

    private InputFiles() {
    }

    /**
     * {@code inbox/name}, checked.
     *
     * @throws InputFileException when it is missing, a symbolic link or not a regular file
     */
    public static Path regularFile(Path inbox, String name) {
        Path file = inbox.resolve(name);
        check(file, attributes(file).orElseThrow(() ->
                new InputFileException(name + " not found in " + inbox.toAbsolutePath())));
        return file;
    }

    /**
     * The entries of {@code inbox} whose names match {@code glob}, sorted by name, each checked;
     * empty when none matches or the inbox does not exist.
     *
     * @throws InputFileException when a matching entry is a symbolic link or not a regular file
     */
    public static List<Path> matching(Path inbox, String glob) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        List<Path> matching = new ArrayList<>();
        try (Stream<Path> entries = Files.list(inbox)) {
            for (Path entry : entries.filter(path -> matcher.matches(path.getFileName()))
                    .sorted(Comparator.comparing(path -> path.getFileName().toString())).toList()) {
                attributes(entry).ifPresent(attributes -> {
                    check(entry, attributes);
                    matching.add(entry);
                });
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new InputFileException("cannot list the inbox " + inbox.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return List.copyOf(matching);
    }

    /** Checks a file again just before it is opened: it may have been swapped since it was listed. */
    static void check(Path file) {
        check(file, attributes(file).orElseThrow(() -> new InputFileException(file.getFileName() + " not found in "
                + file.toAbsolutePath().getParent())));
    }

    private static void check(Path file, BasicFileAttributes attributes) {
        String where = file.getFileName() + " in " + file.toAbsolutePath().getParent();
        if (attributes.isSymbolicLink()) {
            throw new InputFileException(where + " is a symbolic link; input files must be regular files in the inbox"
                    + " (links are not followed): copy the file itself there");
        }
        if (attributes.isDirectory()) {
            throw new InputFileException(where + " is a directory, not a file: put the export itself there");
        }
        if (!attributes.isRegularFile()) {
            throw new InputFileException(where + " is not a regular file (a pipe, device or socket); input files must"
                    + " be regular files in the inbox");
        }
    }

    private static Optional<BasicFileAttributes> attributes(Path file) {
        try {
            return Optional.of(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new InputFileException("cannot read " + file.getFileName() + " in " + file.toAbsolutePath().getParent()
                    + ": " + e.getMessage(), e);
        }
    }
}
