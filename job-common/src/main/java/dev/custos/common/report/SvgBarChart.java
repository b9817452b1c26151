package dev.custos.common.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.custos.common.results.Metric;

/**
 * Draws a {@link Chart} as an inline SVG bar chart: a legend on a row of its own above the plot,
 * a value axis (0-100% for ratios, 0 to a rounded maximum for counts), bars with their values,
 * a dashed target line, and "n/a" where a figure is missing. A chart with a target colours each
 * bar by whether it meets the target, green or red, and marks its value with ✓ or ✗, so that the
 * colour is never the only sign. Texts never overlap: the target is named in the legend, not on
 * its line, and a value label is left out where it would not fit over its bar (the bar's title
 * and the tables still give it).
 */
public final class SvgBarChart {

    static final String[] COLOURS = {"#2f6db3", "#e08a1e", "#3a9a5b", "#8a55b0"};
    static final String MET = "#2e7d32";
    static final String MISSED = "#c62828";
    static final String MISSING = "#757575";
    private static final String TARGET = "#6a1b9a";
    private static final int WIDTH = 720;
    private static final int HEIGHT = 280;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 48;
    private static final int BOTTOM = 28;
    private static final int LEGEND_Y = 16;
    /* average advance of DejaVu Sans, the widest of the fonts the page asks for, per pixel of size */
    private static final double CHAR_WIDTH = 0.62;

    private SvgBarChart() {
    }

