package dev.custos.jobs.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

import dev.custos.common.CustosException;
import dev.custos.common.job.PublishContext;
import dev.custos.common.job.ResultsPublication;
import dev.custos.common.outbox.CsvFileWriter;
import dev.custos.common.outbox.SafeFiles;
import dev.custos.common.results.Metric;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.retention.RetentionRecords;

/**
 * Figures and files of a backup run, from its {@code backup_object} row and manifest (with JDBC
 * sources, {@code rows_sampled}: the rows the sample check compared), plus, on a drill run,
 * {@code restore_drill_ok} (KPI, target 1). A drill that fails fails the run, so a published drill
 * run always has 1; the failure shows as the run's FAILED status and message, and the day's
 * {@code verified} is then not published either.
 */
final class BackupPublication implements ResultsPublication {

    static final String ENTRIES = "entries";
    static final String ROWS = "rows";
    static final String BYTES_IN = "bytes_in";
    static final String BYTES_STORED = "bytes_stored";
    static final String VERIFIED = "verified";
    static final String DURATION = "duration_s";
    static final String RETENTION_DELETED = "retention_deleted";
    /**
     * Rows of the JDBC sources' tables whose archived values were compared with the source
     * ({@code source.SampleCheck}).
     */
    static final String ROWS_SAMPLED = "rows_sampled";
    static final String RESTORE_DRILL_OK = "restore_drill_ok";
    /** The backups this run's retention deleted: {@code id,day,reason} (reason expired, unverified or incomplete). */
    static final String RETENTION_FILE = "retention.csv";
    static final String BYTES = "bytes";
    static final String SECONDS = "s";

    private final BackupObjects objects;
    private final RetentionRecords retention;
    private final RestoreDrills drills;

    BackupPublication(BackupObjects objects, RetentionRecords retention, RestoreDrills drills) {
        this.objects = objects;
        this.retention = retention;
        this.drills = drills;
    }

    @Override
    public long acceptedRows(PublishContext context) {
        return 0;
    }

    @Override
    public List<Metric> metrics(PublishContext context) {
        BackupObjects.Row row = row(context);
        long millis = row.archiveMillis() + (row.verifyMillis() == null ? 0 : row.verifyMillis());
        List<Metric> metrics = new ArrayList<>(List.of(
                Metric.count(ENTRIES, row.entries()),
                Metric.count(ROWS, row.rows()),
                Metric.of(BYTES_IN, row.bytesIn(), BYTES),
                Metric.of(BYTES_STORED, row.archiveSize(), BYTES),
                Metric.kpiAtLeast(VERIFIED, row.verified() ? 1 : 0, Metric.COUNT, 1),
                Metric.of(DURATION, millis / 1000.0, SECONDS),
                Metric.count(RETENTION_DELETED, retention.ofInstance(context.jobInstanceId()).size())));
        rowsSampled(row).ifPresent(sampled -> metrics.add(Metric.count(ROWS_SAMPLED, sampled)));
        drills.ofInstance(context.jobInstanceId())
                .ifPresent(drill -> metrics.add(Metric.kpiAtLeast(RESTORE_DRILL_OK, 1, Metric.COUNT, 1)));
        return metrics;
    }

    @Override
    public void writeFiles(PublishContext context, List<Metric> metrics) {
        SafeFiles.writeAtomically(context.folder().resolve(BackupManifest.MANIFEST_FILE), row(context).manifestJson());
        try (CsvFileWriter csv = new CsvFileWriter(context.folder().resolve(RETENTION_FILE), "id", "day", "reason")) {
            for (RetentionRecords.Deletion deletion : retention.ofInstance(context.jobInstanceId())) {
                csv.row(deletion.id(), deletion.day(), deletion.reason());
            }
        }
    }

    /** Empty when no source was a JDBC one (nothing to sample). */
    private static OptionalLong rowsSampled(BackupObjects.Row row) {
        List<Long> sampled = BackupManifest.fromJson(row.manifest()).sources().stream()
                .map(BackupManifest.Source::rowsSampled).filter(Objects::nonNull).toList();
        return sampled.isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(sampled.stream().mapToLong(Long::longValue).sum());
    }

    private BackupObjects.Row row(PublishContext context) {
        return objects.ofInstance(context.jobInstanceId()).orElseThrow(() -> new CustosException(
                "backup " + context.period() + ": no backup is recorded for job instance " + context.jobInstanceId()));
    }
}
