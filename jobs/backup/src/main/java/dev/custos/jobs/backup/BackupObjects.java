package dev.custos.jobs.backup;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.results.ResultsSchema;
import dev.custos.jobs.backup.archive.BackupManifest;

/** The {@code backup_object} rows of the results schema: what each run stored, and whether it was verified. */
final class BackupObjects {

    static final String TABLE = "backup_object";

    private static final String INSERT = """
            INSERT INTO {results}.backup_object (job_instance_id, backup_id, backup_day, execution_id, archive_key,
                   manifest_key, archive_size, archive_sha256, key_id, entries, row_count, bytes_in, sources,
                   created_at, archive_ms, manifest)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String SELECT = """
            SELECT backup_id, backup_day, archive_key, manifest_key, archive_size, archive_sha256, key_id, entries,
                   row_count, bytes_in, sources, archive_ms, manifest_written, verified, verify_ms, manifest
            FROM {results}.backup_object""";
    private static final String OF_INSTANCE = SELECT + " WHERE job_instance_id = ? ORDER BY execution_id DESC";
    private static final String MANIFEST_OF = "SELECT manifest FROM {results}.backup_object WHERE backup_id = ?";
    private static final String MANIFEST_WRITTEN =
            "UPDATE {results}.backup_object SET manifest_written = TRUE WHERE job_instance_id = ? AND backup_id = ?";
    private static final String VERIFIED = """
            UPDATE {results}.backup_object SET verified = TRUE, verified_at = ?, verify_ms = ?
            WHERE job_instance_id = ? AND backup_id = ?""";

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;

    BackupObjects(JdbcTemplate jdbc, ResultsSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    void insert(long jobInstanceId, BackupManifest manifest, long archiveMillis) {
        BackupManifest.Archive archive = manifest.archive();
        jdbc.update(schema.sql(INSERT), jobInstanceId, manifest.id(), Date.valueOf(manifest.day()),
                manifest.executionId(), archive.key(), manifest.manifestKey(), archive.size(), archive.sha256(),
                archive.encryption() == null ? null : archive.encryption().keyId(), manifest.totals().entries(),
                manifest.totals().rows(), manifest.totals().bytesIn(),
                manifest.sources().stream().map(BackupManifest.Source::name).collect(Collectors.joining(",")),
                Timestamp.from(manifest.createdAt()), archiveMillis,
                new String(manifest.toJson(), StandardCharsets.UTF_8));
    }

    /** The backup the job instance wrote (the latest, should a failed archive step have been retried). */
    Optional<Row> ofInstance(long jobInstanceId) {
        List<Row> rows = jdbc.query(schema.sql(OF_INSTANCE), BackupObjects::row, jobInstanceId);
        return rows.stream().findFirst();
    }

    /** The manifest the run that wrote backup {@code backupId} recorded, if a run of this results schema did. */
    Optional<BackupManifest> recordedManifest(String backupId) {
        return jdbc.queryForList(schema.sql(MANIFEST_OF), String.class, backupId).stream().findFirst()
                .map(BackupManifest::fromJson);
    }

    void markManifestWritten(long jobInstanceId, String backupId) {
        jdbc.update(schema.sql(MANIFEST_WRITTEN), jobInstanceId, backupId);
    }

    void markVerified(long jobInstanceId, String backupId, long verifyMillis) {
        jdbc.update(schema.sql(VERIFIED), Timestamp.valueOf(LocalDateTime.now()), verifyMillis, jobInstanceId,
                backupId);
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getString("backup_id"), rs.getDate("backup_day").toLocalDate(), rs.getString("archive_key"),
                rs.getString("manifest_key"), rs.getLong("archive_size"), rs.getString("archive_sha256"),
                rs.getObject("key_id", Long.class), rs.getLong("entries"), rs.getLong("row_count"),
                rs.getLong("bytes_in"), rs.getString("sources"), rs.getLong("archive_ms"),
                rs.getBoolean("manifest_written"), rs.getBoolean("verified"), rs.getObject("verify_ms", Long.class),
                rs.getString("manifest"));
    }

    /** One backup as recorded; {@code manifest} is the manifest JSON exactly as stored. */
    record Row(String backupId, LocalDate day, String archiveKey, String manifestKey,
                      long archiveSize, String archiveSha256, Long keyId, long entries, long rows, long bytesIn,
                      String sources, long archiveMillis, boolean manifestWritten, boolean verified, Long verifyMillis,
                      String manifest) {

        byte[] manifestJson() {
            return manifest.getBytes(StandardCharsets.UTF_8);
        }
    }
}
