package dev.custos.jobs.backup.restore;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import tools.jackson.core.JacksonException;

import dev.custos.common.CustosException;
import dev.custos.common.store.BlobStore;
import dev.custos.jobs.backup.archive.BackupArchiveReader;
import dev.custos.jobs.backup.archive.BackupCatalog;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.key.BackupKey;
import dev.custos.jobs.backup.source.TableChecksum;
import dev.custos.jobs.backup.source.TableDefinition;
import dev.custos.jobs.backup.source.TableLoader;

/**
 * Restores a backup into a directory, and optionally its tables into a schema.
 *
 * <p>Every entry is read through {@link BackupArchiveReader}, so it is checked against the manifest
 * as it is written; the restore counts as done only once {@link BackupArchiveReader#finish()}
 * proved the whole archive. Entry {@code p} is written to {@code <target>/p} ({@code files/<source>/...}
 * and {@code tables/<source>/...}) through {@link SafePaths}: every entry name and everything already
 * in the target is checked before a byte is written, and a failed restore removes what it wrote: the
 * files, the target directory when it created it, and the tables it loaded.
 *
 * <p>Loading ({@link IntoSchema}) happens after that proof, from the restored parts: each table is
 * created from its {@link TableDefinition}, loaded ({@link TableLoader}), and read back in the
 * backup's own format and order; its row count and every part's SHA-256 must equal the manifest's.
 */
public final class BackupRestorer {

    /** Restores the newest backup. */
    public static final String LATEST = "latest";

    private static final String COLUMNS_SUFFIX = ".columns.json";
    private static final String TABLES_PREFIX = "tables/";

    private final BlobStore store;
    private final Optional<BackupKey> key;

    public BackupRestorer(BlobStore store, Optional<BackupKey> key) {
        this.store = store;
        this.key = key;
    }

    /**
     * The manifest of backup {@code idOrLatest}, or of the newest backup for {@value #LATEST}.
     *
     * @throws UnknownBackupException when there is no such backup in the store
     */
    public BackupManifest manifest(String idOrLatest) {
        BackupCatalog catalog = new BackupCatalog(store);
        Optional<BackupManifest> manifest = LATEST.equals(idOrLatest) ? catalog.latest() : catalog.manifest(idOrLatest);
        return manifest.orElseThrow(() -> new UnknownBackupException(LATEST.equals(idOrLatest)
                ? "there is no backup in " + store.describe()
                : "there is no backup " + idOrLatest + " in " + store.describe() + " (no "
                        + BackupManifest.manifestKey(idOrLatest) + "); 'custos backup list' shows the backups"));
    }

    public Restored restore(String idOrLatest, Path target, Optional<IntoSchema> into) {
        return restore(manifest(idOrLatest), target, into);
    }

