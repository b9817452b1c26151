package dev.custos.scheduler.report;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.job.Control;
import dev.custos.common.command.CommandOutput;
import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.report.Chart;
import dev.custos.common.report.Figures;
import dev.custos.common.report.KpiLine;
import dev.custos.common.report.KpiReport;
import dev.custos.common.report.ReportSection;
import dev.custos.common.results.Metric;
import dev.custos.common.results.PeriodKpis;
import dev.custos.common.results.ResultsSchema;

/**
 * Builds the KPI report of a period P from the results schema: the KPIs of every job whose period
 * lies in P (a year's quarters, months and days; a quarter's months and days; a month's days),
 * each with the same KPI of the three periods before it; a missing line for every period of a
 * control that is over but has no completed run; the KPIs the controls compute over P and its
 * months ({@link PeriodKpis}, e.g. the backup success rate); the lines and charts the controls'
 * {@link ReportSection}s add; the failed runs and reruns of P and the warnings of its published
 * runs; and links to the jobs' files.
 *
 * <p>Daily KPIs are many: a day appears only when its KPI was missed or is missing; a KPI over P
 * and its months sums the days up. Sections are in the order of their job names, and so are the
 * charts of the {@link ReportSection}s.
 */
final class PeriodReportBuilder {

    /* Every period's text starts with its year: a LIKE on the year's prefix reads the year's
       periods only, and which of them lie in the reported period is decided in Java. */
    private static final String PUBLISHED =
            "SELECT job, period FROM {results}.period_result WHERE period LIKE ? ORDER BY job, period";
    private static final String RUN_NOTES = """
            SELECT execution_id, job, period, rerun, status, started_at, exit_message FROM {results}.run
            WHERE period LIKE ? AND (status <> 'COMPLETED' OR rerun > 0)""";
    /* The warnings of the published runs: a stale export (input_reused_from), a quarter without completions. */
    private static final String WARNING_NOTES = """
            SELECT r.execution_id, w.job, w.period, r.rerun, r.started_at, w.name, w.value, w.message
            FROM {results}.run_warning w
            JOIN {results}.period_result p ON p.job_instance_id = w.job_instance_id AND p.job = w.job AND p.period = w.period
            JOIN {results}.run r ON r.execution_id = p.execution_id
            WHERE w.period LIKE ?""";
    /* The alerts raised about the periods (custos serve's evaluation), with how many of their messages were delivered. */
    private static final String ALERTS = """
            SELECT a.incident_key, a.kind, a.job, a.period, a.state, a.opened_at_utc, a.resolved_at_utc, a.summary,
              (SELECT COUNT(*) FROM {results}.alert_delivery d
                WHERE d.incident_key = a.incident_key AND d.delivered_at_utc IS NOT NULL),
              (SELECT COUNT(*) FROM {results}.alert_delivery d
                WHERE d.incident_key = a.incident_key AND d.delivered_at_utc IS NULL)
            FROM {results}.alert a WHERE a.period LIKE ?""";
    static final String WARNING = "WARNING";
    private static final int TREND_PERIODS = 3;

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;
    private final List<Control> controls;
    private final List<PeriodKpis> periodKpis;
    private final List<ReportSection> reportSections;

