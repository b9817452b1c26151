package dev.custos.scheduler.web;

import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

/**
 * The KPI report's HTML page cut down to what the console shows inside its own page: the body's
 * text, tables, badges and SVG charts with their classes (styled by the console's
 * {@code css/report.css}), and nothing that could run or load anything: no script, style, event
 * handler or link (the report's links are relative to the outbox and lead nowhere in the console;
 * their text and where the file is kept stay).
 */
final class ReportHtml {

    private static final Safelist SAFE = Safelist.relaxed()
            .removeTags("a", "img")
            .addTags("figure", "figcaption", "svg", "g", "rect", "line", "text", "title")
            .addAttributes(":all", "class", "title", "role", "aria-label")
            .addAttributes("svg", "viewBox", "viewbox", "width", "height")
            .addAttributes("rect", "x", "y", "width", "height", "fill")
            .addAttributes("line", "x1", "x2", "y1", "y2", "stroke", "stroke-width", "stroke-dasharray")
            .addAttributes("text", "x", "y", "text-anchor", "fill", "font-size", "paint-order", "stroke",
                    "stroke-width");

    private ReportHtml() {
    }

    /** The safe content of the report page's body. */
    static String body(String reportPage) {
        return Jsoup.clean(Jsoup.parse(reportPage).body().html(), SAFE);
    }
}
