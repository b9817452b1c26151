package dev.custos.jobs.backup.archive;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The manifest of one backup, {@code backups/<id>/manifest.json}: written last, so a backup
 * exists exactly when its manifest does. It names the archive object with its stored size and
 * SHA-256, how it is compressed and encrypted, the sources, and every archive entry in archive
 * order with the size and SHA-256 of its uncompressed content (and the row count of table data).
 *
 * @param id          {@code <day>.<jobExecutionId>}, e.g. {@code 2026-11-24.17}
 * @param day         the day (period) the backup is for
 * @param executionId the job execution that wrote the archive
 * @param createdAt   when writing the archive started
 */
public record BackupManifest(String id, LocalDate day, long executionId, Instant createdAt, Archive archive,
                             List<Source> sources, List<Entry> entries, List<Skipped> skipped, Totals totals) {

    /** Every backup's objects lie under {@code backups/<id>/}. */
    public static final String PREFIX = "backups/";
    public static final String MANIFEST_FILE = "manifest.json";
    public static final String ARCHIVE_FILE = "archive.tar.zst";
    public static final String ENCRYPTED_ARCHIVE_FILE = "archive.tar.zst.tink";
    public static final String COMPRESSION = "zstd";
    public static final String ENCRYPTION_SCHEME = "tink-streaming-aead";

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public BackupManifest {
        sources = List.copyOf(sources);
        entries = List.copyOf(entries);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    public static String id(LocalDate day, long executionId) {
        return day + "." + executionId;
    }

    public static String manifestKey(String id) {
        return PREFIX + id + "/" + MANIFEST_FILE;
    }

    public static String archiveKey(String id, boolean encrypted) {
        return PREFIX + id + "/" + (encrypted ? ENCRYPTED_ARCHIVE_FILE : ARCHIVE_FILE);
    }

    @JsonIgnore
    public String manifestKey() {
        return manifestKey(id);
    }

    /** The associated data the archive is encrypted with: the backup id, so an archive cannot pass as another. */
    @JsonIgnore
    public byte[] associatedData() {
        return associatedData(id);
    }

    public static byte[] associatedData(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    public byte[] toJson() {
        return (JSON.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a manifest; throws {@link tools.jackson.core.JacksonException} when it is not one. */
    public static BackupManifest fromJson(InputStream json) throws JacksonException {
        return JSON.readValue(json, BackupManifest.class);
    }

    public static BackupManifest fromJson(String json) throws JacksonException {
        return JSON.readValue(json, BackupManifest.class);
    }

    /**
     * The stored archive object.
     *
     * @param size        bytes stored (after compression and encryption)
     * @param sha256      of the stored bytes, lower-case hex
     * @param encryption  null when the archive is not encrypted
     */
    public record Archive(String key, long size, String sha256, String compression, Encryption encryption) {
    }

    /** {@code scheme} is {@value #ENCRYPTION_SCHEME}; {@code keyId} the Tink key id that encrypted it. */
    public record Encryption(String scheme, long keyId) {
    }

    /**
     * A source as backed up. JDBC sources list the tables (as {@code <schema>.<table>} entries under
     * {@code tables/<name>/}) and {@code rowsSampled}, the rows of them whose archived values were
     * compared with the source's ({@code source.SampleCheck}); directory sources their root.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String name, String type, Classification classification, String schema, List<String> tables,
                         String path, Long rowsSampled) {

        /** A source without a sample check: a directory, or a manifest written before the check. */
        public Source(String name, String type, Classification classification, String schema, List<String> tables,
                      String path) {
            this(name, type, classification, schema, tables, path, null);
        }
    }

    /**
     * One archive entry.
     *
     * @param size   of the uncompressed content
     * @param sha256 of the uncompressed content, lower-case hex
     * @param rows   data rows, for table data ({@code .tsv}) only
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String path, long size, String sha256, Long rows, String source) {
    }

    /** A file of a directory source that was not backed up (symbolic link, device, ...), and why. */
    public record Skipped(String source, String path, String reason) {
    }

    /** {@code bytesIn}: sum of the entries' uncompressed sizes. */
    public record Totals(long entries, long rows, long bytesIn) {
    }
}
