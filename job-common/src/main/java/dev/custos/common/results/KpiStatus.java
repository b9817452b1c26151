package dev.custos.common.results;

import java.util.Optional;

/**
 * The status of a KPI, defined here once for the report, the rollup's summary, the console and
 * the alerts: a figure is a KPI when it has a target; it is MISSING without a value (the reason
 * says why), otherwise MET or MISSED as its {@code met} says. A figure without a target (e.g. a
 * count of resolved findings) has no status, even when it is missing.
 */
public enum KpiStatus {
    MET, MISSED, MISSING;

    /** The status of {@code metric}; empty when it is no KPI. */
    public static Optional<KpiStatus> of(Metric metric) {
        if (!metric.isKpi()) {
            return Optional.empty();
        }
        if (metric.isMissing()) {
            return Optional.of(MISSING);
        }
        return Optional.of(Boolean.TRUE.equals(metric.met()) ? MET : MISSED);
    }

    /** How many KPIs are met, missed and missing. */
    public record Tally(int met, int missed, int missing) {

        public static final Tally NONE = new Tally(0, 0, 0);

        public Tally plus(KpiStatus status) {
            return switch (status) {
                case MET -> new Tally(met + 1, missed, missing);
                case MISSED -> new Tally(met, missed + 1, missing);
                case MISSING -> new Tally(met, missed, missing + 1);
            };
        }

        /** "3 met, 16 missed, 11 missing" */
        @Override
        public String toString() {
            return met + " met, " + missed + " missed, " + missing + " missing";
        }
    }
}
