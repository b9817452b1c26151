package dev.custos.common.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A bar chart: one bar per category and series (e.g. quarters; or severities with last year and
 * this year side by side). A null value is a missing figure, drawn as a gap marked "n/a".
 *
 * @param unit          {@code ratio} (drawn as percent, axis 0-100%) or a count unit
 * @param target        a target line, or null; with one, each bar is coloured and marked as met or missed
 * @param lowerIsBetter whether a value meets the target by being at most it (leavers with access, target 0)
 *                      rather than at least it
 */
public record Chart(String title, String unit, Double target, List<String> categories, List<Series> series,
                    boolean lowerIsBetter) {

    public Chart(String title, String unit, Double target, List<String> categories, List<Series> series) {
        this(title, unit, target, categories, series, false);
    }

    public Chart {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        for (Series s : series) {
            if (s.values().size() != categories.size()) {
                throw new IllegalArgumentException("series " + s.name() + " of chart " + title + " has "
                        + s.values().size() + " values for " + categories.size() + " categories");
            }
        }
    }

    /** A chart of one series. */
    public static Chart single(String title, String unit, Double target, List<String> categories, List<Double> values) {
        return new Chart(title, unit, target, categories, List.of(new Series(title, values)));
    }

    /** The same chart, met by values at most its target. */
    public Chart whereLowerIsBetter() {
        return new Chart(title, unit, target, categories, series, true);
    }

    /** Whether {@code value} meets the target; null without a target or a value. */
    public Boolean meets(Double value) {
        if (target == null || value == null) {
            return null;
        }
        return lowerIsBetter ? value <= target : value >= target;
    }

    public boolean hasData() {
        return series.stream().anyMatch(s -> s.values().stream().anyMatch(v -> v != null));
    }

    public record Series(String name, List<Double> values) {
        public Series {
            // not List.copyOf: it refuses the nulls that stand for missing figures
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }
    }
}
