package dev.custos.scheduler.report;

import java.nio.file.Path;
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
import dev.custos.common.results.RunFilter;
import dev.custos.common.results.RunRow;
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

    private static final String PUBLISHED = "SELECT job, period FROM {results}.period_result ORDER BY job, period";
    private static final int TREND_PERIODS = 3;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ResultsRepository results;
    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;
    private final BackupSuccess backups;
    private final List<Control> controls;

    PeriodReportBuilder(ResultsRepository results, JdbcTemplate jdbc, ResultsSchema schema, List<Control> controls) {
        this.results = results;
        this.jdbc = jdbc;
        this.schema = schema;
        this.backups = new BackupSuccess(jdbc, schema);
        this.controls = controls;
    }

    /**
     * @param reportDir where the report file goes: links to the job files are relative to it
     * @param outbox    where the jobs' files are
     */
    KpiReport build(Period period, LocalDate today, LocalDateTime now, Path outbox, Path reportDir) {
        Map<String, List<Period>> published = published(period);
        Map<String, List<KpiLine>> byJob = new TreeMap<>();
        published.forEach((job, periods) -> periods.forEach(p -> byJob.computeIfAbsent(job, j -> new ArrayList<>())
                .addAll(lines(job, p))));
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
        byJob.computeIfAbsent(BackupSuccess.JOB, j -> new ArrayList<>()).addAll(0, backupLines(period, today));
        byJob.values().forEach(lines -> lines.sort(Comparator.comparing((KpiLine l) -> Period.parse(l.period()))));

        List<KpiReport.Section> sections = new ArrayList<>();
        byJob.forEach((job, lines) -> sections.add(new KpiReport.Section(job, lines)));
        Period year = Period.containing(PeriodType.YEAR, period.end());
        String subtitle = "%s %s (%s to %s): the KPIs of every control for the periods in it, with the three periods "
                + "before each as its trend; generated %s.";
        return new KpiReport("Custos KPI report " + period, period.toString(),
                subtitle.formatted(capitalized(period.type().word()), period, period.start(), period.end(),
                        TIME.format(now)),
                sections, RollupCharts.of(year, yearFigures(year, today)), runs(period),
                ReportLinks.of(published, period, outbox, reportDir));
    }

    /** (job -> periods in P) that have published results. */
    private Map<String, List<Period>> published(Period period) {
        Map<String, List<Period>> published = new LinkedHashMap<>();
        jdbc.query(schema.sql(PUBLISHED), rs -> {
            Period p = Period.parse(rs.getString(2));
            if (within(p, period)) {
                published.computeIfAbsent(rs.getString(1), j -> new ArrayList<>()).add(p);
            }
        });
        return published;
    }

    static boolean within(Period p, Period period) {
        return !p.start().isBefore(period.start()) && !p.end().isAfter(period.end());
    }

    /**
     * The KPIs and missing figures of one published (job, period) with their trend; figures
     * broken down by a dimension ({@code coverage.Sales}) are left to the job's own files.
     */
    private List<KpiLine> lines(String job, Period p) {
        List<KpiLine> lines = new ArrayList<>();
        for (Metric metric : results.metrics(job, p.toString())) {
            if (metric.name().contains(".") || !(metric.isKpi() || metric.isMissing())) {
                continue;
            }
            if (p.type() == PeriodType.DAY && Boolean.TRUE.equals(metric.met())) {
                continue;
            }
            lines.add(new KpiLine(job, p.toString(), metric, trend(job, p, metric.name())));
        }
        return lines;
    }

    private List<KpiLine.TrendPoint> trend(String job, Period p, String name) {
        List<KpiLine.TrendPoint> trend = new ArrayList<>();
        Period earlier = p;
        for (int i = 0; i < TREND_PERIODS; i++) {
            earlier = earlier.previous();
            Optional<Metric> metric = results.metrics(job, earlier.toString()).stream()
                    .filter(m -> m.name().equals(name)).findFirst();
            if (metric.isPresent()) {
                trend.add(0, new KpiLine.TrendPoint(earlier.toString(), metric.get().value()));
            }
        }
        return trend;
    }

    /** The backup success rate of P, and of each of its months when P is longer than a month. */
    private List<KpiLine> backupLines(Period period, LocalDate today) {
        List<KpiLine> lines = new ArrayList<>();
        if (period.type() == PeriodType.DAY) {
            return lines;
        }
        BackupSuccess.Rate rate = backups.rate(period, today);
        lines.add(KpiLine.of(BackupSuccess.JOB, period.toString(), rate.metric(YearFigures.BACKUP_SUCCESS_RATE)));
        // without any backup in the period every month would repeat the same missing line
        if (!rate.isMissing() && period.type().compareTo(PeriodType.MONTH) > 0) {
            for (BackupSuccess.Rate month : backups.rates(period, PeriodType.MONTH, today)) {
                lines.add(KpiLine.of(BackupSuccess.JOB, month.period().toString(),
                        month.metric(YearFigures.BACKUP_SUCCESS_RATE)));
            }
        }
        return lines;
    }

    /** The year's figures as the rollup names them, with the rollup's findings by severity when it ran. */
    private Map<String, Metric> yearFigures(Period year, LocalDate today) {
        Map<String, Metric> figures = new LinkedHashMap<>();
        new YearFigures(results, backups).of(year, today).forEach(m -> figures.put(m.name(), m));
        results.metrics(AuditRollupJobConfig.JOB_NAME, year.toString()).forEach(m -> figures.putIfAbsent(m.name(), m));
        return figures;
    }

    /** Runs of periods in P that failed, stopped, are still running, or were reruns. */
    private List<KpiReport.RunNote> runs(Period period) {
        List<KpiReport.RunNote> notes = new ArrayList<>();
        for (RunRow run : results.runs(RunFilter.all())) {
            Period p = Period.parse(run.period());
            if (within(p, period) && (!"COMPLETED".equals(run.status()) || run.rerun() > 0)) {
                notes.add(new KpiReport.RunNote(run.executionId(), run.job(), run.period(), run.rerun(), run.status(),
                        run.startedAt() == null ? "" : TIME.format(run.startedAt()), run.exitMessage()));
            }
        }
        notes.sort(Comparator.comparingLong(KpiReport.RunNote::executionId));
        return notes;
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
