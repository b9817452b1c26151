package dev.custos.common.report;

import java.util.List;

import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.results.KpiStatus;

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

    /**
     * How many KPIs of the report are met, missed and missing ({@link KpiStatus}): each line of a
     * KPI once, except a day's: a KPI measured daily is counted through the KPI of the period
     * spanning the days (e.g. a success rate), and the report shows only the days that failed.
     */
    public KpiStatus.Tally tally() {
        KpiStatus.Tally tally = KpiStatus.Tally.NONE;
        for (Section section : sections) {
            for (KpiLine line : section.lines()) {
                if (Period.parse(line.period()).type() != PeriodType.DAY && line.status().isPresent()) {
                    tally = tally.plus(line.status().get());
                }
            }
        }
        return tally;
    }
}
