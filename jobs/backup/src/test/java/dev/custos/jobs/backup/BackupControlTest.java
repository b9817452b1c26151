package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.custos.common.period.Period;
import dev.custos.jobs.backup.archive.Classification;
import dev.custos.jobs.backup.source.BackupSource;
import dev.custos.jobs.backup.source.BackupSource.SourceType;

class BackupControlTest {

    private final BackupControl control = new BackupControl(List.of());

    @Test
    void aBackupCoversTheDayItRunsOnAndRunsDailyAtOneThirty() {
        assertThat(control.defaultPeriod(LocalDate.of(2026, 11, 24))).isEqualTo(Period.parse("2026-11-24"));
        assertThat(control.scheduledPeriod(LocalDate.of(2026, 11, 24))).isEqualTo(Period.parse("2026-11-24"));
        assertThat(control.defaultCron()).isEqualTo("0 30 1 * * ?");
        assertThat(control.detailTables()).as("backup_object records every stored backup, a superseded run's too")
                .isEmpty();
    }

    @Test
    void theDaysBackupIsDueBySixThatMorning() {
        LocalDate day = LocalDate.of(2026, 11, 24);
        LocalDateTime dayEnds = day.plusDays(1).atStartOfDay();

        assertThat(dayEnds.plus(control.completionDeadline())).isEqualTo(day.atTime(6, 0));
    }

    @Test
    void aBackupReadsTheInboxOnlyWhenNoSourceIsConfiguredOrADirectorySourceHasNoPath() {
        BackupSource database = new BackupSource("crm", SourceType.JDBC, Classification.RESTRICTED, null, null, null,
                "crm", List.of(), null);
        BackupSource documents = new BackupSource("documents", SourceType.DIRECTORY, Classification.CONFIDENTIAL, null,
                null, null, null, List.of(), Path.of("/srv/documents"));
        BackupSource inbox = new BackupSource("inbox", SourceType.DIRECTORY, Classification.CONFIDENTIAL, null, null,
                null, null, List.of(), null);

        assertThat(control.readsInbox()).isTrue();
        assertThat(new BackupControl(List.of(database, documents)).readsInbox()).isFalse();
        assertThat(new BackupControl(List.of(database, inbox)).readsInbox()).isTrue();
    }
}
