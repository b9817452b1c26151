package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.custos.common.period.Period;
import dev.custos.common.results.KpiStatus;
import dev.custos.common.results.Metric;

/** Which days are due and what the success rate of a period is. */
class BackupSuccessTest {

    private static final Period YEAR = Period.parse("2026");
    private static final LocalDate AFTER_THE_YEAR = LocalDate.of(2027, 1, 2);

    private static Set<LocalDate> everyDay(LocalDate from, LocalDate to) {
        return from.datesUntil(to.plusDays(1)).collect(Collectors.toSet());
    }

    @Test
    void dueDaysRunFromTheFirstBackupRunToTheEndOfTheYear() {
        LocalDate first = LocalDate.of(2026, 12, 1);
        Set<LocalDate> verified = everyDay(first, LocalDate.of(2026, 12, 30));

        BackupSuccess.Rate rate = BackupSuccess.rate(YEAR, AFTER_THE_YEAR, Optional.of(first), verified);

        assertThat(rate.dueDays()).isEqualTo(31);
        assertThat(rate.succeededDays()).isEqualTo(30);
        Metric metric = rate.metric("backup_success_rate");
        assertThat(metric.value()).isEqualTo(0.9677);
        assertThat(metric.target()).isEqualTo(0.999);
        assertThat(metric.met()).isFalse();
    }

    @Test
    void dueDaysEndYesterdayWhileTheYearRuns() {
        LocalDate today = LocalDate.of(2026, 3, 10);
        LocalDate first = LocalDate.of(2026, 3, 1);

        BackupSuccess.Rate rate = BackupSuccess.rate(YEAR, today, Optional.of(first), everyDay(first, today.minusDays(1)));

        assertThat(rate.dueDays()).isEqualTo(9);
        assertThat(rate.metric("backup_success_rate").met()).isTrue();
    }

    @Test
    void aYearWithElevenMonthsWithoutABackupCannotReadFullMarks() {
        LocalDate december = LocalDate.of(2026, 12, 1);

        BackupSuccess.Rate rate = BackupSuccess.rate(YEAR, AFTER_THE_YEAR, Optional.of(LocalDate.of(2026, 1, 1)),
                everyDay(december, LocalDate.of(2026, 12, 31)));

        assertThat(rate.dueDays()).isEqualTo(365);
        assertThat(rate.succeededDays()).isEqualTo(31);
        assertThat(rate.metric("backup_success_rate").value()).isEqualTo(0.0849);
        assertThat(rate.metric("backup_success_rate").met()).isFalse();
    }

    @Test
    void backupsAreDueFromTheEarlierOfTheConfiguredStartAndTheFirstBackupRecorded() {
        LocalDate configured = LocalDate.of(2026, 1, 1);
        LocalDate firstRun = LocalDate.of(2026, 12, 1);

        assertThat(BackupSuccess.earlier(Optional.of(configured), Optional.of(firstRun))).contains(configured);
        assertThat(BackupSuccess.earlier(Optional.of(firstRun), Optional.of(configured))).contains(configured);
        assertThat(BackupSuccess.earlier(Optional.empty(), Optional.of(firstRun))).contains(firstRun);
        assertThat(BackupSuccess.earlier(Optional.of(configured), Optional.empty())).contains(configured);
    }

    @Test
    void aYearWithoutAnyBackupRunNorConfiguredStartHasNoRateButStaysAKpi() {
        Metric metric = BackupSuccess.rate(YEAR, AFTER_THE_YEAR, Optional.empty(), Set.of()).metric("backup_success_rate");

        assertThat(metric.isMissing()).isTrue();
        assertThat(metric.missingReason()).isEqualTo("no backups recorded, and custos.backup.due-from is not set");
        assertThat(KpiStatus.of(metric)).contains(KpiStatus.MISSING);
        assertThat(metric.target()).isEqualTo(0.999);
    }

    @Test
    void aMonthBeforeBackupsWereDueIsMissingWithTheDayTheyStarted() {
        Metric metric = BackupSuccess.rate(Period.parse("2026-11"), AFTER_THE_YEAR, Optional.of(LocalDate.of(2026, 12, 1)),
                Set.of()).metric("backup_success_rate");

        assertThat(metric.missingReason()).isEqualTo("no backup due in 2026-11: backups are due from 2026-12-01");
    }

    @Test
    void aYearAfterTheLastBackupIsDueEveryDayAndFailsEveryDay() {
        Metric metric = BackupSuccess.rate(Period.parse("2027"), LocalDate.of(2028, 1, 1),
                Optional.of(LocalDate.of(2026, 12, 1)), everyDay(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31)))
                .metric("backup_success_rate");

        assertThat(metric.value()).isZero();
        assertThat(KpiStatus.of(metric)).contains(KpiStatus.MISSED);
    }

    @Test
    void aRunRecordedOnlyTodayMakesNoDayDueYet() {
        LocalDate today = LocalDate.of(2026, 5, 1);

        BackupSuccess.Rate rate = BackupSuccess.rate(Period.parse("2026-05"), today, Optional.of(today), Set.of());

        assertThat(rate.isMissing()).isTrue();
    }
}
