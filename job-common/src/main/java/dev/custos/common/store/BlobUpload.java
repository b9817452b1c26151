package dev.custos.common.store;

import java.io.OutputStream;

/**
 * An object being written: bytes go to the store as they are written, and the object becomes
 * visible under its key only when {@link #close()} commits it. {@link #abort()} discards it and
 * everything already sent.
 *
 * <p>Because {@code close()} commits, try-with-resources would commit a half-written object when
 * the block fails. Write it like this instead:
 *
 * <pre>{@code
 * BlobUpload upload = store.create(key);
 * try {
 *     writeTo(upload);
 * } catch (Exception e) {
 *     upload.abort();
 *     throw e;
 * }
 * upload.close();
 * }</pre>
 *
 * <p>A failure of the store while writing or committing discards the upload and throws
 * {@link BlobStoreException}; after that, and after the first {@code close()} or {@code abort()},
 * both are no-ops. An upload is used by one thread at a time.
 */
public abstract class BlobUpload extends OutputStream {

    private final String key;
    private boolean finished;

    protected BlobUpload(String key) {
        this.key = key;
    }

    /** The key the object will have once committed. */
    public final String key() {
        return key;
    }

    @Override
    public abstract void write(int b);

    @Override
    public abstract void write(byte[] bytes, int offset, int length);

    @Override
    public final void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    /** Commits: the object becomes visible under its key, replacing any object already there. */
    @Override
    public final void close() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            commit();
        } catch (RuntimeException | Error failure) {
            discardSuppressing(failure);
            throw failure;
        }
    }

    /** Discards the upload: no object appears, and nothing sent so far remains in the store. */
    public final void abort() {
        if (finished) {
            return;
        }
        finished = true;
        discard();
    }

    /** Throws when the upload was already committed or discarded. */
    protected final void ensureOpen() {
        if (finished) {
            throw new IllegalStateException("upload of '" + key + "' is already committed or aborted");
        }
    }

    /**
     * Aborts after {@code failure} and returns it, with any failure of the abort itself attached
     * as suppressed, so that the first cause is the one reported.
     */
    final <T extends Throwable> T abortAfter(T failure) {
        if (!finished) {
            finished = true;
            discardSuppressing(failure);
        }
        return failure;
    }

    private void discardSuppressing(Throwable failure) {
        try {
            discard();
        } catch (RuntimeException discardFailure) {
            failure.addSuppressed(discardFailure);
        }
    }

    /** Makes the written bytes visible as the object; throws {@link BlobStoreException} on failure. */
    protected abstract void commit();

    /** Releases what the upload holds and removes whatever it already sent to the store. */
    protected abstract void discard();
}
