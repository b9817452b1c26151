package dev.custos.common.report;

import java.util.Locale;

import dev.custos.common.results.Metric;

/**
 * Draws a {@link Chart} as an inline SVG bar chart: a value axis (0-100% for ratios, 0 to a
 * rounded maximum for counts), bars with their values, a dashed target line, a legend when there
 * are several series, and "n/a" where a figure is missing.
 */
public final class SvgBarChart {

    static final String[] COLOURS = {"#2f6db3", "#e08a1e", "#3a9a5b", "#8a55b0"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 260;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 44;

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
        for (int tick = 0; tick <= 4; tick++) {
            double value = max * tick / 4;
            double y = TOP + plotHeight - plotHeight * tick / 4.0;
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#d9d9d9", false));
            svg.append(text(LEFT - 6, y + 4, "end", "#555", axisLabel(value, ratio)));
        }
        int groups = Math.max(1, chart.categories().size());
        int seriesCount = Math.max(1, chart.series().size());
        double groupWidth = (double) plotWidth / groups;
        double barWidth = Math.min(48, groupWidth * 0.7 / seriesCount);
        for (int g = 0; g < chart.categories().size(); g++) {
            double groupStart = LEFT + g * groupWidth + (groupWidth - barWidth * seriesCount) / 2;
            for (int s = 0; s < chart.series().size(); s++) {
                Double value = chart.series().get(s).values().get(g);
                double x = groupStart + s * barWidth;
                if (value == null) {
                    svg.append(text(x + barWidth / 2, TOP + plotHeight - 4, "middle", "#999", "n/a"));
                    continue;
                }
                double h = Math.max(0, Math.min(value, max)) / max * plotHeight;
                double y = TOP + plotHeight - h;
                svg.append("<rect class=\"bar\" x=\"").append(n(x + 1)).append("\" y=\"").append(n(y))
                        .append("\" width=\"").append(n(barWidth - 2)).append("\" height=\"").append(n(h))
                        .append("\" fill=\"").append(COLOURS[s % COLOURS.length]).append("\"><title>")
                        .append(Html.escape(chart.categories().get(g) + " " + chart.series().get(s).name() + ": "
                                + Figures.value(value, chart.unit())))
                        .append("</title></rect>\n");
                if (groups * seriesCount <= 16) {
                    svg.append(text(x + barWidth / 2, y - 4, "middle", "#222", Figures.value(value, chart.unit())));
                }
            }
            svg.append(text(LEFT + g * groupWidth + groupWidth / 2, TOP + plotHeight + 16, "middle", "#333",
                    chart.categories().get(g)));
        }
        if (chart.target() != null) {
            double y = TOP + plotHeight - Math.min(chart.target(), max) / max * plotHeight;
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#c0392b", true));
            svg.append(text(WIDTH - RIGHT, y - 4, "end", "#c0392b", "target " + Figures.value(chart.target(), chart.unit())));
        }
        svg.append(line(LEFT, TOP + plotHeight, WIDTH - RIGHT, TOP + plotHeight, "#333", false));
        if (chart.series().size() > 1) {
            double x = LEFT;
            for (int s = 0; s < chart.series().size(); s++) {
                svg.append("<rect x=\"").append(n(x)).append("\" y=\"").append(HEIGHT - 16).append("\" width=\"10\" height=\"10\" fill=\"")
                        .append(COLOURS[s % COLOURS.length]).append("\"/>\n");
                svg.append(text(x + 14, HEIGHT - 7, "start", "#333", chart.series().get(s).name()));
                x += 24 + 8 * chart.series().get(s).name().length();
            }
        }
        if (!chart.hasData()) {
            svg.append(text(WIDTH / 2.0, TOP + plotHeight / 2.0, "middle", "#999", "no data recorded"));
        }
        return svg.append("</svg>\n").toString();
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

    private static String text(double x, double y, String anchor, String colour, String content) {
        return "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" text-anchor=\"" + anchor + "\" fill=\"" + colour
                + "\" font-size=\"12\">" + Html.escape(content) + "</text>\n";
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
