package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.custos.common.period.Period;
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
    void aYearWithoutAnyBackupRunHasNoRate() {
        Metric metric = BackupSuccess.rate(YEAR, AFTER_THE_YEAR, Optional.empty(), Set.of()).metric("backup_success_rate");

        assertThat(metric.isMissing()).isTrue();
        assertThat(metric.missingReason()).isEqualTo("no backups recorded in 2026");
    }

    @Test
    void aRunRecordedOnlyTodayMakesNoDayDueYet() {
        LocalDate today = LocalDate.of(2026, 5, 1);

        BackupSuccess.Rate rate = BackupSuccess.rate(Period.parse("2026-05"), today, Optional.of(today), Set.of());

        assertThat(rate.isMissing()).isTrue();
    }
}
