package dev.custos.common.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where jobs keep what must outlive a run: reports under {@code reports/}, backups and their
 * manifests. Implemented over a local directory ({@link LocalDirBlobStore}) and over an
 * S3-compatible bucket ({@link S3BlobStore}); both behave the same.
 *
 * <p>Keys are {@code /}-separated relative paths such as {@code reports/backup/2026-11-24/summary.json}.
 * Empty keys, keys starting with {@code /}, and keys with {@code .}, {@code ..} or empty segments
 * or a {@code \} are rejected with {@link IllegalArgumentException}, so no key reaches outside
 * the store.
 *
 * <p>A write is all or nothing: an object appears under its key only once completely written,
 * replacing the previous one in a single step; a failed or aborted write leaves nothing behind.
 * Failures of the store throw {@link BlobStoreException}, whose message names the key and the
 * store but never a credential.
 */
public interface BlobStore {

    /** Stores the content of {@code file} under {@code key}. */
    default void put(String key, Path file) {
        try (InputStream data = Files.newInputStream(file)) {
            put(key, data);
        } catch (NoSuchFileException e) {
            throw new BlobStoreException("cannot store " + file + " as '" + key + "' in " + describe()
                    + ": the file does not exist", e);
        } catch (IOException e) {
            throw new BlobStoreException("cannot store " + file + " as '" + key + "' in " + describe()
                    + ": reading the file failed: " + e.getMessage(), e);
        }
    }

    /**
     * Stores everything {@code data} yields, up to its end, under {@code key}. The length need not
     * be known: the data is streamed to the store as it is read, never held whole in memory. The
     * stream is read but not closed.
     */
    default void put(String key, InputStream data) {
        BlobUpload upload = create(key);
        try {
            data.transferTo(upload);
        } catch (IOException e) {
            throw upload.abortAfter(new BlobStoreException("cannot store '" + key + "' in " + describe()
                    + ": reading its data failed: " + e.getMessage(), e));
        } catch (BlobStoreException e) {
            throw upload.abortAfter(e);
        } catch (RuntimeException e) {
            throw upload.abortAfter(
                    new BlobStoreException("cannot store '" + key + "' in " + describe() + ": " + e, e));
        } catch (Error e) {
            throw upload.abortAfter(e);
        }
        upload.close();
    }

    /** Starts writing an object; see {@link BlobUpload} for how to commit or abort it. */
    BlobUpload create(String key);

    /**
     * Opens the object for reading; the caller closes the stream.
     *
     * @throws BlobNotFoundException when there is no object under {@code key}
     */
    InputStream open(String key);

    /** Size and time of the object under {@code key}, or empty when there is none. */
    Optional<BlobInfo> stat(String key);

    /**
     * The objects whose keys start with {@code prefix} (plain string prefix, as in S3:
     * {@code "reports/2026"} also matches {@code "reports/2026-11/a.csv"}), sorted by key.
     * An empty prefix lists everything.
     */
    List<BlobInfo> list(String prefix);

    /** Deletes the object under {@code key}; deleting an absent object is not an error. */
    void delete(String key);

    /**
     * Where the objects are, for messages and logs, e.g. {@code s3://custos at http://127.0.0.1:9000}
     * or {@code dir /var/lib/custos/store}. Never contains a credential.
     */
    String describe();
}
