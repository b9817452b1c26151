package dev.custos.scheduler.evidence;

import java.nio.file.Path;

import dev.custos.common.period.Period;

/**
 * What one export wrote.
 *
 * @param runs           the runs in the bundle
 * @param files          the files listed in its manifest
 * @param manifestSha256 the SHA-256 of its {@code MANIFEST.sha256}, which the next period's bundle links to
 * @param chain          its version and its link to the previous period's bundle
 * @param manifestKey    where the blob store keeps the manifest
 * @param newVersion     whether this export made a new version, rather than the latest one again
 * @param keyFingerprint the fingerprint of the key that signed the manifest
 */
public record EvidenceExport(Period period, Path target, int runs, int files, String manifestSha256, Chain chain,
                             String manifestKey, boolean newVersion, String keyFingerprint) {

    public int version() {
        return chain.version();
    }

    /** "v1, the first of 2026-Q3", "v2, superseding v1 (...)" or "v1 again: the content is unchanged". */
    public String describeVersion() {
        if (!newVersion) {
            return "v" + chain.version() + " again: the content is unchanged since v" + chain.version()
                    + " was exported, so this bundle is byte for byte that version";
        }
        return chain.supersedes()
                ? "v" + chain.version() + ", superseding v" + (chain.version() - 1) + " (manifest sha256 "
                        + chain.supersedesManifestSha256() + "): the content changed since v" + (chain.version() - 1)
                : "v1, the first of " + period;
    }

    /** "linked to the 2026-10 bundle v1 (manifest sha256 ...)" or "no link to a 2026-10 bundle: reason". */
    public String describeChain() {
        return chain.describeLink();
    }
}