    PeriodReportBuilder(JdbcTemplate jdbc, ResultsSchema schema, List<Control> controls, List<PeriodKpis> periodKpis,
                        List<ReportSection> reportSections) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.controls = controls;
        this.periodKpis = periodKpis.stream()
                .sorted(Comparator.comparing(PeriodKpis::jobName).thenComparing(PeriodKpis::name)).toList();
        this.reportSections = reportSections.stream().sorted(Comparator.comparing(ReportSection::jobName)).toList();
    }

    /** @param outbox where the jobs' files are: the report's links are relative to it */
    KpiReport build(Period period, LocalDate today, Instant now, Path outbox) {
        Period year = Period.containing(PeriodType.YEAR, period.end());
        Map<String, List<Period>> published = published(period, year);
        PublishedMetrics metrics = PublishedMetrics.of(jdbc, schema, trendStart(period).getYear(), year.end().getYear());
        Map<String, List<KpiLine>> byJob = new TreeMap<>();
        published.forEach((job, periods) -> periods.forEach(p -> byJob.computeIfAbsent(job, j -> new ArrayList<>())
                .addAll(lines(metrics, job, p, kpisOfOthers(job)))));
        for (Control control : controls) {
            if (control.periodType() == PeriodType.DAY || control.periodType().compareTo(period.type()) > 0) {
                continue;
            }
            List<Period> done = published.getOrDefault(control.jobName(), List.of());
            for (Period p : period.subPeriods(control.periodType())) {
                if (p.end().isBefore(today) && !done.contains(p)) {
                    byJob.computeIfAbsent(control.jobName(), j -> new ArrayList<>()).addAll(missingRun(control, p));
                }
            }
        }
        periodKpiLines(period, today).forEach((job, lines) -> byJob.computeIfAbsent(job, j -> new ArrayList<>())
                .addAll(0, lines));
        List<Chart> charts = new ArrayList<>();
        for (ReportSection section : reportSections) {
            List<KpiLine> lines = section.lines(period, today);
            if (!lines.isEmpty()) {
                byJob.computeIfAbsent(section.jobName(), j -> new ArrayList<>()).addAll(lines);
            }
            charts.addAll(section.charts(period, today));
        }
        byJob.values().forEach(lines -> lines.sort(Comparator.comparing((KpiLine l) -> Period.parse(l.period()))));

        Map<String, ReportSection> sectionsByJob = new LinkedHashMap<>();
        reportSections.forEach(section -> sectionsByJob.putIfAbsent(section.jobName(), section));
        List<KpiReport.Section> sections = new ArrayList<>();
        List<KpiReport.ControlSummary> summary = new ArrayList<>();
        byJob.forEach((job, lines) -> {
            Optional<ReportSection> section = Optional.ofNullable(sectionsByJob.get(job));
            List<KpiLine> labelled = lines.stream().map(line -> line.labelled(section
                    .flatMap(s -> s.label(line.metric().name())).orElse(line.metric().name()))).toList();
            String title = section.map(ReportSection::title).orElse(job);
            sections.add(new KpiReport.Section(title.equals(job) ? job : title + " (" + job + ")", labelled));
            latest(labelled, period).ifPresent(latest -> summary.add(new KpiReport.ControlSummary(title, latest,
                    KpiReport.tally(labelled), section.flatMap(s -> s.action(period, today, latest))
                    .orElseGet(() -> action(latest)))));
        });
        String subtitle = "%s %s (%s to %s): the KPIs of every control for the periods in it, with the three periods "
                + "before each as its trend; generated %s.";
        return new KpiReport("Custos KPI report " + period, period.toString(),
                subtitle.formatted(capitalized(period.type().word()), period, period.start(), period.end(),
                        DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS))),
                sections, charts, runs(period, year), ReportLinks.of(published, period, outbox), summary,
                alerts(period, year));
    }

    /**
     * The KPI of a control the executive summary shows: its KPI over the whole period where it has
     * one (e.g. the year's backup success rate), else its KPI of the latest period in it.
     */
    static Optional<KpiLine> latest(List<KpiLine> lines, Period period) {
        List<KpiLine> kpis = lines.stream()
                .filter(line -> line.status().isPresent() && Period.parse(line.period()).type() != PeriodType.DAY).toList();
        Optional<KpiLine> whole = kpis.stream().filter(line -> line.period().equals(period.toString())).findFirst();
        if (whole.isPresent()) {
            return whole;
        }
        return kpis.stream().max(Comparator.comparing((KpiLine line) -> Period.parse(line.period()).end()));
    }

    /** The sentence for a control whose section has none of its own. */
    static String action(KpiLine latest) {
        Metric m = latest.metric();
        return switch (latest.status().orElseThrow()) {
            case MET -> "On target: nothing to do.";
            case MISSED -> "%s missed in %s: %s against a target of %s; see the control's files below.".formatted(
                    latest.label(), latest.period(), Figures.value(m), Figures.target(m));
            case MISSING -> "%s of %s is missing (%s): run the control for it or record why it did not run.".formatted(
                    latest.label(), latest.period(), m.missingReason());
        };
    }

    /** (job -> periods in P) that have published results. */
    private Map<String, List<Period>> published(Period period, Period year) {
        Map<String, List<Period>> published = new LinkedHashMap<>();
        jdbc.query(schema.sql(PUBLISHED), rs -> {
            Period p = Period.parse(rs.getString(2));
            if (within(p, period)) {
                published.computeIfAbsent(rs.getString(1), j -> new ArrayList<>()).add(p);
            }
        }, yearPrefix(year));
        return published;
    }

    private static String yearPrefix(Period year) {
        return year + "%";
    }

    /** The first day a trend reaches back to: P's trend spans the longest, its sub-periods' are shorter. */
    private static LocalDate trendStart(Period period) {
        Period earliest = period;
        for (int i = 0; i < TREND_PERIODS; i++) {
            earliest = earliest.previous();
        }
        return earliest.start();
    }

    static boolean within(Period p, Period period) {
        return !p.start().isBefore(period.start()) && !p.end().isAfter(period.end());
    }

    /**
     * A period of {@code control} that is over without a completed run: each KPI the control
     * declares is missing (and counts so); a control that declares none gets one line saying so.
     */
    private static List<KpiLine> missingRun(Control control, Period p) {
        String reason = "no completed " + control.jobName() + " run for " + p;
        if (control.kpis().isEmpty()) {
            return List.of(KpiLine.of(control.jobName(), p.toString(), Metric.missing("run", Metric.COUNT, reason)));
        }
        return control.kpis().stream().map(kpi -> KpiLine.of(control.jobName(), p.toString(), kpi.missing(reason)))
                .toList();
    }

    /**
     * The names of the KPIs other controls compute over periods ({@link PeriodKpis}): a job that
     * publishes one of them (the rollup, its year's backup success rate) publishes a copy, listed
     * and counted under the control that owns it only.
     */
    private Set<String> kpisOfOthers(String job) {
        return periodKpis.stream().filter(kpis -> !kpis.jobName().equals(job)).map(PeriodKpis::name)
                .collect(Collectors.toSet());
    }

    /**
     * The KPIs and missing figures of one published (job, period) with their trend; figures
     * broken down by a dimension ({@code coverage.Sales}) are left to the job's own files, and
     * copies of other controls' KPIs to those controls.
     */
    private static List<KpiLine> lines(PublishedMetrics metrics, String job, Period p, Set<String> copies) {
        List<KpiLine> lines = new ArrayList<>();
        for (Metric metric : metrics.of(job, p)) {
            if (metric.name().contains(".") || !(metric.isKpi() || metric.isMissing()) || copies.contains(metric.name())) {
                continue;
            }
            if (p.type() == PeriodType.DAY && Boolean.TRUE.equals(metric.met())) {
                continue;
            }
            lines.add(new KpiLine(job, p.toString(), metric, trend(metrics, job, p, metric.name())));
        }
        return lines;
    }

    private static List<KpiLine.TrendPoint> trend(PublishedMetrics metrics, String job, Period p, String name) {
        List<KpiLine.TrendPoint> trend = new ArrayList<>();
        Period earlier = p;
        for (int i = 0; i < TREND_PERIODS; i++) {
            earlier = earlier.previous();
            Optional<Metric> metric = metrics.of(job, earlier).stream()
                    .filter(m -> m.name().equals(name)).findFirst();
            if (metric.isPresent()) {
                trend.add(0, new KpiLine.TrendPoint(earlier.toString(), metric.get().value()));
            }
        }
        return trend;
    }

    /** (job -> the lines of the KPIs its controls compute over P and its months), in the jobs' order. */
    private Map<String, List<KpiLine>> periodKpiLines(Period period, LocalDate today) {
        Map<String, List<KpiLine>> byJob = new LinkedHashMap<>();
        for (PeriodKpis kpis : periodKpis) {
            for (PeriodKpis.Kpi kpi : kpis.of(period, today)) {
                KpiLine line = KpiLine.of(kpis.jobName(), kpi.period().toString(), kpi.metric());
                if (kpi.period().equals(period)) {
                    line = line.withTrend(kpis.of(period.previous(), today).stream().limit(1)
                            .map(previous -> new KpiLine.TrendPoint(previous.period().toString(),
                                    previous.metric().value())).toList());
                }
                byJob.computeIfAbsent(kpis.jobName(), j -> new ArrayList<>()).add(line);
            }
        }
        return byJob;
    }

    /**
     * Runs of periods in P that failed, stopped, are still running, or were reruns; and the
     * published runs with a warning (status {@value #WARNING}), one note per warning.
     */
    private List<KpiReport.RunNote> runs(Period period, Period year) {
        List<KpiReport.RunNote> notes = new ArrayList<>();
        jdbc.query(schema.sql(RUN_NOTES), rs -> {
            if (within(Period.parse(rs.getString(3)), period)) {
                Timestamp startedAt = rs.getTimestamp(6);
                notes.add(new KpiReport.RunNote(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), startedAt == null ? "" : utc(startedAt),
                        rs.getString(7)));
            }
        }, yearPrefix(year));
        jdbc.query(schema.sql(WARNING_NOTES), rs -> {
            if (within(Period.parse(rs.getString(3)), period)) {
                Timestamp startedAt = rs.getTimestamp(5);
                notes.add(new KpiReport.RunNote(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), WARNING,
                        startedAt == null ? "" : utc(startedAt),
                        "%s %s: %s".formatted(rs.getString(6), rs.getString(7), rs.getString(8))));
            }
        }, yearPrefix(year));
        notes.sort(Comparator.comparingLong(KpiReport.RunNote::executionId));
        return notes;
    }

    private List<KpiReport.AlertNote> alerts(Period period, Period year) {
        List<KpiReport.AlertNote> alerts = new ArrayList<>();
        jdbc.query(schema.sql(ALERTS), rs -> {
            if (within(Period.parse(rs.getString(4)), period)) {
                Timestamp resolvedAt = rs.getTimestamp(7);
                alerts.add(new KpiReport.AlertNote(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), alertTime(rs.getTimestamp(6)), resolvedAt == null ? "" : alertTime(resolvedAt),
                        rs.getString(8), rs.getInt(9), rs.getInt(10)));
            }
        }, yearPrefix(year));
        alerts.sort(Comparator.comparing(KpiReport.AlertNote::openedAt).thenComparing(KpiReport.AlertNote::incident));
        return alerts;
    }

    /** An alert's time, stored as UTC wall-clock time ({@code *_utc}), in ISO-8601 UTC. */
    private static String alertTime(Timestamp utc) {
        return CommandOutput.utc(utc.toLocalDateTime().toInstant(ZoneOffset.UTC));
    }

    /** A run's time (Spring Batch keeps the JVM's local time) in ISO-8601 UTC: {@code 2026-01-02T05:00:00Z}. */
    static String utc(Timestamp time) {
        return CommandOutput.utc(time.toInstant());
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