    public static String render(Chart chart) {
        boolean ratio = Metric.RATIO.equals(chart.unit());
        double max = ratio ? 1.0 : niceMax(chart);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"100%\" aria-label=\"")
                .append(Html.escape(chart.title())).append("\">\n");
        svg.append("<title>").append(Html.escape(chart.title())).append("</title>\n");
        legend(chart, svg);
        for (int tick = 0; tick <= 4; tick++) {
            double value = max * tick / 4;
            double y = TOP + plotHeight - plotHeight * tick / 4.0;
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#d9d9d9", false));
            svg.append(text(LEFT - 6, y + 4, "end", "#555", 12, axisLabel(value, ratio)));
        }
        if (chart.target() != null) {
            double y = TOP + plotHeight - Math.min(chart.target(), max) / max * plotHeight;
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, TARGET, true));
        }
        int groups = Math.max(1, chart.categories().size());
        int seriesCount = Math.max(1, chart.series().size());
        double groupWidth = (double) plotWidth / groups;
        double barWidth = Math.min(48, groupWidth * 0.7 / seriesCount);
        double labelRoom = Math.min(groupWidth / seriesCount, barWidth + (groupWidth - barWidth * seriesCount) / 2);
        for (int g = 0; g < chart.categories().size(); g++) {
            double groupStart = LEFT + g * groupWidth + (groupWidth - barWidth * seriesCount) / 2;
            int index = g;
            boolean allMissing = chart.series().stream().allMatch(series -> series.values().get(index) == null);
            if (allMissing && width("n/a", 11) <= groupWidth - 2) {
                svg.append(text(LEFT + g * groupWidth + groupWidth / 2, TOP + plotHeight - 4, "middle", MISSING, 11,
                        "n/a"));
            }
            for (int s = 0; s < chart.series().size(); s++) {
                Double value = chart.series().get(s).values().get(g);
                double x = groupStart + s * barWidth;
                if (value == null) {
                    if (!allMissing && width("n/a", 11) <= labelRoom - 2) {
                        svg.append(text(x + barWidth / 2, TOP + plotHeight - 4, "middle", MISSING, 11, "n/a"));
                    }
                    continue;
                }
                double h = Math.max(0, Math.min(value, max)) / max * plotHeight;
                double y = TOP + plotHeight - h;
                Boolean meets = chart.meets(value);
                String colour = meets == null ? COLOURS[s % COLOURS.length] : meets ? MET : MISSED;
                String verdict = meets == null ? "" : meets ? " (met)" : " (missed)";
                svg.append("<rect class=\"bar").append(meets == null ? "" : meets ? " met" : " missed")
                        .append("\" x=\"").append(n(x + 1)).append("\" y=\"").append(n(y))
                        .append("\" width=\"").append(n(barWidth - 2)).append("\" height=\"").append(n(h))
                        .append("\" fill=\"").append(colour).append("\"><title>")
                        .append(Html.escape(chart.categories().get(g) + " " + chart.series().get(s).name() + ": "
                                + Figures.value(value, chart.unit()) + verdict))
                        .append("</title></rect>\n");
                String label = fitting(Figures.value(value, chart.unit()), meets, labelRoom);
                if (label != null) {
                    // a white halo keeps the value readable where the target line runs behind it
                    svg.append(text(x + barWidth / 2, y - 4, "middle", meets == null ? "#222" : colour, 11, label)
                            .replace("<text ", "<text stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\" "));
                }
            }
            svg.append(text(LEFT + g * groupWidth + groupWidth / 2, TOP + plotHeight + 16, "middle", "#333", 12,
                    chart.categories().get(g)));
        }
        svg.append(line(LEFT, TOP + plotHeight, WIDTH - RIGHT, TOP + plotHeight, "#333", false));
        if (!chart.hasData()) {
            svg.append(text(WIDTH / 2.0, TOP + plotHeight / 2.0, "middle", MISSING, 12, "no data recorded"));
        }
        return svg.append("</svg>\n").toString();
    }

    /** The legend's entries in one row above the plot: met, missed and the target, or the series. */
    private static void legend(Chart chart, StringBuilder svg) {
        List<String[]> entries = new ArrayList<>();
        if (chart.target() != null) {
            entries.add(new String[] {"box", MET, "✓ met"});
            entries.add(new String[] {"box", MISSED, "✗ missed"});
            entries.add(new String[] {"line", TARGET, "target " + (chart.lowerIsBetter() ? "≤ " : "≥ ")
                    + Figures.value(chart.target(), chart.unit())});
        } else if (chart.series().size() > 1) {
            for (int s = 0; s < chart.series().size(); s++) {
                entries.add(new String[] {"box", COLOURS[s % COLOURS.length], chart.series().get(s).name()});
            }
        }
        if (chart.series().stream().anyMatch(s -> s.values().contains(null))) {
            entries.add(new String[] {"none", MISSING, "n/a = missing"});
        }
        double x = LEFT;
        for (String[] entry : entries) {
            switch (entry[0]) {
                case "box" -> svg.append("<rect x=\"").append(n(x)).append("\" y=\"").append(LEGEND_Y - 9)
                        .append("\" width=\"10\" height=\"10\" fill=\"").append(entry[1]).append("\"/>\n");
                case "line" -> svg.append(line(x - 4, LEGEND_Y - 4, x + 12, LEGEND_Y - 4, entry[1], true));
                default -> x -= 14;
            }
            svg.append(text(x + 14, LEGEND_Y, "start", entry[0].equals("box") ? "#333" : entry[1], 12, entry[2]));
            x += 14 + width(entry[2], 12) + 18;
        }
    }

    /** The value label with its ✓ or ✗, without the mark, or null, whichever first fits in {@code room}. */
    private static String fitting(String value, Boolean meets, double room) {
        String marked = meets == null ? value : (meets ? "✓ " : "✗ ") + value;
        if (width(marked, 11) <= room - 2) {
            return marked;
        }
        return width(value, 11) <= room - 2 ? value : null;
    }

    private static double width(String text, int size) {
        return text.length() * size * CHAR_WIDTH;
    }

    private static double niceMax(Chart chart) {
        double max = chart.series().stream().flatMap(s -> s.values().stream())
                .filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0);
        if (chart.target() != null) {
            max = Math.max(max, chart.target());
        }
        if (max <= 0) {
            return 4;
        }
        double step = max / 4;
        double magnitude = Math.pow(10, Math.floor(Math.log10(step)));
        for (double nice : new double[] {1, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (nice * magnitude >= step) {
                return Math.max(4, 4 * nice * magnitude);
            }
        }
        return 40 * magnitude;
    }

    private static String axisLabel(double value, boolean ratio) {
        if (ratio) {
            return String.format(Locale.ROOT, "%.0f%%", value * 100);
        }
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, boolean dashed) {
        return "<line x1=\"" + n(x1) + "\" y1=\"" + n(y1) + "\" x2=\"" + n(x2) + "\" y2=\"" + n(y2) + "\" stroke=\""
                + colour + "\"" + (dashed ? " stroke-dasharray=\"6 4\" stroke-width=\"2\"" : "") + "/>\n";
    }

    private static String text(double x, double y, String anchor, String colour, int size, String content) {
        return "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" text-anchor=\"" + anchor + "\" fill=\"" + colour
                + "\" font-size=\"" + size + "\">" + Html.escape(content) + "</text>\n";
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
