package dev.custos.jobs.backup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.results.Metric;
import dev.custos.common.results.PeriodKpis;
import dev.custos.common.results.ResultsSchema;

/**
 * The backup success rate of a period (a year for the rollup, a month in reports), from the
 * results schema: the share of due days that have a published backup whose {@code verified}
 * metric is 1. The backup's {@link PeriodKpis}: the report and the rollup get it through that.
 *
 * <p>Due days run from the first day of the period with any backup run recorded (in the run
 * table, whatever its status) to the end of the period or yesterday, whichever is earlier: days
 * before backups were set up are not counted as failures, and today's backup may not have run
 * yet. A period with no backup run at all has no rate: it is missing, never 0 or 100%.
 */
final class BackupSuccess implements PeriodKpis {

    static final String SUCCESS_RATE = "backup_success_rate";
    static final double TARGET = 0.999;

    private static final String RUN_DAYS = """
            SELECT DISTINCT period FROM {results}.run
            WHERE job = ? AND LENGTH(period) = 10 AND period BETWEEN ? AND ?""";
    private static final String VERIFIED_DAYS = """
            SELECT m.period FROM {results}.metric m JOIN {results}.period_result p
              ON p.job_instance_id = m.job_instance_id AND p.job = m.job AND p.period = m.period
            WHERE m.job = ? AND m.name = ? AND m.value = 1 AND LENGTH(m.period) = 10 AND m.period BETWEEN ? AND ?""";

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;

    BackupSuccess(JdbcTemplate jdbc, ResultsSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    @Override
    public String jobName() {
        return BackupJobConfig.JOB_NAME;
    }

    @Override
    public String name() {
        return SUCCESS_RATE;
    }

    @Override
    public String unit() {
        return Metric.RATIO;
    }

    @Override
    public double target() {
        return TARGET;
    }

    @Override
    public String title() {
        return "Backup success";
    }

    @Override
    public String heading() {
        return "Backups";
    }

    /** The rates of {@link #rateAndMonths}; a day is one run: nothing spans it. */
    @Override
    public List<Kpi> of(Period period, LocalDate today) {
        if (period.type() == PeriodType.DAY) {
            return List.of();
        }
        return rateAndMonths(period, today).stream().map(rate -> new Kpi(rate.period(), rate.metric(SUCCESS_RATE)))
                .toList();
    }

    /**
     * The rate of {@code period}, then, when it is longer than a month and had any backup, the rate
     * of each of its months: all from one read of the period's days.
     */
    List<Rate> rateAndMonths(Period period, LocalDate today) {
        Days days = days(period);
        Rate rate = days.rate(period, today);
        List<Rate> rates = new ArrayList<>(List.of(rate));
        // without any backup in the period every month would only repeat its missing reason
        if (!rate.isMissing() && period.type().compareTo(PeriodType.MONTH) > 0) {
            period.subPeriods(PeriodType.MONTH).forEach(month -> rates.add(days.rate(month, today)));
        }
        return rates;
    }

    private Days days(Period period) {
        String from = period.start().toString();
        String to = period.end().toString();
        NavigableSet<LocalDate> runDays = new TreeSet<>();
        jdbc.query(schema.sql(RUN_DAYS), rs -> {
            runDays.add(LocalDate.parse(rs.getString(1)));
        }, BackupJobConfig.JOB_NAME, from, to);
        Set<LocalDate> verified = new HashSet<>();
        jdbc.query(schema.sql(VERIFIED_DAYS), rs -> {
            verified.add(LocalDate.parse(rs.getString(1)));
        }, BackupJobConfig.JOB_NAME, BackupPublication.VERIFIED, from, to);
        return new Days(runDays, verified);
    }

    /**
     * The rate from what the results schema holds.
     *
     * @param firstRunDay  the first day of the period with a backup run recorded, if any
     * @param verifiedDays the days with a published backup whose {@code verified} is 1
     */
    static Rate rate(Period period, LocalDate today, Optional<LocalDate> firstRunDay, Set<LocalDate> verifiedDays) {
        LocalDate yesterday = today.minusDays(1);
        LocalDate last = period.end().isBefore(yesterday) ? period.end() : yesterday;
        if (firstRunDay.isEmpty() || firstRunDay.get().isAfter(last)) {
            return Rate.missing(period, "no backups recorded in " + period
                    + (period.start().isAfter(yesterday) ? " (it has not started)" : ""));
        }
        List<LocalDate> due = firstRunDay.get().datesUntil(last.plusDays(1)).toList();
        long succeeded = due.stream().filter(verifiedDays::contains).count();
        return new Rate(period, due.size(), succeeded, firstRunDay.get(), last, null);
    }

    /** The days of a period with a backup run recorded, and those with a published verified backup. */
    private record Days(NavigableSet<LocalDate> runDays, Set<LocalDate> verifiedDays) {

        /** The rate of {@code period}, which lies in the period the days were read for. */
        Rate rate(Period period, LocalDate today) {
            Optional<LocalDate> firstRunDay = Optional.ofNullable(runDays.ceiling(period.start()))
                    .filter(day -> !day.isAfter(period.end()));
            return BackupSuccess.rate(period, today, firstRunDay, verifiedDays);
        }
    }

    /**
     * Due and succeeded days of a period; {@code missingReason} is set when no day was due.
     */
    record Rate(Period period, long dueDays, long succeededDays, LocalDate firstDueDay, LocalDate lastDueDay,
                       String missingReason) {

        static Rate missing(Period period, String reason) {
            return new Rate(period, 0, 0, null, null, reason);
        }

        boolean isMissing() {
            return missingReason != null;
        }

        /** The share of due days that succeeded; only when not missing. */
        double value() {
            return (double) succeededDays / dueDays;
        }

        Metric metric(String name) {
            return isMissing() ? Metric.missing(name, Metric.RATIO, missingReason)
                    : Metric.kpiAtLeast(name, value(), Metric.RATIO, TARGET);
        }
    }
}
