package dev.custos.jobs.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;

import dev.custos.common.CustosException;
import dev.custos.common.store.BlobStore;
import dev.custos.jobs.backup.archive.ArchiveWriter;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.archive.Classification;
import dev.custos.jobs.backup.key.BackupKey;
import dev.custos.jobs.backup.source.DirectoryTree;
import dev.custos.jobs.backup.source.JdbcSnapshot;
import dev.custos.jobs.backup.source.BackupSource;

/**
 * Writes one backup's archive into the store from the configured sources and returns its manifest
 * (which the caller stores last, as the commit marker). Every check that can refuse the run (a
 * {@code RESTRICTED} source without a key, a bad source setting) happens before any source is read,
 * and the JDBC sources' tables are looked up before the upload is begun. On failure the upload is
 * aborted and nothing remains in the store. Only the store's failures ({@code BlobStoreException})
 * are worth another attempt; a source that cannot be read throws
 * {@link dev.custos.jobs.backup.archive.BackupSourceException}.
 */
public final class BackupWriter {

    /** The source backed up when none is configured: the run's inbox. */
    public static final String INBOX_SOURCE = "inbox";

    private static final DataSize MIN_PART_SIZE = DataSize.ofKilobytes(1);
    private static final DataSize MAX_PART_SIZE = DataSize.ofGigabytes(1);
    private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final BlobStore store;
    private final BackupProperties properties;
    private final DataSource applicationDataSource;
    private final Clock clock;

    public BackupWriter(BlobStore store, BackupProperties properties, DataSource applicationDataSource, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.applicationDataSource = applicationDataSource;
        this.clock = clock;
    }

    /**
     * Backs up every source into {@code backups/<id>/archive.tar.zst[.tink]}.
     *
     * @param inbox the run's inbox: the root of directory sources without a path
     * @param key   the encryption key, when one is configured
     */
    public BackupManifest write(LocalDate day, long executionId, Path inbox, Optional<BackupKey> key) {
        List<BackupSource> sources = checkedSources(inbox, key);
        for (BackupSource source : sources) {
            if (source.type() == BackupSource.SourceType.JDBC) {
                JdbcSnapshot.check(source, dataSourceOf(source));
            }
        }
        String id = BackupManifest.id(day, executionId);
        String archiveKey = BackupManifest.archiveKey(id, key.isPresent());
        Instant createdAt = clock.instant();
        ArchiveWriter archive = ArchiveWriter.start(store, archiveKey, key.orElse(null),
                BackupManifest.associatedData(id), properties.compressionLevel(), createdAt);
        try {
            List<BackupManifest.Source> written = new ArrayList<>();
            DirectoryTree files = new DirectoryTree(archive);
            JdbcSnapshot tables = new JdbcSnapshot(archive, (int) properties.partSize().toBytes(),
                    properties.sampleRows());
            for (BackupSource source : sources) {
                written.add(switch (source.type()) {
                    case JDBC -> tables.write(source, dataSourceOf(source));
                    case DIRECTORY -> files.write(source.name(), source.classification(), rootOf(source, inbox));
                });
            }
            ArchiveWriter.Stored stored = archive.finish();
            List<BackupManifest.Entry> entries = archive.entries();
            BackupManifest.Encryption encryption = key.map(k -> new BackupManifest.Encryption(
                    BackupManifest.ENCRYPTION_SCHEME, k.primaryKeyId())).orElse(null);
            return new BackupManifest(id, day, executionId, createdAt,
                    new BackupManifest.Archive(stored.key(), stored.size(), stored.sha256(),
                            BackupManifest.COMPRESSION, encryption),
                    written, entries, files.skipped(), totals(entries));
        } catch (IOException e) {
            // the store's failures are BlobStoreException and the sources' BackupSourceException: this is
            // packing, compressing or encrypting, which another attempt would not change
            CustosException failure = new CustosException("backup " + id + ": packing, compressing or encrypting the"
                    + " archive '" + archiveKey + "' failed: " + e.getMessage(), e);
            archive.abortAfter(failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            archive.abortAfter(e);
            throw e;
        }
    }

    /** The sources to back up, each checked; throws before anything is read when one cannot be. */
    List<BackupSource> checkedSources(Path inbox, Optional<BackupKey> key) {
        if (properties.partSize().compareTo(MIN_PART_SIZE) < 0 || properties.partSize().compareTo(MAX_PART_SIZE) > 0) {
            throw new CustosException("custos.backup.part-size must be between 1KB and 1GB, found "
                    + properties.partSize());
        }
        List<BackupSource> sources = properties.sources().isEmpty()
                ? List.of(new BackupSource(INBOX_SOURCE, BackupSource.SourceType.DIRECTORY,
                        Classification.INTERNAL, null, null, null, null, List.of(), null))
                : properties.sources();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            BackupSource source = sources.get(i);
            String where = "custos.backup.sources[" + i + "]";
            if (source.name() == null || !SOURCE_NAME.matcher(source.name()).matches()) {
                throw new CustosException(where + ".name must be letters, digits, '.', '_' or '-' (found '"
                        + source.name() + "')");
            }
            if (!names.add(source.name())) {
                throw new CustosException(where + ": the source name '" + source.name() + "' is used twice");
            }
            if (source.type() == null) {
                throw new CustosException(where + " ('" + source.name() + "') needs a type: jdbc or directory");
            }
            if (source.classification() == null) {
                throw new CustosException(where + " ('" + source.name() + "') needs a classification: PUBLIC, "
                        + "INTERNAL, CONFIDENTIAL or RESTRICTED");
            }
            if (source.type() == BackupSource.SourceType.DIRECTORY && !Files.isDirectory(rootOf(source, inbox))) {
                throw new CustosException("backup source '" + source.name() + "': " + rootOf(source, inbox)
                        + " is not a directory; check " + where + ".path");
            }
        }
        if (key.isEmpty()) {
            List<String> restricted = sources.stream()
                    .filter(s -> s.classification() == Classification.RESTRICTED).map(BackupSource::name)
                    .toList();
            if (!restricted.isEmpty()) {
                throw new CustosException("backup refused: source(s) " + String.join(", ", restricted)
                        + " are RESTRICTED and must be encrypted, but no key is configured; set custos.backup.key-file"
                        + " (a Tink keyset file) or CUSTOS_BACKUP_KEYSET, then restart the run");
            }
        }
        return sources;
    }

    private DataSource dataSourceOf(BackupSource source) {
        return source.usesApplicationDataSource() ? applicationDataSource
                : new DriverManagerDataSource(source.url(), source.username(), source.password());
    }

    private static Path rootOf(BackupSource source, Path inbox) {
        return source.path() == null ? inbox : source.path();
    }

    private static BackupManifest.Totals totals(List<BackupManifest.Entry> entries) {
        long rows = entries.stream().mapToLong(e -> e.rows() == null ? 0 : e.rows()).sum();
        long bytes = entries.stream().mapToLong(BackupManifest.Entry::size).sum();
        return new BackupManifest.Totals(entries.size(), rows, bytes);
    }
}
