package dev.custos.scheduler.evidence;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.custos.common.period.InvalidPeriodException;
import dev.custos.common.period.Period;

/**
 * {@code CHAIN}: the link of a bundle to the bundle of the previous period of the same type
 * (2026-10 for 2026-11): the SHA-256 of that bundle's {@code MANIFEST.sha256} as the blob store
 * kept it at export, or {@code none} and why. Listed in the manifest, so the link cannot be
 * changed without the manifest, and the previous bundle cannot be changed without the link.
 */
record Chain(Period period, Period previous, String previousManifestSha256, String reason) {

    static final String FILE = "CHAIN";
    static final String NONE = "none";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    static Chain linked(Period period, String previousManifestSha256) {
        return new Chain(period, period.previous(), previousManifestSha256, null);
    }

    static Chain unlinked(Period period, String reason) {
        return new Chain(period, period.previous(), NONE, reason);
    }

    boolean isLinked() {
        return !NONE.equals(previousManifestSha256);
    }

    byte[] toBytes() {
        StringBuilder text = new StringBuilder()
                .append("period: ").append(period).append('\n')
                .append("previous-period: ").append(previous).append('\n')
                .append("previous-manifest-sha256: ").append(previousManifestSha256).append('\n');
        if (reason != null) {
            text.append("reason: ").append(reason).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a {@code CHAIN} file, or returns empty when it is not one. */
    static Optional<Chain> parse(byte[] bytes) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        String hash = fields.get("previous-manifest-sha256");
        if (hash == null || !(NONE.equals(hash) || SHA256.matcher(hash).matches())) {
            return Optional.empty();
        }
        try {
            Period period = Period.parse(fields.getOrDefault("period", ""));
            Period previous = Period.parse(fields.getOrDefault("previous-period", ""));
            if (!previous.equals(period.previous())) {
                return Optional.empty();
            }
            return Optional.of(new Chain(period, previous, hash, fields.get("reason")));
        } catch (InvalidPeriodException e) {
            return Optional.empty();
        }
    }
}
