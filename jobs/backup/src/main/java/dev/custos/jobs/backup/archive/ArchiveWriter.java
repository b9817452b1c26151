package dev.custos.jobs.backup.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;

import dev.custos.common.CustosException;
import dev.custos.common.checksum.Sha256;
import dev.custos.common.store.BlobStore;
import dev.custos.common.store.BlobUpload;
import dev.custos.jobs.backup.key.BackupKey;

/**
 * Writes the one archive stream of a backup straight into the store: tar (POSIX long names and
 * big numbers) into zstd (with frame checksums) into the streaming AEAD when a key is given, then
 * counted and hashed as stored, into a {@link BlobUpload}. Each entry's size and SHA-256 are taken
 * on the way. Nothing is held whole: a file entry streams, a table part is one bounded buffer.
 *
 * <p>The tar stream is handed to a worker thread ({@link HandoffOutputStream}) that compresses,
 * encrypts and uploads it, while the caller's thread reads the sources and hashes the entries.
 */
public final class ArchiveWriter {

    /** Reads of files, and the blocks handed to the compressing thread. */
    private static final int BUFFER = 1024 * 1024;
    /** Full blocks waiting for the compressing thread: enough to ride out a part upload's pause. */
    private static final int HANDOFF_DEPTH = 8;

    private final BlobUpload upload;
    private final HashingOutputStream stored;
    private final ZstdOutputStreamNoFinalizer zstd;
    private final HandoffOutputStream handoff;
    private final TarArchiveOutputStream tar;
    private final Instant time;
    private final List<BackupManifest.Entry> entries = new ArrayList<>();
    private final byte[] copyBuffer = new byte[BUFFER];

    private ArchiveWriter(BlobUpload upload, HashingOutputStream stored, ZstdOutputStreamNoFinalizer zstd,
                          HandoffOutputStream handoff, TarArchiveOutputStream tar, Instant time) {
        this.upload = upload;
        this.stored = stored;
        this.zstd = zstd;
        this.handoff = handoff;
        this.tar = tar;
        this.time = time;
    }

    /** Starts the upload of {@code key}; {@code key} of the encryption may be null (not encrypted). */
    public static ArchiveWriter start(BlobStore store, String objectKey, BackupKey key, byte[] associatedData,
                               int compressionLevel, Instant time) {
        if (key != null) {
            AesGcmWarmUp.encrypting();
            AesGcmWarmUp.decryptingInBackground(); // for the verify step that follows
        }
        BlobUpload upload = store.create(objectKey);
        try {
            HashingOutputStream stored = new HashingOutputStream(upload);
            OutputStream encrypted = key == null ? stored : key.encrypt(stored, associatedData);
            ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(encrypted, compressionLevel);
            zstd.setChecksum(true);
            HandoffOutputStream handoff = new HandoffOutputStream(zstd, BUFFER, HANDOFF_DEPTH,
                    "backup-compress-" + objectKey);
            TarArchiveOutputStream tar = new TarArchiveOutputStream(handoff, StandardCharsets.UTF_8.name());
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            return new ArchiveWriter(upload, stored, zstd, handoff, tar, time);
        } catch (IOException | RuntimeException e) {
            CustosException failure = new CustosException("cannot start writing the archive '" + objectKey + "' in "
                    + store.describe() + ": " + e.getMessage(), e);
            abortSuppressing(upload, failure);
            throw failure;
        }
    }

    /** Adds an entry holding {@code length} bytes of {@code data}; {@code rows} only for table data. */
    public void addBytes(String path, String source, byte[] data, int length, Long rows) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(path);
        entry.setSize(length);
        entry.setModTime(FileTime.from(time));
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE);
        tar.putArchiveEntry(entry);
        tar.write(data, 0, length);
        tar.closeArchiveEntry();
        entries.add(new BackupManifest.Entry(path, length, Sha256.of(data, 0, length), rows, source));
    }

    /**
     * Adds a regular file of {@code size} bytes as it is read. A file that grows or shrinks while
     * it is read fails the backup rather than storing something that never existed on disk; one
     * that cannot be read throws {@link BackupSourceException}.
     */
    public void addFile(String path, String source, Path file, long size, FileTime modified) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(path);
        entry.setSize(size);
        entry.setModTime(modified);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE);
        tar.putArchiveEntry(entry);
        MessageDigest digest = Sha256.newDigest();
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw BackupSourceException.reading(source, file, e);
        }
        try (in) {
            long left = size;
            while (left > 0) {
                int n = read(in, source, file, (int) Math.min(copyBuffer.length, left));
                if (n < 0) {
                    throw changed(file, "shrank");
                }
                tar.write(copyBuffer, 0, n);
                digest.update(copyBuffer, 0, n);
                left -= n;
            }
            if (read(in, source, file, 1) >= 0) {
                throw changed(file, "grew");
            }
        }
        tar.closeArchiveEntry();
        entries.add(new BackupManifest.Entry(path, size, Sha256.hex(digest), null, source));
    }

    /** Reads from a source file: its failure is the source's ({@link BackupSourceException}), not the archive's. */
    private int read(InputStream in, String source, Path file, int length) {
        try {
            return in.read(copyBuffer, 0, length);
        } catch (IOException e) {
            throw BackupSourceException.reading(source, file, e);
        }
    }

    private static CustosException changed(Path file, String how) {
        return new CustosException("the file " + file + " " + how + " while it was backed up; back up a directory "
                + "that is not written to during the backup (or a snapshot of it), then restart the run");
    }

    public List<BackupManifest.Entry> entries() {
        return List.copyOf(entries);
    }

    /** Ends the archive and commits the object: from here on it is in the store. */
    public Stored finish() throws IOException {
        tar.finish();
        tar.close(); // waits until the compressing thread has written every block into zstd
        zstd.close(); // closes the encryption too (writing their last frame / segment), not the upload
        upload.close();
        return new Stored(upload.key(), stored.count(), stored.sha256());
    }

    /**
     * Discards the upload after {@code failure}; nothing remains in the store. A failure of the
     * abort itself is added to {@code failure} as suppressed: {@code failure} stays the one to
     * report, and the one that decides whether the run is tried again.
     */
    public void abortAfter(Throwable failure) {
        handoff.cancel(); // from here on only this thread touches zstd and the upload
        try {
            abortSuppressing(upload, failure);
        } finally {
            try {
                zstd.close(); // frees zstd's native memory; what it writes goes nowhere
            } catch (IOException | RuntimeException e) {
                // the upload is gone; the failure that made us abort is the one to report
            }
        }
    }

    private static void abortSuppressing(BlobUpload upload, Throwable failure) {
        try {
            upload.abort();
        } catch (RuntimeException e) {
            if (e != failure) {
                failure.addSuppressed(e);
            }
        }
    }

    /** The archive as committed: key, stored size and SHA-256 of the stored bytes. */
    public record Stored(String key, long size, String sha256) {
    }
}