    /**
     * Restores the backup {@code manifest} describes under {@code target} (created when missing; files
     * already there are never overwritten), then loads and checks its tables when {@code into} is given.
     *
     * @throws UnsafeEntryException        an entry would be written outside {@code target} or over a file
     * @throws BackupVerificationException the archive does not match its manifest (nothing is left written)
     * @throws CustosException             a table does not load, or does not read back as backed up
     */
    public Restored restore(BackupManifest manifest, Path target, Optional<IntoSchema> into) {
        SafePaths paths = SafePaths.under(manifest.id(), target);
        manifest.entries().forEach(entry -> paths.check(entry.path()));
        Map<String, TableDefinition> definitions = new LinkedHashMap<>();
        BackupArchiveReader.Proof proof;
        try (BackupArchiveReader reader = BackupArchiveReader.open(store, manifest, key)) {
            for (var entry = reader.next(); entry.isPresent(); entry = reader.next()) {
                String path = entry.get().path();
                try (OutputStream out = paths.create(path)) {
                    if (isDefinition(path)) {
                        byte[] json = entry.get().content().readAllBytes();
                        out.write(json);
                        definitions.put(path, definition(manifest, path, json));
                    } else {
                        entry.get().content().transferTo(out);
                    }
                }
            }
            proof = reader.finish();
        } catch (IOException e) {
            paths.removeCreated(e);
            throw new UncheckedIOException("restore of backup " + manifest.id() + " into " + paths.root()
                    + " failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            paths.removeCreated(e);
            throw e;
        }
        List<Table> tables = tables(manifest, definitions, paths);
        try {
            into.ifPresent(schema -> load(manifest, tables, schema));
        } catch (RuntimeException | Error e) {
            paths.removeCreated(e);
            throw e;
        }
        return new Restored(manifest.id(), paths.root(), proof.storedBytes(), files(manifest),
                tables.stream().map(table -> table.restored(into)).toList());
    }

    private static boolean isDefinition(String path) {
        return path.startsWith(TABLES_PREFIX) && path.endsWith(COLUMNS_SUFFIX);
    }

    private static TableDefinition definition(BackupManifest manifest, String path, byte[] json) {
        try {
            TableDefinition definition = TableDefinition.fromJson(json);
            if (!TableDefinition.FORMAT.equals(definition.format())) {
                throw new CustosException("backup " + manifest.id() + " entry " + path + ": table data format '"
                        + definition.format() + "' is not " + TableDefinition.FORMAT + "; a newer Custos wrote it");
            }
            return definition;
        } catch (JacksonException e) {
            throw new CustosException("backup " + manifest.id() + " entry " + path + " is not a table definition: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Each table with its parts: {@code tables/S/T.columns.json} owns the entries under {@code tables/S/T/}. */
    private static List<Table> tables(BackupManifest manifest, Map<String, TableDefinition> definitions,
                                      SafePaths paths) {
        List<Table> tables = new ArrayList<>();
        definitions.forEach((path, definition) -> {
            String partPrefix = path.substring(0, path.length() - COLUMNS_SUFFIX.length()) + "/";
            List<BackupManifest.Entry> parts = manifest.entries().stream()
                    .filter(entry -> entry.path().startsWith(partPrefix) && entry.path().endsWith(".tsv")).toList();
            tables.add(new Table(path, definition, parts,
                    parts.stream().map(part -> paths.resolve(part.path())).toList()));
        });
        return tables;
    }

    private static long files(BackupManifest manifest) {
        return manifest.entries().stream().filter(entry -> !entry.path().startsWith(TABLES_PREFIX)).count();
    }

    private static void load(BackupManifest manifest, List<Table> tables, IntoSchema into) {
        TableLoader loader = new TableLoader(into.dataSource(), into.schema());
        Map<String, String> byName = new HashMap<>();
        for (Table table : tables) {
            String earlier = byName.putIfAbsent(table.definition().table().toLowerCase(java.util.Locale.ROOT),
                    table.definitionEntry());
            if (earlier != null) {
                throw new CustosException("backup " + manifest.id() + ": " + earlier + " and " + table.definitionEntry()
                        + " would both load into " + into.schema() + "." + table.definition().table()
                        + "; restore without loading and load one source at a time");
            }
        }
        for (Table table : tables) {
            if (loader.exists(table.definition())) {
                throw new ExistingTableException("cannot restore backup " + manifest.id() + " into schema "
                        + into.schema() + ": its table " + into.schema() + "." + table.definition().table()
                        + " already exists (--into-schema needs a schema without the backup's tables, e.g. a new one)");
            }
        }
        loader.createSchema();
        List<TableDefinition> created = new ArrayList<>();
        try {
            for (Table table : tables) {
                loader.load(table.definition(), table.partFiles());
                created.add(table.definition());
                check(manifest, table, into.schema(), loader.checksum(table.definition(), table.partRows()));
            }
        } catch (RuntimeException e) {
            created.forEach(definition -> loader.dropTable(definition, e));
            throw e;
        }
    }

    private static void check(BackupManifest manifest, Table table, String schema, TableChecksum readBack) {
        String what = "restored table " + table.definition().source() + "/" + table.definition().table() + " (loaded "
                + "into " + schema + "." + table.definition().table() + ") of backup " + manifest.id();
        if (readBack.rows() != table.rows()) {
            throw new CustosException(what + " has " + readBack.rows() + " rows, the manifest's parts "
                    + table.definitionEntry().replace(COLUMNS_SUFFIX, "/") + "* hold " + table.rows());
        }
        for (int i = 0; i < table.parts().size(); i++) {
            BackupManifest.Entry part = table.parts().get(i);
            String sha256 = i < readBack.partSha256().size() ? readBack.partSha256().get(i) : "(none)";
            if (!sha256.equals(part.sha256())) {
                throw new CustosException(what + " does not read back as backed up: entry " + part.path()
                        + " re-exported from the table has SHA-256 " + sha256 + ", the manifest says " + part.sha256());
            }
        }
    }

    /** Load the restored tables into {@code schema} (created when missing; the tables must not exist). */
    public record IntoSchema(DataSource dataSource, String schema) {
    }

    /**
     * What a restore wrote: the archive proven ({@code storedBytes} re-read), {@code files} files of
     * directory sources under {@code target/files}, and the tables under {@code target/tables}.
     */
    public record Restored(String backupId, Path target, long storedBytes, long files, List<RestoredTable> tables) {

        public long rows() {
            return tables.stream().mapToLong(RestoredTable::rows).sum();
        }
    }

    /**
     * One restored table.
     *
     * @param loadedInto {@code schema.table} it was loaded into and checked against the manifest, or null
     */
    public record RestoredTable(String source, String table, int parts, long rows, String loadedInto) {
    }

    private record Table(String definitionEntry, TableDefinition definition, List<BackupManifest.Entry> parts,
                         List<Path> partFiles) {

        long rows() {
            return parts.stream().mapToLong(part -> part.rows() == null ? 0 : part.rows()).sum();
        }

        List<Long> partRows() {
            return parts.stream().map(part -> part.rows() == null ? 0L : part.rows()).toList();
        }

        RestoredTable restored(Optional<IntoSchema> into) {
            return new RestoredTable(definition.source(), definition.table(), parts.size(), rows(),
                    into.map(schema -> schema.schema() + "." + definition.table()).orElse(null));
        }
    }
}
