package dev.custos.common.results;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One figure of a run. A KPI carries its target and whether it was met; a figure without data
 * behind it has no value and says why ({@code missingReason}), never a made-up 0 or 100%.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Metric(String name, Double value, String unit, Double target, Boolean met,
                     @JsonProperty("missing") String missingReason) {

    public static final String COUNT = "count";
    public static final String RATIO = "ratio";

    public static Metric count(String name, long value) {
        return new Metric(name, (double) value, COUNT, null, null, null);
    }

    public static Metric of(String name, double value, String unit) {
        return new Metric(name, value, unit, null, null, null);
    }

    /** A share in 0..1, rounded to 4 places. */
    public static Metric ratio(String name, double value) {
        return new Metric(name, round4(value), RATIO, null, null, null);
    }

    public static Metric missing(String name, String unit, String reason) {
        return new Metric(name, null, unit, null, null, reason);
    }

    /** A KPI without data behind it: it keeps its target, so it counts as a missing KPI ({@link KpiStatus}). */
    public static Metric missingKpi(String name, String unit, double target, String reason) {
        return new Metric(name, null, unit, target, null, reason);
    }

    /** A KPI that is met when the value is at least the target (coverage, reduction). */
    public static Metric kpiAtLeast(String name, double value, String unit, double target) {
        double v = RATIO.equals(unit) ? round4(value) : value;
        return new Metric(name, v, unit, target, v >= target, null);
    }

    /** A KPI that is met when the value is at most the target (leavers with access). */
    public static Metric kpiAtMost(String name, double value, String unit, double target) {
        return new Metric(name, value, unit, target, value <= target, null);
    }

    @JsonIgnore
    public boolean isKpi() {
        return target != null;
    }

    @JsonIgnore
    public boolean isMissing() {
        return value == null;
    }

    static double round4(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }
}
