package dev.custos.common.checksum;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Counts and hashes (SHA-256) the bytes read from the underlying stream. */
public final class HashingInputStream extends FilterInputStream {

    private final MessageDigest digest = Sha256.newDigest();
    private long count;

    public HashingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            digest.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        int n = in.read(bytes, offset, length);
        if (n > 0) {
            digest.update(bytes, offset, n);
            count += n;
        }
        return n;
    }

    /** Skipped bytes are read, so that they are counted and hashed too. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 64 * 1024)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    /** Reads and discards the rest, so that the count and digest cover the whole stream. */
    public void readToEnd() throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (read(buffer, 0, buffer.length) >= 0) {
            // counted and hashed by read
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    public long count() {
        return count;
    }

    public String sha256() {
        return Sha256.hex(digest);
    }
}
