package dev.custos.jobs.backup;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import dev.custos.common.job.Control;
import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.jobs.backup.source.BackupSource;

/** backup as the scheduler sees it: daily at 01:30, for the day it runs on. */
final class BackupControl implements Control {

    private final List<BackupSource> sources;

    BackupControl(List<BackupSource> sources) {
        this.sources = List.copyOf(sources);
    }

    @Override
    public String jobName() {
        return BackupJobConfig.JOB_NAME;
    }

    @Override
    public PeriodType periodType() {
        return PeriodType.DAY;
    }

    @Override
    public String defaultCron() {
        return "0 30 1 * * ?";
    }

    /** Unlike the other controls, a backup covers the day it runs on. */
    @Override
    public Period defaultPeriod(LocalDate today) {
        return Period.containing(PeriodType.DAY, today);
    }

    /** The day's backup (run at 01:30 on the day) completed by 06:00 that day: 18 hours before the day ends. */
    @Override
    public Duration completionDeadline() {
        return Duration.parse("-PT18H");
    }

    /** Only when no source is configured, or a directory source has no path of its own: it backs up the inbox. */
    @Override
    public boolean readsInbox() {
        return sources.isEmpty() || sources.stream()
                .anyMatch(source -> source.type() == BackupSource.SourceType.DIRECTORY && source.path() == null);
    }

    /** A backup reads no input files: what it archived says how much it handled. */
    @Override
    public List<String> runFigures() {
        return List.of(BackupPublication.ENTRIES, BackupPublication.BYTES_STORED);
    }

    /** {@code custos run backup --drill}: a restore drill whatever the day. */
    @Override
    public Set<String> runOptions() {
        return Set.of(RestoreDrill.PARAMETER);
    }

    /**
     * None: {@code backup_object} records the backups in the store, a superseded run's too (a rerun
     * of the day replaces the day's figures, not the record of a backup that still exists), and
     * retention and {@code custos backup list} read it for every backup.
     */
    @Override
    public List<String> detailTables() {
        return List.of();
    }

    @Override
    public List<String> stagingTables() {
        return List.of();
    }
}
