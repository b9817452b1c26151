package dev.custos.jobs.rollup;

import java.util.Map;

/**
 * The rollup's figures as a manager reads them: {@code findings.CRITICAL} is "Critical findings",
 * {@code training_coverage.2026-Q1} "Training coverage 2026-Q1". Null for a name it does not know.
 */
final class RollupLabels {

    private static final Map<String, String> NAMES = Map.of(
            FindingsRollup.FINDINGS, "Audit findings",
            FindingsRollup.FINDINGS_PREVIOUS, "Audit findings of the year before",
            FindingsRollup.REDUCTION, "Reduction of audit findings",
            FindingsRollup.MEDIAN_DAYS_TO_REMEDIATE, "Median days to remediate",
            YearFigures.TRAINING_COVERAGE, "Training coverage",
            YearFigures.RECONCILIATION_FINDINGS, "Reconciliation findings",
            YearFigures.LEAVERS_WITH_ACCESS, "Leavers with access");

    private RollupLabels() {
    }

    static String of(String figure) {
        int dot = figure.indexOf('.');
        if (dot < 0) {
            return NAMES.get(figure);
        }
        String base = figure.substring(0, dot);
        String detail = figure.substring(dot + 1);
        if (base.equals(FindingsRollup.FINDINGS) || base.equals(FindingsRollup.FINDINGS_PREVIOUS)) {
            String severity = RollupCharts.capitalized(detail) + " findings";
            return base.equals(FindingsRollup.FINDINGS) ? severity : severity + " of the year before";
        }
        return NAMES.containsKey(base) ? NAMES.get(base) + " " + detail : null;
    }
}
