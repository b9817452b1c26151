package dev.custos.common.report;

import java.time.LocalDate;
import java.util.List;

import dev.custos.common.period.Period;

/**
 * What a control adds to the KPI report of a period (Markdown and HTML) beyond the KPIs its runs
 * published and its {@link dev.custos.common.results.PeriodKpis}: lines for its section's table,
 * and charts. A job module contributes at most one bean; the report lays the sections out in the
 * order of their job names and knows no job.
 */
public interface ReportSection {

    /** The control whose section of the report the lines go to. */
    String jobName();

    /** Figures of {@code period} for the job's table, as they stood on {@code today}. */
    default List<KpiLine> lines(Period period, LocalDate today) {
        return List.of();
    }

    /** Charts for the report of {@code period}, as they stood on {@code today}. */
    default List<Chart> charts(Period period, LocalDate today) {
        return List.of();
    }
}
