package dev.custos.common.checksum;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 digests in lower-case hex, the form every Custos record uses: input files as received,
 * backup archives and entries, evidence manifests.
 */
public final class Sha256 {

    private static final int BUFFER = 64 * 1024;

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** The digest's value in hex; the digest is reset. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String of(byte[] data) {
        return of(data, 0, data.length);
    }

    public static String of(byte[] data, int offset, int length) {
        MessageDigest digest = newDigest();
        digest.update(data, offset, length);
        return hex(digest);
    }

    /** Of everything {@code data} yields up to its end; the stream is read, not closed. */
    public static String of(InputStream data) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER];
        for (int n = data.read(buffer); n >= 0; n = data.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return hex(digest);
    }
}
