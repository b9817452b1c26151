package dev.custos.jobs.backup.archive;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

import dev.custos.common.checksum.Sha256;


/**
 * Counts and hashes (SHA-256) the bytes passing to the underlying stream. {@link #close()} flushes
 * but does not close it: the archive's upload is committed or aborted on purpose, never by a close.
 */
final class HashingOutputStream extends FilterOutputStream {

    private final MessageDigest digest = Sha256.newDigest();
    private long count;

    HashingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        digest.update(bytes, offset, length);
        count += length;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }

    long count() {
        return count;
    }

    /** The hex SHA-256 of everything written; call once, at the end. */
    String sha256() {
        return Sha256.hex(digest);
    }
}
