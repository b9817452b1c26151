package dev.custos.jobs.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;


import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.custos.jobs.backup.source.BackupSource;

/**
 * {@code custos.backup.*}: what to back up and how.
 *
 * @param sources          JDBC and directory sources; none configured means one directory source
 *                         {@code inbox} (INTERNAL) holding the run's inbox
 * @param keyFile          Tink keyset (JSON) of the streaming AEAD; or the keyset itself in
 *                         {@code keyset} ({@code CUSTOS_BACKUP_KEYSET}). Neither is ever logged.
 * @param partSize         table data is cut into entries of about this size, each held in memory once
 * @param compressionLevel zstd level; 1 by default: on customer-like table rows it compressed smaller than
 *                         3, and faster both ways (ops/bench/backup)
 * @param retry            retries of the store on transient failures (upload, manifest, verify, retention)
 * @param retention        how many daily, monthly and yearly generations of verified backups to keep
 * @param sampleRows       rows of each table (the first, the last, the rest at random) whose archived values
 *                         are read back and compared with the source's in the backup's snapshot before the
 *                         backup can count as verified ({@code source.SampleCheck}); at least 1
 * @param dueFrom          the first day a backup was due, for the success rate ({@code BackupSuccess}): days
 *                         from the earlier of this and the first backup recorded count; unset, the first
 *                         backup recorded starts them
 */
@ConfigurationProperties("custos.backup")
public record BackupProperties(
        @DefaultValue List<BackupSource> sources,
        Path keyFile,
        String keyset,
        @DefaultValue("8MB") DataSize partSize,
        @DefaultValue("1") int compressionLevel,
        @DefaultValue Retry retry,
        @DefaultValue Retention retention,
        @DefaultValue("5") int sampleRows,
        LocalDate dueFrom) {

    @ConstructorBinding
    public BackupProperties {
        sources = sources == null ? List.of() : List.copyOf(sources);
        if (sampleRows < 1) {
            throw new IllegalArgumentException("custos.backup.sample-rows must be at least 1 (the rows of each table"
                    + " checked against the source before a backup counts as verified), found " + sampleRows);
        }
    }

    /** Settings with the default {@code sampleRows} and no {@code dueFrom}. */
    public BackupProperties(List<BackupSource> sources, Path keyFile, String keyset, DataSize partSize, int compressionLevel,
                            Retry retry, Retention retention) {
        this(sources, keyFile, keyset, partSize, compressionLevel, retry, retention, DEFAULT_SAMPLE_ROWS);
    }

    /** Settings with no {@code dueFrom}. */
    public BackupProperties(List<BackupSource> sources, Path keyFile, String keyset, DataSize partSize, int compressionLevel,
                            Retry retry, Retention retention, int sampleRows) {
        this(sources, keyFile, keyset, partSize, compressionLevel, retry, retention, sampleRows, null);
    }

    static final int DEFAULT_SAMPLE_ROWS = 5;

    @Override
    public String toString() {
        return "BackupProperties[sources=" + sources + ", keyFile=" + keyFile + ", keyset="
                + (keyset == null || keyset.isBlank() ? "(unset)" : "****") + ", partSize=" + partSize
                + ", compressionLevel=" + compressionLevel + ", retry=" + retry + ", retention=" + retention
                + ", sampleRows=" + sampleRows + ", dueFrom=" + dueFrom + "]";
    }

    /** Attempts and first backoff of store operations that failed transiently. */
    public record Retry(@DefaultValue("5") int attempts, @DefaultValue("PT1S") Duration backoff) {
    }

    /** Grandfather-father-son: the newest verified backup of each of the last N days, M months, K years. */
    public record Retention(@DefaultValue("7") int daily, @DefaultValue("12") int monthly,
                            @DefaultValue("5") int yearly) {
    }
}
