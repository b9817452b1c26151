package dev.custos.common.report;

import java.time.format.TextStyle;
import java.util.Locale;

import dev.custos.common.period.Period;
import dev.custos.common.results.Metric;

/** How figures read in reports: ratios as percent, counts as whole numbers, missing as "missing". */
public final class Figures {

    private Figures() {
    }

    public static String value(Double value, String unit) {
        if (value == null) {
            return "missing";
        }
        if (Metric.RATIO.equals(unit)) {
            return String.format(Locale.ROOT, "%.1f%%", value * 100);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%d", value.longValue()) + suffix(unit);
        }
        return String.format(Locale.ROOT, "%.1f", value) + suffix(unit);
    }

    public static String value(Metric metric) {
        return value(metric.value(), metric.unit());
    }

    /** The target with its direction: "&ge; 20.0%" for at-least KPIs, "&le; 0" for at-most ones. */
    public static String target(Metric metric) {
        if (!metric.isKpi()) {
            return "";
        }
        return (atMost(metric) ? "≤ " : "≥ ") + value(metric.target(), metric.unit());
    }

    /**
     * Whether lower is better: a KPI met by a value above its target, or missed by one below, is
     * an at-least KPI; otherwise an at-most one (e.g. leavers with access, target 0).
     */
    static boolean atMost(Metric metric) {
        if (metric.value() == null || metric.met() == null) {
            return metric.target() != null && metric.target() == 0.0;
        }
        boolean above = metric.value() > metric.target();
        boolean below = metric.value() < metric.target();
        if (above) {
            return !metric.met();
        }
        if (below) {
            return metric.met();
        }
        return metric.target() == 0.0;
    }

    /** Arrow and change against the previous value, e.g. "↑ +2.5 pts" or "↓ -3". */
    public static String change(KpiLine line) {
        KpiLine.TrendPoint previous = line.previous();
        Double now = line.metric().value();
        if (previous == null || now == null) {
            return "";
        }
        double delta = now - previous.value();
        String arrow = delta > 0 ? "↑" : delta < 0 ? "↓" : "→";
        String amount = Metric.RATIO.equals(line.metric().unit())
                ? String.format(Locale.ROOT, "%+.1f pts", delta * 100)
                : String.format(Locale.ROOT, delta == Math.rint(delta) ? "%+.0f" : "%+.1f", delta);
        return arrow + " " + amount + " vs " + previous.period();
    }

    /** The trend as text: "2025-Q3 91.0% · 2025-Q4 92.5%". */
    public static String trend(KpiLine line) {
        StringBuilder text = new StringBuilder();
        for (KpiLine.TrendPoint point : line.trend()) {
            if (!text.isEmpty()) {
                text.append(" · ");
            }
            text.append(point.period()).append(' ').append(value(point.value(), line.metric().unit()));
        }
        return text.toString();
    }

    /** "met", "missed" or "missing"; empty for a figure without a target. */
    public static String state(KpiLine line) {
        return line.status().map(status -> status.name().toLowerCase(Locale.ROOT)).orElse("");
    }

    /**
     * A period as a chart's category within its year, as people write it: a month {@code Jan},
     * a quarter {@code Q1}, a day {@code 3 Jan}; a year as it is.
     */
    public static String category(Period period) {
        return switch (period.type()) {
            case MONTH -> period.start().getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case QUARTER -> "Q" + (period.start().getMonthValue() + 2) / 3;
            case DAY -> period.start().getDayOfMonth() + " "
                    + period.start().getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            default -> period.toString();
        };
    }

    private static String suffix(String unit) {
        if (unit == null || Metric.COUNT.equals(unit) || unit.isBlank()) {
            return "";
        }
        return " " + unit;
    }
}
