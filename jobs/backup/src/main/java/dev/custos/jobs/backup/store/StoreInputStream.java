package dev.custos.jobs.backup.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import dev.custos.common.store.BlobStore;
import dev.custos.common.store.BlobStoreException;

/**
 * An object's stream as the store gives it, whose read failures (a connection reset, a transfer
 * broken off) become {@link BlobStoreException}: a store failure to retry, which the layers above
 * (decryption, decompression, verification) pass on unchanged instead of taking it for damage.
 */
public final class StoreInputStream extends FilterInputStream {

    private final String key;
    private final String store;
    private long count;

    private StoreInputStream(InputStream in, String key, String store) {
        super(in);
        this.key = key;
        this.store = store;
    }

    /** Opens {@code key} of {@code store}; see {@link BlobStore#open(String)}. */
    public static InputStream open(BlobStore store, String key) {
        return new StoreInputStream(store.open(key), key, store.describe());
    }

    @Override
    public int read() {
        try {
            int b = in.read();
            count += b < 0 ? 0 : 1;
            return b;
        } catch (IOException e) {
            throw broken(e);
        }
    }

    @Override
    public int read(byte[] bytes, int offset, int length) {
        try {
            int n = in.read(bytes, offset, length);
            count += Math.max(n, 0);
            return n;
        } catch (IOException e) {
            throw broken(e);
        }
    }

    @Override
    public long skip(long n) {
        try {
            long skipped = in.skip(n);
            count += skipped;
            return skipped;
        } catch (IOException e) {
            throw broken(e);
        }
    }

    private BlobStoreException broken(IOException e) {
        return new BlobStoreException("reading '" + key + "' from " + store + " broke off after " + count
                + " bytes: " + e.getMessage(), e);
    }
}
