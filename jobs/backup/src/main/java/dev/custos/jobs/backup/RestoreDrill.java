package dev.custos.jobs.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.transaction.support.TransactionOperations;

import dev.custos.common.CustosException;
import dev.custos.common.job.RunParameters;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.store.BlobStore;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.key.BackupKey;
import dev.custos.jobs.backup.restore.BackupRestorer;
import dev.custos.jobs.backup.restore.DrillSchema;
import dev.custos.jobs.backup.source.BackupSource;

/**
 * The restore drill of a backup run ({@code backupRestoreDrillStep}), on drill days
 * ({@code custos.backup.drill.day-of-week} of the run's day) or when the run has the job parameter
 * {@code drill=true}: restores the run's verified backup from the store into a temporary directory
 * and its tables into a scratch schema (created, then dropped), where every table's row count and
 * part checksums must match the manifest. It cleans up whether it passes or not; a failure fails
 * the run with the message naming the table or entry. {@link DrillSchema} refuses a scratch schema
 * that could be a real one before anything is created or dropped.
 */
final class RestoreDrill {

    /** Non-identifying job parameter asking for a drill whatever the day. */
    static final String PARAMETER = "drill";

    private static final Logger log = LoggerFactory.getLogger(RestoreDrill.class);

    private final BlobStore store;
    private final BackupProperties properties;
    private final Supplier<Optional<BackupKey>> configuredKey;
    private final BackupDrillProperties drill;
    private final DataSource dataSource;
    private final ResultsSchema results;
    private final BackupObjects objects;
    private final RestoreDrills drills;
    private final TransactionOperations ownTransaction;
    private final Clock clock;

    RestoreDrill(BlobStore store, BackupProperties properties, Supplier<Optional<BackupKey>> configuredKey,
                 BackupDrillProperties drill, DataSource dataSource,
                 ResultsSchema results, BackupObjects objects, RestoreDrills drills,
                 TransactionOperations ownTransaction, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.configuredKey = configuredKey;
        this.drill = drill;
        this.dataSource = dataSource;
        this.results = results;
        this.objects = objects;
        this.drills = drills;
        this.ownTransaction = ownTransaction;
        this.clock = clock;
    }

    private static boolean asked(JobExecution execution) {
        return Boolean.parseBoolean(execution.getJobParameters().getString(PARAMETER));
    }

    void run(JobExecution execution, RunParameters parameters) {
        if (!asked(execution) && !drill.isDrillDay(parameters.period().start())) {
            log.info("backup {}: no restore drill (drill days: {})", parameters.period(), drill.dayOfWeek());
            return;
        }
        long instance = execution.getJobInstanceId();
        DrillSchema scratch = DrillSchema.checked(dataSource, drill.scratchSchema(results.name()), results.name(),
                sourceSchemas());
        BackupObjects.Row row = ownTransaction.execute(status -> objects.ofInstance(instance))
                .filter(BackupObjects.Row::verified)
                .orElseThrow(() -> new CustosException("restore drill: no verified backup is recorded for job instance "
                        + instance + " (the verify step must pass first)"));
        BackupManifest manifest = BackupManifest.fromJson(row.manifest());
        Instant started = clock.instant();
        Path directory = null;
        try {
            scratch.create(instance);
            directory = temporaryDirectory(results.name(), instance);
            BackupRestorer.Restored restored = new BackupRestorer(store, configuredKey.get())
                    .restore(manifest, directory, Optional.of(new BackupRestorer.IntoSchema(dataSource,
                            scratch.name())));
            long millis = clock.millis() - started.toEpochMilli();
            ownTransaction.executeWithoutResult(status -> drills.record(instance, new RestoreDrills.Drill(
                    manifest.id(), started, scratch.name(), restored.tables().size(), restored.rows(),
                    restored.files(), millis)));
            log.info("backup {}: restore drill passed: {} files and {} tables ({} rows) restored from the store into a"
                            + " scratch directory and schema {}, every row count and checksum matching the manifest",
                    manifest.id(), restored.files(), restored.tables().size(), restored.rows(), scratch.name());
        } catch (CustosException | UncheckedIOException e) {
            throw new CustosException("restore drill failed: " + e.getMessage(), e);
        } finally {
            cleanUp(scratch, directory);
        }
    }

    /** The schemas of the configured JDBC sources, which the drill must never drop. */
    private List<String> sourceSchemas() {
        return properties.sources().stream()
                .filter(source -> source.type() == BackupSource.SourceType.JDBC && source.schema() != null)
                .map(source -> source.schema().strip()).toList();
    }

    /**
     * The run's scratch directory, owner-only, in {@code java.io.tmpdir}; one its killed drill left
     * (decrypted data) is removed first, so a restarted drill leaves none behind. Named by the results
     * schema too: two installations on one host number their job instances alike.
     */
    private static Path temporaryDirectory(String resultsSchema, long instance) {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"))
                .resolve("custos-restore-drill-" + resultsSchema + "-" + instance);
        try {
            deleteTree(directory);
            try {
                return Files.createDirectory(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException notPosix) {
                return Files.createDirectory(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("restore drill: cannot create the scratch directory " + directory, e);
        }
    }

    private static void cleanUp(DrillSchema scratch, Path directory) {
        try {
            scratch.dropIfOwn();
        } catch (RuntimeException e) {
            log.warn("restore drill: cannot drop scratch schema {}: {}", scratch.name(), e.getMessage());
        }
        if (directory == null) {
            return;
        }
        try {
            deleteTree(directory);
        } catch (IOException e) {
            log.warn("restore drill: cannot remove scratch directory {}: {}", directory, e.getMessage());
        }
    }

    /** Deletes a directory tree without following links (a link is removed, not its target). */
    static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
