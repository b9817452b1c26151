package dev.custos.scheduler.evidence;

import java.util.regex.Pattern;

import dev.custos.common.period.Period;

/** Where the blob store keeps what evidence bundles refer to. */
final class EvidenceKeys {

    private EvidenceKeys() {
    }

    /**
     * The manifest of version {@code version} of the bundle of {@code period}, kept once and never
     * replaced; the latest version is the one the next period's bundle links to.
     */
    static String manifest(Period period, int version) {
        return versions(period) + "v" + version + "/" + Manifest.FILE;
    }

    /** The {@code CHAIN} of version {@code version} of {@code period}, so that an unchanged export can repeat it. */
    static String chain(Period period, int version) {
        return versions(period) + "v" + version + "/" + Chain.FILE;
    }

    /** The zip bundle of version {@code version} of {@code period}, kept once for the console to hand out. */
    static String bundle(Period period, int version) {
        return versions(period) + "v" + version + "/bundle.zip";
    }

    /** The folder of every version of the bundle of {@code period}. */
    static String versions(Period period) {
        return "evidence/" + period + "/";
    }

    /** {@code evidence/<period>/v<N>/MANIFEST.sha256} of any version of {@code period}. */
    static Pattern manifestPattern(Period period) {
        return Pattern.compile(Pattern.quote(versions(period)) + "v([1-9][0-9]{0,8})/" + Pattern.quote(Manifest.FILE));
    }

    /** The folder of the files a job's run for a period published, also their path in a bundle. */
    static String reports(String job, String period) {
        return "reports/" + job + "/" + period + "/";
    }
}
