package dev.custos.jobs.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;

import dev.custos.common.test.TestDatabase;
import dev.custos.jobs.backup.archive.Classification;
import dev.custos.jobs.backup.source.BackupSource;

/** What a backup written directly (without the job) is told to cover, and the database it reads. */
public final class BackupSettings {

    private BackupSettings() {
    }

    /** Settings with the given sources and part size, and the defaults for everything else. */
    public static BackupProperties properties(DataSize partSize, BackupSource... sources) {
        return new BackupProperties(List.of(sources), null, null, partSize, 3, new BackupProperties.Retry(5,
                Duration.ofSeconds(1)), new BackupProperties.Retention(7, 12, 5));
    }

    /** The tables of {@code schema} in the application's datasource, or only {@code tables} where any are named. */
    public static BackupSource tables(String name, Classification classification, String schema,
                                          String... tables) {
        return new BackupSource(name, BackupSource.SourceType.JDBC, classification, "default", null,
                null, schema, List.of(tables), null);
    }

    public static BackupSource directory(String name, Classification classification, Path path) {
        return new BackupSource(name, BackupSource.SourceType.DIRECTORY, classification, null, null,
                null, null, List.of(), path);
    }

    /** A datasource on the test database, standing in for the application's. */
    public static DataSource dataSource(TestDatabase database) {
        return new DriverManagerDataSource(database.url(), TestDatabase.user(), TestDatabase.password());
    }
}
