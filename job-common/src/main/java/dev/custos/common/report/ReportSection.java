package dev.custos.common.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import dev.custos.common.period.Period;

/**
 * What a control adds to the KPI report of a period (Markdown and HTML) beyond the KPIs its runs
 * published and its {@link dev.custos.common.results.PeriodKpis}: its name and its figures' names
 * as a manager reads them, the one sentence of what to do in the executive summary, lines for its
 * section's table, and charts. A job module contributes at most one bean; the report lays the
 * sections out in the order of their job names and knows no job.
 */
public interface ReportSection {

    /** The control whose section of the report the lines go to. */
    String jobName();

    /** The control as a manager names it, e.g. "Permission reconciliation". */
    default String title() {
        return jobName();
    }

    /** A figure's name as a manager reads it, e.g. "Critical findings" for {@code findings.CRITICAL}; empty: the name. */
    default Optional<String> label(String figure) {
        return Optional.empty();
    }

    /**
     * One sentence of what to do about {@code latest}, the control's KPI the executive summary of
     * the report of {@code period} shows, e.g. "5 leavers still have access: revoke the grants
     * listed in revocations.csv of 2025-12."; empty: the report's own sentence for its status.
     */
    default Optional<String> action(Period period, LocalDate today, KpiLine latest) {
        return Optional.empty();
    }

    /** Figures of {@code period} for the job's table, as they stood on {@code today}. */
    default List<KpiLine> lines(Period period, LocalDate today) {
        return List.of();
    }

    /** Charts for the report of {@code period}, as they stood on {@code today}. */
    default List<Chart> charts(Period period, LocalDate today) {
        return List.of();
    }
}
