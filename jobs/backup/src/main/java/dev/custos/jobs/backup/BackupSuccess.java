package dev.custos.jobs.backup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.results.Metric;
import dev.custos.common.results.PeriodKpis;
import dev.custos.common.results.ResultsSchema;

/**
 * The backup success rate of a period (a year for the rollup, a month in reports), from the
 * results schema: the share of the period's due days that have a published backup whose
 * {@code verified} metric is 1; a due day without one is a failure. The backup's
 * {@link PeriodKpis}: the report and the rollup get it through that.
 *
 * <p>A day is due from the day backups started, the earlier of {@code custos.backup.due-from}
 * and the first day with any backup run recorded (whatever its status, in any period), to the end
 * of the period or yesterday, whichever is earlier (today's backup may not have run yet). So a
 * year whose backups started in January and stopped in February reads 2 months of 12, never 100%.
 * A period without a due day (no backup recorded nor a start configured, a period before the
 * start or not started) has no rate: it is missing with the reason, never 0 or 100%.
 */
final class BackupSuccess implements PeriodKpis {

    static final String SUCCESS_RATE = "backup_success_rate";
    static final double TARGET = 0.999;

    private static final String FIRST_RUN_DAY = """
            SELECT MIN(period) FROM {results}.run WHERE job = ? AND LENGTH(period) = 10""";
    private static final String VERIFIED_DAYS = """
            SELECT m.period FROM {results}.metric m JOIN {results}.period_result p
              ON p.job_instance_id = m.job_instance_id AND p.job = m.job AND p.period = m.period
            WHERE m.job = ? AND m.name = ? AND m.value = 1 AND LENGTH(m.period) = 10 AND m.period BETWEEN ? AND ?""";

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;
    private final Optional<LocalDate> configuredDueFrom;

    /** @param configuredDueFrom {@code custos.backup.due-from}, if set */
    BackupSuccess(JdbcTemplate jdbc, ResultsSchema schema, Optional<LocalDate> configuredDueFrom) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.configuredDueFrom = configuredDueFrom;
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
     * The rate of {@code period}, then, when it is longer than a month and had any due day, the
     * rate of each of its months: all from one read of the period's days.
     */
    List<Rate> rateAndMonths(Period period, LocalDate today) {
        Optional<LocalDate> dueFrom = dueFrom();
        Set<LocalDate> verified = verifiedDays(period);
        Rate rate = rate(period, today, dueFrom, verified);
        List<Rate> rates = new ArrayList<>(List.of(rate));
        // without any due day in the period every month would only repeat its missing reason
        if (!rate.isMissing() && period.type().compareTo(PeriodType.MONTH) > 0) {
            period.subPeriods(PeriodType.MONTH).forEach(month -> rates.add(rate(month, today, dueFrom, verified)));
        }
        return rates;
    }

    /** The earlier of the configured start and the first backup run recorded. */
    private Optional<LocalDate> dueFrom() {
        Optional<LocalDate> firstRun = Optional.ofNullable(jdbc.queryForObject(schema.sql(FIRST_RUN_DAY), String.class,
                BackupJobConfig.JOB_NAME)).map(LocalDate::parse);
        return earlier(configuredDueFrom, firstRun);
    }

    static Optional<LocalDate> earlier(Optional<LocalDate> a, Optional<LocalDate> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return Optional.of(a.get().isBefore(b.get()) ? a.get() : b.get());
    }

    private Set<LocalDate> verifiedDays(Period period) {
        Set<LocalDate> verified = new HashSet<>();
        jdbc.query(schema.sql(VERIFIED_DAYS), rs -> {
            verified.add(LocalDate.parse(rs.getString(1)));
        }, BackupJobConfig.JOB_NAME, BackupPublication.VERIFIED, period.start().toString(), period.end().toString());
        return verified;
    }

    /**
     * The rate of {@code period}.
     *
     * @param dueFrom      the day backups were first due, if known
     * @param verifiedDays the days with a published backup whose {@code verified} is 1
     */
    static Rate rate(Period period, LocalDate today, Optional<LocalDate> dueFrom, Set<LocalDate> verifiedDays) {
        LocalDate yesterday = today.minusDays(1);
        if (period.start().isAfter(yesterday)) {
            return Rate.missing(period, period + " has not started");
        }
        if (dueFrom.isEmpty()) {
            return Rate.missing(period, "no backups recorded, and custos.backup.due-from is not set");
        }
        LocalDate first = dueFrom.get().isAfter(period.start()) ? dueFrom.get() : period.start();
        LocalDate last = period.end().isBefore(yesterday) ? period.end() : yesterday;
        if (first.isAfter(last)) {
            return Rate.missing(period, "no backup due in " + period + ": backups are due from " + dueFrom.get());
        }
        List<LocalDate> due = first.datesUntil(last.plusDays(1)).toList();
        long succeeded = due.stream().filter(verifiedDays::contains).count();
        return new Rate(period, due.size(), succeeded, first, last, null);
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
            return isMissing() ? Metric.missingKpi(name, Metric.RATIO, TARGET, missingReason)
                    : Metric.kpiAtLeast(name, value(), Metric.RATIO, TARGET);
        }
    }
}
