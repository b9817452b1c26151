package dev.custos.scheduler.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import dev.custos.common.CustosException;

/** A bundle to read: a directory or a zip file. */
abstract sealed class BundleInput implements AutoCloseable {

    private final Path location;

    private BundleInput(Path location) {
        this.location = location;
    }

    /**
     * Opens the bundle at {@code path}.
     *
     * @throws InvalidBundlePathException when there is nothing there, or a file that is not a zip
     */
    static BundleInput open(Path path) {
        if (Files.isDirectory(path)) {
            return new Directory(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidBundlePathException("no evidence bundle at " + path + ": expected a directory or a .zip file");
        }
        try {
            return new Zip(path, new ZipFile(path.toFile()));
        } catch (ZipException e) {
            throw new InvalidBundlePathException(path + " is not a zip file: expected an evidence bundle directory or"
                    + " .zip file");
        } catch (IOException e) {
            throw new CustosException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    Path location() {
        return location;
    }

    /** Every file of the bundle by relative, {@code /}-separated path, sorted. */
    abstract List<String> files();

    /**
     * The symbolic links in a directory bundle, by relative path, sorted: a bundle holds files only,
     * and a link is neither listed among its files nor followed (it could lead out of the bundle to
     * a file with the expected content).
     */
    List<String> links() {
        return List.of();
    }

    abstract InputStream open(String path) throws IOException;

    final boolean has(String path) {
        return files().contains(path);
    }

    final byte[] read(String path) {
        try (InputStream in = open(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " in " + location, e);
        }
    }

    @Override
    public abstract void close();

    private static final class Directory extends BundleInput {

        private final List<String> files;
        private final List<String> links;

        /** Walks the bundle without following links ({@link Files#walk} does not unless told to). */
        Directory(Path dir) {
            super(dir);
            try (Stream<Path> paths = Files.walk(dir)) {
                List<Path> entries = paths.filter(path -> !path.equals(dir)).toList();
                files = relative(dir, entries.stream().filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)));
                links = relative(dir, entries.stream().filter(Files::isSymbolicLink));
            } catch (IOException | UncheckedIOException e) {
                throw new CustosException("cannot list the evidence bundle " + dir + ": " + e.getMessage(), e);
            }
        }

        private static List<String> relative(Path dir, Stream<Path> paths) {
            return paths.map(file -> dir.relativize(file).toString().replace(dir.getFileSystem().getSeparator(), "/"))
                    .sorted().toList();
        }

        @Override
        List<String> files() {
            return files;
        }

        @Override
        List<String> links() {
            return links;
        }

        /** Only a listed file is opened, and a link swapped in since the listing is not followed. */
        @Override
        InputStream open(String path) throws IOException {
            if (!files.contains(path)) {
                throw new IOException(path + " is not a regular file of the bundle");
            }
            return Files.newInputStream(location().resolve(path), LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public void close() {
        }
    }

    private static final class Zip extends BundleInput {

        private final ZipFile zip;
        private final List<String> files;

        Zip(Path path, ZipFile zip) {
            super(path);
            this.zip = zip;
            TreeSet<String> names = new TreeSet<>();
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (!entry.isDirectory()) {
                    names.add(entry.getName());
                }
            }
            this.files = List.copyOf(names);
        }

        @Override
        List<String> files() {
            return files;
        }

        @Override
        InputStream open(String path) throws IOException {
            return zip.getInputStream(zip.getEntry(path));
        }

        @Override
        public void close() {
            try {
                zip.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
