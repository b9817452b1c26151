package dev.custos.jobs.rollup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.results.BackupSuccess;
import dev.custos.common.results.Metric;
import dev.custos.common.results.ResultsRepository;

/**
 * The year's figures of the other controls, read from the results schema only (never from their
 * input files): training coverage per quarter, reconciliation findings and leavers with access
 * per month, and the backup success rate of the year and, when there was any backup, of each
 * month. A period without a published run, or not over yet, gives a missing figure with the
 * reason, never 0 or 100%.
 */
public final class YearFigures {

    public static final String TRAINING_JOB = "training-coverage";
    public static final String RECONCILIATION_JOB = "permission-reconciliation";
    public static final String TRAINING_COVERAGE = "training_coverage";
    public static final String RECONCILIATION_FINDINGS = "reconciliation_findings";
    public static final String LEAVERS_WITH_ACCESS = "reconciliation_leavers_with_access";
    public static final String BACKUP_SUCCESS_RATE = "backup_success_rate";

    private final ResultsRepository results;
    private final BackupSuccess backups;

    public YearFigures(ResultsRepository results, BackupSuccess backups) {
        this.results = results;
        this.backups = backups;
    }

    /** Every figure of {@code year} as it stood on {@code today}. */
    public List<Metric> of(Period year, LocalDate today) {
        return of(year, today, backups.rateAndMonths(year, today));
    }

    /**
     * Every figure of {@code year} as it stood on {@code today}, with its backup success rates
     * already read ({@link BackupSuccess#rateAndMonths} of the year).
     */
    public List<Metric> of(Period year, LocalDate today, List<BackupSuccess.Rate> backupRates) {
        List<Metric> metrics = new ArrayList<>();
        for (Period quarter : year.subPeriods(PeriodType.QUARTER)) {
            metrics.add(figure(TRAINING_JOB, quarter, "coverage", TRAINING_COVERAGE, today));
        }
        for (Period month : year.subPeriods(PeriodType.MONTH)) {
            metrics.add(figure(RECONCILIATION_JOB, month, "findings", RECONCILIATION_FINDINGS, today));
        }
        for (Period month : year.subPeriods(PeriodType.MONTH)) {
            metrics.add(figure(RECONCILIATION_JOB, month, "leavers_with_access", LEAVERS_WITH_ACCESS, today));
        }
        for (BackupSuccess.Rate rate : backupRates) {
            metrics.add(rate.metric(rate.period().equals(year) ? BACKUP_SUCCESS_RATE
                    : BACKUP_SUCCESS_RATE + "." + rate.period()));
        }
        return metrics;
    }

    /** {@code job}'s metric {@code source} of {@code period}, named {@code <name>.<period>}. */
    private Metric figure(String job, Period period, String source, String name, LocalDate today) {
        String target = name + "." + period;
        if (!period.end().isBefore(today)) {
            return Metric.missing(target, unit(source), period + " is not over yet");
        }
        Optional<Long> execution = results.publishedExecution(job, period.toString());
        if (execution.isEmpty()) {
            return Metric.missing(target, unit(source), "no completed " + job + " run for " + period);
        }
        return results.metrics(job, period.toString()).stream()
                .filter(m -> m.name().equals(source))
                .findFirst()
                .map(m -> new Metric(target, m.value(), m.unit(), m.target(), m.met(), m.missingReason()))
                .orElseGet(() -> Metric.missing(target, unit(source), job + " " + period + " (execution "
                        + execution.get() + ") published no " + source));
    }

    private static String unit(String source) {
        return "coverage".equals(source) ? Metric.RATIO : Metric.COUNT;
    }
}
