package dev.custos.common.results;

/**
 * A KPI a control publishes with each run, known before any run: a period of the control that is
 * over without a completed run has this KPI missing, and counts as such.
 *
 * @param unit {@link Metric#RATIO} or a count unit
 */
public record KpiTarget(String name, String unit, double target) {

    /** The KPI without a value, with the reason. */
    public Metric missing(String reason) {
        return Metric.missingKpi(name, unit, target, reason);
    }
}
