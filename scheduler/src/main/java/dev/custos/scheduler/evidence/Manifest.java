package dev.custos.scheduler.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.custos.common.checksum.Sha256;

/**
 * {@code MANIFEST.sha256}: the SHA-256 of every other file of a bundle but its signature
 * ({@link #SIGNATURE}), in the text format of {@code sha256sum} ({@code <64 hex>  <path>}, two
 * spaces, text mode), one line per file, sorted by path.
 */
final class Manifest {

    static final String FILE = "MANIFEST.sha256";
    /** The Ed25519 signature of the manifest's bytes, raw (64 bytes), as {@code openssl pkeyutl -verify -rawin} reads it. */
    static final String SIGNATURE = FILE + ".sig";
    /** The public half of the key that signed the manifest (PEM, X.509 SubjectPublicKeyInfo); listed in the manifest. */
    static final String PUBLIC_KEY = "signing-key.pub.pem";

    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64})  ([^\\\\\\n]+)");

    private Manifest() {
    }

    /** The manifest text of {@code hashes} (path to hex SHA-256). */
    static byte[] format(Map<String, String> hashes) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(hashes).forEach((path, hash) -> text.append(hash).append("  ").append(path).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The entries of a manifest, with a problem for each line that is not one. */
    static Parsed parse(byte[] manifest) {
        SortedMap<String, String> hashes = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        String[] lines = new String(manifest, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i == lines.length - 1 && lines[i].isEmpty()) {
                break;
            }
            Matcher line = LINE.matcher(lines[i]);
            if (!line.matches()) {
                problems.add(FILE + " line " + (i + 1) + ": not '<sha256>  <path>'");
            } else if (hashes.put(line.group(2), line.group(1)) != null) {
                problems.add(FILE + " line " + (i + 1) + ": " + line.group(2) + " is listed twice");
            }
        }
        return new Parsed(hashes, problems);
    }

    record Parsed(SortedMap<String, String> hashes, List<String> problems) {
    }

    static String sha256(byte[] data) {
        return Sha256.of(data);
    }

    static String sha256(InputStream data) {
        try {
            return Sha256.of(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
