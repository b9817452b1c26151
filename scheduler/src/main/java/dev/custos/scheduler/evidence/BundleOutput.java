package dev.custos.scheduler.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.custos.common.CustosException;
import dev.custos.common.checksum.Sha256;

/**
 * Where a bundle is written: a new directory or a new {@code .zip} file. Files are written to a
 * hidden sibling first and moved into place by {@link #commit()}, so a failed export leaves no
 * half bundle behind; an existing bundle is never overwritten.
 */
abstract sealed class BundleOutput implements AutoCloseable {

    protected final Path target;
    private boolean committed;

    private BundleOutput(Path target) {
        this.target = target;
    }

    /**
     * A zip file when {@code target} ends in {@code .zip}, otherwise a directory.
     *
     * @throws InvalidBundlePathException when the zip file exists or the directory is not empty
     */
    static BundleOutput create(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        try {
            if (isZip(absolute)) {
                if (Files.exists(absolute)) {
                    throw new InvalidBundlePathException(target + " already exists: evidence is never overwritten,"
                            + " choose a new file");
                }
                Files.createDirectories(absolute.getParent());
                return new Zip(absolute);
            }
            if (Files.exists(absolute) && !isEmptyDirectory(absolute)) {
                throw new InvalidBundlePathException(target + " exists and is not an empty directory: choose a new"
                        + " directory (or FILE.zip)");
            }
            Files.createDirectories(absolute.getParent());
            return new Directory(absolute);
        } catch (IOException e) {
            throw new CustosException("cannot write the evidence bundle to " + target + ": " + e.getMessage(), e);
        }
    }

    static boolean isZip(Path path) {
        return path.getFileName() != null
                && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /** Writes {@code data} to {@code path} (relative, {@code /}-separated) and returns its SHA-256. */
    final String write(String path, InputStream data) {
        MessageDigest digest = Sha256.newDigest();
        try (OutputStream out = new DigestOutputStream(open(path), digest)) {
            data.transferTo(out);
        } catch (IOException e) {
            throw new CustosException("cannot write " + path + " of the evidence bundle " + target + ": "
                    + e.getMessage(), e);
        }
        return Sha256.hex(digest);
    }

    /** Moves the written bundle into place. */
    final void commit() {
        try {
            finish();
        } catch (IOException e) {
            throw new CustosException("cannot complete the evidence bundle " + target + ": " + e.getMessage(), e);
        }
        committed = true;
    }

    @Override
    public final void close() {
        if (!committed) {
            abort();
        }
    }

    Path target() {
        return target;
    }

    /** A stream for one file; closing it ends the file (not the bundle). */
    abstract OutputStream open(String path) throws IOException;

    abstract void finish() throws IOException;

    abstract void abort();

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static final class Directory extends BundleOutput {

        private final Path staging;

        Directory(Path target) throws IOException {
            super(target);
            this.staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-");
        }

        @Override
        OutputStream open(String path) throws IOException {
            Path file = staging.resolve(path);
            Files.createDirectories(file.getParent());
            return Files.newOutputStream(file);
        }

        @Override
        void finish() throws IOException {
            Files.deleteIfExists(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        void abort() {
            try (Stream<Path> files = Files.walk(staging)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the incomplete bundle " + staging, e);
            }
        }
    }

    private static final class Zip extends BundleOutput {

        /** Entries carry this time, not the export's, so that the same bundle always gives the same bytes. */
        private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

        private final Path staging;
        private final ZipOutputStream zip;

        Zip(Path target) throws IOException {
            super(target);
            this.staging = Files.createTempFile(target.getParent(), "." + target.getFileName() + "-", ".partial");
            this.zip = new ZipOutputStream(Files.newOutputStream(staging));
        }

        @Override
        OutputStream open(String path) throws IOException {
            ZipEntry entry = new ZipEntry(path);
            entry.setTimeLocal(ENTRY_TIME);
            zip.putNextEntry(entry);
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    zip.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    zip.write(bytes, offset, length);
                }

                @Override
                public void close() throws IOException {
                    zip.closeEntry();
                }
            };
        }

        @Override
        void finish() throws IOException {
            zip.close();
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        void abort() {
            try {
                zip.close();
                Files.deleteIfExists(staging);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the incomplete bundle " + staging, e);
            }
        }
    }
}
