package dev.custos.common.report;

import java.util.List;

import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.results.KpiStatus;

/**
 * What a KPI summary for managers shows, whatever it is written as (Markdown or HTML): the KPI
 * lines with target, value, met or missed and their trend, charts, the runs that failed or were
 * rerun, the alerts raised about its periods (a platform's report; null in a control's own summary,
 * which does not cover them), and links to the jobs' files.
 *
 * @param title    e.g. {@code Custos KPI report 2026}
 * @param period   the period reported on, e.g. {@code 2026}
 * @param subtitle one line under the title (what is covered, when it was generated)
 */
public record KpiReport(String title, String period, String subtitle, List<Section> sections, List<Chart> charts,
                        List<RunNote> runs, List<Link> links, List<ControlSummary> summary, List<AlertNote> alerts) {

    public KpiReport {
        sections = List.copyOf(sections);
        charts = List.copyOf(charts);
        runs = List.copyOf(runs);
        links = List.copyOf(links);
        summary = List.copyOf(summary);
        alerts = alerts == null ? null : List.copyOf(alerts);
    }

    /** A report that does not cover alerts. */
    public KpiReport(String title, String period, String subtitle, List<Section> sections, List<Chart> charts,
                     List<RunNote> runs, List<Link> links, List<ControlSummary> summary) {
        this(title, period, subtitle, sections, charts, runs, links, summary, null);
    }

    /** A report without an executive summary. */
    public KpiReport(String title, String period, String subtitle, List<Section> sections, List<Chart> charts,
                     List<RunNote> runs, List<Link> links) {
        this(title, period, subtitle, sections, charts, runs, links, List.of());
    }

    /**
     * One control's row of the executive summary: its KPI that matters most now ({@code latest}:
     * of the whole period where it has one, else of its latest period in it), how its KPIs of
     * the period stand, and one sentence of what to do.
     */
    public record ControlSummary(String control, KpiLine latest, KpiStatus.Tally tally, String action) {
    }

    /** Lines of KPIs under one heading, e.g. one job's. */
    public record Section(String heading, List<KpiLine> lines) {
        public Section {
            lines = List.copyOf(lines);
        }
    }

    /** A failed, stopped or still-running execution, or a rerun, of a period in the report. */
    public record RunNote(long executionId, String job, String period, int rerun, String status, String startedAt,
                          String message) {
    }

    /**
     * An alert raised about a period in the report: its incident, kind, state (OPEN or RESOLVED), when it opened
     * and resolved (ISO-8601 UTC, empty while open), its summary (job, period and figures only), and how many of
     * its messages the channels delivered and how many they did not (yet).
     */
    public record AlertNote(String incident, String kind, String job, String period, String state, String openedAt,
                            String resolvedAt, String summary, int delivered, int undelivered) {
    }

    /**
     * A job file, {@code href} relative to where the report is written or to the link base it is
     * rendered with; where the file is kept, written out, so that the link still names it when the
     * report travels alone: its path in the outbox and its key in the blob store (null if unknown).
     */
    public record Link(String label, String href, String outboxPath, String storeKey) {

        public Link(String label, String href) {
            this(label, href, null, null);
        }
    }

    /**
     * How many KPIs of the report are met, missed and missing ({@link KpiStatus}): each line of a
     * KPI once, except a day's: a KPI measured daily is counted through the KPI of the period
     * spanning the days (e.g. a success rate), and the report shows only the days that failed.
     */
    public KpiStatus.Tally tally() {
        return tally(sections.stream().flatMap(section -> section.lines().stream()).toList());
    }

    /** The tally of {@code lines} as {@link #tally()} counts a report's. */
    public static KpiStatus.Tally tally(List<KpiLine> lines) {
        KpiStatus.Tally tally = KpiStatus.Tally.NONE;
        for (KpiLine line : lines) {
            if (Period.parse(line.period()).type() != PeriodType.DAY && line.status().isPresent()) {
                tally = tally.plus(line.status().get());
            }
        }
        return tally;
    }
}
