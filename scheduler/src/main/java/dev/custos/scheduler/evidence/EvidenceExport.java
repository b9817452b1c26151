package dev.custos.scheduler.evidence;

import java.nio.file.Path;

import dev.custos.common.period.Period;

/**
 * What one export wrote.
 *
 * @param runs           the runs in the bundle
 * @param files          the files listed in its manifest
 * @param manifestSha256 the SHA-256 of its {@code MANIFEST.sha256}, which the next period's bundle links to
 * @param chain          the link to the previous period's bundle
 * @param manifestKey    where the blob store keeps the manifest
 */
public record EvidenceExport(Period period, Path target, int runs, int files, String manifestSha256, Chain chain,
                             String manifestKey) {

    /** "previous 2026-10 manifest <sha256>" or "no link to 2026-10: <reason>". */
    public String describeChain() {
        return chain.isLinked()
                ? "linked to the " + chain.previous() + " bundle (manifest sha256 " + chain.previousManifestSha256() + ")"
                : "no link to a " + chain.previous() + " bundle: " + chain.reason();
    }
}
