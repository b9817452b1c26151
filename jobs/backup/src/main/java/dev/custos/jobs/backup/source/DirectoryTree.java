package dev.custos.jobs.backup.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.custos.jobs.backup.archive.ArchiveWriter;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.archive.BackupSourceException;
import dev.custos.jobs.backup.archive.Classification;

/**
 * Reads a directory source into the archive as {@code files/<source>/<relative path>}, in name
 * order. Only regular files are stored. Symbolic links are never followed (a link could lead out of
 * the tree or loop) nor stored (restore would have to vet where they point); they, and devices,
 * sockets and pipes, are listed in the manifest's {@code skipped} with the reason. A file or
 * directory that cannot be read fails the backup with {@link BackupSourceException}.
 */
public final class DirectoryTree {

    private final ArchiveWriter archive;
    private final List<BackupManifest.Skipped> skipped = new ArrayList<>();

    public DirectoryTree(ArchiveWriter archive) {
        this.archive = archive;
    }

    public BackupManifest.Source write(String sourceName, Classification classification, Path root) throws IOException {
        walk(sourceName, root, root);
        return new BackupManifest.Source(sourceName, "directory", classification, null, null, root.toString());
    }

    public List<BackupManifest.Skipped> skipped() {
        return List.copyOf(skipped);
    }

    private void walk(String sourceName, Path root, Path directory) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(directory)) {
            children = list.sorted().toList();
        } catch (IOException e) {
            throw BackupSourceException.reading(sourceName, directory, e);
        }
        for (Path child : children) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw BackupSourceException.reading(sourceName, child, e);
            }
            String relative = root.relativize(child).toString().replace(child.getFileSystem().getSeparator(), "/");
            if (attributes.isDirectory()) {
                walk(sourceName, root, child);
            } else if (attributes.isRegularFile()) {
                archive.addFile("files/" + sourceName + "/" + relative, sourceName, child, attributes.size(),
                        attributes.lastModifiedTime());
            } else if (attributes.isSymbolicLink()) {
                skipped.add(new BackupManifest.Skipped(sourceName, relative, "symbolic link, not followed"));
            } else {
                skipped.add(new BackupManifest.Skipped(sourceName, relative, "not a regular file"));
            }
        }
    }
}
