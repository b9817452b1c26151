package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import dev.custos.common.period.Period;

class BackupControlTest {

    private final BackupControl control = new BackupControl();

    @Test
    void aBackupCoversTheDayItRunsOnAndRunsDailyAtOneThirty() {
        assertThat(control.defaultPeriod(LocalDate.of(2026, 11, 24))).isEqualTo(Period.parse("2026-11-24"));
        assertThat(control.scheduledPeriod(LocalDate.of(2026, 11, 24))).isEqualTo(Period.parse("2026-11-24"));
        assertThat(control.defaultCron()).isEqualTo("0 30 1 * * ?");
        assertThat(control.detailTables()).as("backup_object records every stored backup, a superseded run's too")
                .isEmpty();
    }
}
