package dev.custos.scheduler.report;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.job.Control;
import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.report.KpiLine;
import dev.custos.common.report.KpiReport;
import dev.custos.common.results.BackupSuccess;
import dev.custos.common.results.Metric;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.ResultsSchema;
import dev.custos.jobs.rollup.AuditRollupJobConfig;
import dev.custos.jobs.rollup.RollupCharts;
import dev.custos.jobs.rollup.YearFigures;

/**
 * Builds the KPI report of a period P from the results schema: the KPIs of every job whose period
 * lies in P (a year's quarters, months and days; a quarter's months and days; a month's days),
 * each with the same KPI of the three periods before it; a missing line for every period of a
 * control that is over but has no completed run; the backup success rate of P and of its months;
 * the charts of the year P ends in; the failed runs and reruns of P; and links to the jobs' files.
 *
 * <p>Daily KPIs are many: a day appears only when its KPI was missed or is missing; the backup
 * success rate of P and of its months sums the days up.
 */
final class PeriodReportBuilder {

    /* Every period's text starts with its year: a LIKE on the year's prefix reads the year's
       periods only, and which of them lie in the reported period is decided in Java. */
    private static final String PUBLISHED =
            "SELECT job, period FROM {results}.period_result WHERE period LIKE ? ORDER BY job, period";
    private static final String RUN_NOTES = """
            SELECT execution_id, job, period, rerun, status, started_at, exit_message FROM {results}.run
            WHERE period LIKE ? AND (status <> 'COMPLETED' OR rerun > 0)""";
    private static final int TREND_PERIODS = 3;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;
    private final BackupSuccess backups;
    private final YearFigures yearFigures;
    private final List<Control> controls;

    PeriodReportBuilder(ResultsRepository results, JdbcTemplate jdbc, ResultsSchema schema, List<Control> controls) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.backups = new BackupSuccess(jdbc, schema);
        this.yearFigures = new YearFigures(results, backups);
        this.controls = controls;
    }

    /** @param outbox where the jobs' files are: the report's links are relative to it */
    KpiReport build(Period period, LocalDate today, LocalDateTime now, Path outbox) {
        Period year = Period.containing(PeriodType.YEAR, period.end());
        Map<String, List<Period>> published = published(period, year);
        PublishedMetrics metrics = PublishedMetrics.of(jdbc, schema, trendStart(period).getYear(), year.end().getYear());
        Map<String, List<KpiLine>> byJob = new TreeMap<>();
        published.forEach((job, periods) -> periods.forEach(p -> byJob.computeIfAbsent(job, j -> new ArrayList<>())
                .addAll(lines(metrics, job, p))));
        for (Control control : controls) {
            if (control.periodType() == PeriodType.DAY || control.periodType().compareTo(period.type()) > 0) {
                continue;
            }
            List<Period> done = published.getOrDefault(control.jobName(), List.of());
            for (Period p : period.subPeriods(control.periodType())) {
                if (p.end().isBefore(today) && !done.contains(p)) {
                    byJob.computeIfAbsent(control.jobName(), j -> new ArrayList<>()).add(KpiLine.of(control.jobName(),
                            p.toString(), Metric.missing("run", Metric.COUNT, "no completed " + control.jobName()
                                    + " run for " + p)));
                }
            }
        }
        List<BackupSuccess.Rate> yearRates = backups.rateAndMonths(year, today);
        byJob.computeIfAbsent(BackupSuccess.JOB, j -> new ArrayList<>())
                .addAll(0, backupLines(backupRates(period, year, yearRates, today)));
        byJob.values().forEach(lines -> lines.sort(Comparator.comparing((KpiLine l) -> Period.parse(l.period()))));

        List<KpiReport.Section> sections = new ArrayList<>();
        byJob.forEach((job, lines) -> sections.add(new KpiReport.Section(job, lines)));
        String subtitle = "%s %s (%s to %s): the KPIs of every control for the periods in it, with the three periods "
                + "before each as its trend; generated %s.";
        return new KpiReport("Custos KPI report " + period, period.toString(),
                subtitle.formatted(capitalized(period.type().word()), period, period.start(), period.end(),
                        TIME.format(now)),
                sections, RollupCharts.of(year, yearFigures(metrics, year, today, yearRates)), runs(period, year),
                ReportLinks.of(published, period, outbox));
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
     * The KPIs and missing figures of one published (job, period) with their trend; figures
     * broken down by a dimension ({@code coverage.Sales}) are left to the job's own files.
     */
    private static List<KpiLine> lines(PublishedMetrics metrics, String job, Period p) {
        List<KpiLine> lines = new ArrayList<>();
        for (Metric metric : metrics.of(job, p)) {
            if (metric.name().contains(".") || !(metric.isKpi() || metric.isMissing())) {
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

    /** The backup success rate of P, and of each of its months when P is longer than a month; the year's are read once. */
    private List<BackupSuccess.Rate> backupRates(Period period, Period year, List<BackupSuccess.Rate> yearRates,
                                                 LocalDate today) {
        if (period.type() == PeriodType.DAY) {
            return List.of();
        }
        return period.equals(year) ? yearRates : backups.rateAndMonths(period, today);
    }

    private static List<KpiLine> backupLines(List<BackupSuccess.Rate> rates) {
        return rates.stream().map(rate -> KpiLine.of(BackupSuccess.JOB, rate.period().toString(),
                rate.metric(YearFigures.BACKUP_SUCCESS_RATE))).toList();
    }

    /** The year's figures as the rollup names them, with the rollup's findings by severity when it ran. */
    private Map<String, Metric> yearFigures(PublishedMetrics metrics, Period year, LocalDate today,
                                            List<BackupSuccess.Rate> yearRates) {
        Map<String, Metric> figures = new LinkedHashMap<>();
        yearFigures.of(year, today, yearRates).forEach(m -> figures.put(m.name(), m));
        metrics.of(AuditRollupJobConfig.JOB_NAME, year).forEach(m -> figures.putIfAbsent(m.name(), m));
        return figures;
    }

    /** Runs of periods in P that failed, stopped, are still running, or were reruns. */
    private List<KpiReport.RunNote> runs(Period period, Period year) {
        List<KpiReport.RunNote> notes = new ArrayList<>();
        jdbc.query(schema.sql(RUN_NOTES), rs -> {
            if (within(Period.parse(rs.getString(3)), period)) {
                Timestamp startedAt = rs.getTimestamp(6);
                notes.add(new KpiReport.RunNote(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), startedAt == null ? "" : TIME.format(startedAt.toLocalDateTime()),
                        rs.getString(7)));
            }
        }, yearPrefix(year));
        notes.sort(Comparator.comparingLong(KpiReport.RunNote::executionId));
        return notes;
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
