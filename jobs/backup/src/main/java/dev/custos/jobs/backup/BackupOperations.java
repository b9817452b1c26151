package dev.custos.jobs.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.CustosException;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.store.BlobStore;
import dev.custos.jobs.backup.archive.BackupCatalog;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.key.BackupKey;
import dev.custos.jobs.backup.key.KeysetFile;
import dev.custos.jobs.backup.restore.BackupRestorer;

/**
 * What an operator does with the backups outside a run: list, verify and restore them, and
 * create and rotate the keyset that encrypts them. It owns the keyset: the configured key is read
 * here alone ({@link #configuredKey()}, for the job's steps too), once per operation or step, so
 * that a rotation reaches the next run without a restart; keyset files are written here alone
 * ({@link KeysetFile}). Neither the keyset nor its material ever appears in what it returns or throws.
 */
public final class BackupOperations {

    /** {@code verify latest}, {@code restore latest}: the newest backup. */
    public static final String LATEST = BackupRestorer.LATEST;

    private final BlobStore store;
    private final BackupProperties properties;
    private final DataSource dataSource;
    private final BackupObjects records;
    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;

    BackupOperations(BlobStore store, BackupProperties properties, DataSource dataSource, JdbcTemplate jdbc,
                     ResultsSchema schema) {
        this.store = store;
        this.properties = properties;
        this.dataSource = dataSource;
        this.records = new BackupObjects(jdbc, schema);
        this.jdbc = jdbc;
        this.schema = schema;
    }

    /** The configured key (custos.backup.key-file or CUSTOS_BACKUP_KEYSET), read now; empty when none is set. */
    Optional<BackupKey> configuredKey() {
        return BackupKey.configured(properties.keyset(), properties.keyFile());
    }

    /** Whether {@code text} is a backup id such as {@code 2026-11-24.17}. */
    public static boolean isBackupId(String text) {
        return BackupCatalog.isId(text);
    }

    /** The store the backups are in, for messages (no secret). */
    public String storeDescription() {
        return store.describe();
    }

    /** Every backup in the store, oldest first, with what the results schema recorded of it. */
    public List<BackupListing.Line> list() {
        return new BackupListing(new BackupCatalog(store), jdbc, schema).lines();
    }

    /** The ids of the store's backups, oldest first, and of the incomplete ones (no manifest). */
    public BackupCatalog.Listing ids() {
        return new BackupCatalog(store).list();
    }

    /**
     * Re-reads each backup of {@code ids} in full and checks it against its manifest, and that
     * manifest against the one its run recorded; hands each result to {@code results} as it comes.
     */
    public void verify(List<String> ids, Consumer<Verified> results) {
        BackupVerifier verifier = new BackupVerifier(new BackupCatalog(store), configuredKey());
        for (String id : ids) {
            Optional<BackupManifest> recorded = records.recordedManifest(id);
            results.accept(new Verified(verifier.verify(id, recorded), recorded.isPresent()));
        }
    }

    /** A backup's verification, and whether a run of this results schema recorded its manifest. */
    public record Verified(VerificationResult result, boolean asRecorded) {
    }

    /**
     * Restores backup {@code idOrLatest} under {@code target} once its manifest in the store is
     * the one its run recorded, and loads its tables into {@code intoSchema} when given.
     *
     * @throws UnknownBackupException there is no such backup in the store
     */
    public BackupRestorer.Restored restore(String idOrLatest, Path target, Optional<String> intoSchema) {
        BackupRestorer restorer = new BackupRestorer(store, configuredKey());
        BackupManifest manifest = restorer.manifest(idOrLatest);
        BackupVerifier.requireAsRecorded(manifest, records.recordedManifest(manifest.id()));
        return restorer.restore(manifest, target,
                intoSchema.map(name -> new BackupRestorer.IntoSchema(dataSource, name)));
    }

    /**
     * Writes a new keyset with one key to {@code file}, readable by its owner only; returns the id
     * of its key.
     *
     * @throws java.nio.file.FileAlreadyExistsException {@code file} exists (it is never overwritten)
     */
    public static long createKeyset(Path file) throws IOException {
        String keyset = BackupKey.generateKeysetJson();
        KeysetFile.create(file, keyset);
        return BackupKey.fromJson(keyset, "key file " + file).primaryKeyId();
    }

    /**
     * Adds a new key to the keyset in {@code file} as its primary, replacing the file (or the one
     * a link names) in one step with the same owner, group and permissions.
     *
     * @throws CustosException {@code file} cannot be read or replaced (it is unchanged), or holds no keyset
     */
    public static Rotation rotateKeyset(Path file) {
        String origin = "key file " + file;
        String keyset;
        try {
            keyset = Files.readString(file);
        } catch (IOException e) {
            throw new CustosException("cannot read the keyset file " + file + ": " + e.getClass().getSimpleName(), e);
        }
        List<Long> older = BackupKey.fromJson(keyset, origin).keyIds();
        String rotated = BackupKey.rotatedKeysetJson(keyset, origin);
        try {
            KeysetFile.replace(file, rotated);
        } catch (IOException e) {
            throw new CustosException("cannot replace the keyset file " + file + " (it is unchanged): "
                    + e.getMessage(), e);
        }
        return new Rotation(BackupKey.fromJson(rotated, origin).primaryKeyId(), older);
    }

    /** The key that encrypts the backups from now on, and the older ones kept to read older backups. */
    public record Rotation(long primaryKeyId, List<Long> olderKeyIds) {
    }
}
