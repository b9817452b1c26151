package dev.custos.common.csv;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Passes a file's bytes through while counting them and computing their SHA-256. */
final class FingerprintingInputStream extends DigestInputStream {

    private long bytes;

    FingerprintingInputStream(InputStream in) {
        super(in, sha256());
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            bytes++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int count = super.read(buffer, offset, length);
        if (count > 0) {
            bytes += count;
        }
        return count;
    }

    /**
     * Reads and discards the rest of the file, so that the count and digest cover all of it. Reads
     * through {@link #read(byte[], int, int)} on purpose: an inherited {@code transferTo} or
     * {@code skip} might bypass the digest.
     */
    void readToEnd() throws IOException {
        byte[] buffer = new byte[8192];
        int count;
        do {
            count = read(buffer, 0, buffer.length);
        } while (count >= 0);
    }

    /** The bytes read so far. */
    long bytes() {
        return bytes;
    }

    /** The SHA-256 of the bytes read so far, lower-case hex; call once, at the end. */
    String sha256Hex() {
        return HexFormat.of().formatHex(getMessageDigest().digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
