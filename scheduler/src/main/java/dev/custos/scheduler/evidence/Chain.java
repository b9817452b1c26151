package dev.custos.scheduler.evidence;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.custos.common.period.InvalidPeriodException;
import dev.custos.common.period.Period;

/**
 * {@code CHAIN}: where a bundle stands among the others. Its version of its period (1 for the
 * first export, one more for each export whose content differs from the latest one's) and the
 * SHA-256 of the {@code MANIFEST.sha256} of the version it supersedes; and its link to the
 * bundle of the previous period of the same type (2026-10 for 2026-11): that bundle's version and
 * manifest SHA-256 as the blob store kept them at export, or {@code none} and why. Listed in the
 * manifest, so no link can be changed without the manifest, and no linked manifest without the link.
 *
 * @param previousVersion 0 when unlinked
 */
record Chain(Period period, int version, String supersedesManifestSha256, Period previous, int previousVersion,
             String previousManifestSha256, String reason) {

    static final String FILE = "CHAIN";
    static final String NONE = "none";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,8}");

    /** Version 1, or the next version of {@code period} superseding the manifest {@code supersedes} names. */
    static Chain linked(Period period, int version, String supersedes, int previousVersion,
                        String previousManifestSha256) {
        return new Chain(period, version, supersedes, period.previous(), previousVersion, previousManifestSha256, null);
    }

    static Chain unlinked(Period period, int version, String supersedes, String reason) {
        return new Chain(period, version, supersedes, period.previous(), 0, NONE, reason);
    }

    boolean isLinked() {
        return !NONE.equals(previousManifestSha256);
    }

    boolean supersedes() {
        return !NONE.equals(supersedesManifestSha256);
    }

    /** The same links, as version {@code version} superseding the manifest whose SHA-256 is {@code supersedes}. */
    Chain asVersion(int version, String supersedes) {
        return new Chain(period, version, supersedes, previous, previousVersion, previousManifestSha256, reason);
    }

    /** "2026-Q3 v2". */
    String describeVersion() {
        return period + " v" + version;
    }

    /** "linked to the 2026-10 bundle v1 (manifest sha256 ...)" or "no link to a 2026-10 bundle: ...". */
    String describeLink() {
        return isLinked()
                ? "linked to the " + previous + " bundle v" + previousVersion + " (manifest sha256 "
                        + previousManifestSha256 + ")"
                : "no link to a " + previous + " bundle: " + reason;
    }

    byte[] toBytes() {
        StringBuilder text = new StringBuilder()
                .append("period: ").append(period).append('\n')
                .append("version: ").append(version).append('\n')
                .append("supersedes-manifest-sha256: ").append(supersedesManifestSha256).append('\n')
                .append("previous-period: ").append(previous).append('\n');
        if (isLinked()) {
            text.append("previous-version: ").append(previousVersion).append('\n');
        }
        text.append("previous-manifest-sha256: ").append(previousManifestSha256).append('\n');
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
        String supersedes = fields.get("supersedes-manifest-sha256");
        String version = fields.getOrDefault("version", "");
        String previousVersion = fields.get("previous-version");
        boolean linked = hash != null && SHA256.matcher(hash).matches();
        if (!(linked || NONE.equals(hash)) || supersedes == null
                || !(NONE.equals(supersedes) || SHA256.matcher(supersedes).matches())
                || !VERSION.matcher(version).matches() || (NONE.equals(supersedes) != version.equals("1"))
                || (linked != (previousVersion != null)) || (linked && !VERSION.matcher(previousVersion).matches())) {
            return Optional.empty();
        }
        try {
            Period period = Period.parse(fields.getOrDefault("period", ""));
            Period previous = Period.parse(fields.getOrDefault("previous-period", ""));
            if (!previous.equals(period.previous())) {
                return Optional.empty();
            }
            return Optional.of(new Chain(period, Integer.parseInt(version), supersedes, previous,
                    linked ? Integer.parseInt(previousVersion) : 0, hash, fields.get("reason")));
        } catch (InvalidPeriodException e) {
            return Optional.empty();
        }
    }
}
