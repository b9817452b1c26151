package dev.custos.scheduler.evidence;

import dev.custos.common.period.Period;

/** Where the blob store keeps what evidence bundles refer to. */
final class EvidenceKeys {

    private EvidenceKeys() {
    }

    /** The manifest of the last bundle exported for {@code period}, which the next period's bundle links to. */
    static String manifest(Period period) {
        return "evidence/" + period + "/" + Manifest.FILE;
    }

    /** The folder of the files a job's run for a period published, also their path in a bundle. */
    static String reports(String job, String period) {
        return "reports/" + job + "/" + period + "/";
    }
}
