package dev.custos.common.report;

import java.util.List;

/**
 * What a KPI summary for managers shows, whatever it is written as (Markdown or HTML): the KPI
 * lines with target, value, met or missed and their trend, charts, the runs that failed or were
 * rerun, and links to the jobs' files.
 *
 * @param title    e.g. {@code Custos KPI report 2026}
 * @param period   the period reported on, e.g. {@code 2026}
 * @param subtitle one line under the title (what is covered, when it was generated)
 */
public record KpiReport(String title, String period, String subtitle, List<Section> sections, List<Chart> charts,
                        List<RunNote> runs, List<Link> links) {

    public KpiReport {
        sections = List.copyOf(sections);
        charts = List.copyOf(charts);
        runs = List.copyOf(runs);
        links = List.copyOf(links);
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

    /** A job file, {@code href} relative to where the report is written or to the link base it is rendered with. */
    public record Link(String label, String href) {
    }

    /** How many KPI lines are met, missed and missing. */
    public Tally tally() {
        int met = 0;
        int missed = 0;
        int missing = 0;
        for (Section section : sections) {
            for (KpiLine line : section.lines()) {
                switch (line.state()) {
                    case MET -> met++;
                    case MISSED -> missed++;
                    case MISSING -> missing++;
                    case FIGURE -> { }
                }
            }
        }
        return new Tally(met, missed, missing);
    }

    public record Tally(int met, int missed, int missing) {
    }
}
