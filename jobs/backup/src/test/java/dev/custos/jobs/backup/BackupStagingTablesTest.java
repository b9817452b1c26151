package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import dev.custos.common.store.BlobStore;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.archive.Classification;
import dev.custos.common.test.TestDatabase;
import dev.custos.jobs.backup.source.BackupSource;

/**
 * Staging tables ({@code *_stage}) hold a run's inputs, names and e-mails among them, only until the
 * run completes or is abandoned: a backup of the schema leaves them out, unless its source lists them.
 */
class BackupStagingTablesTest {

    private static final TestDatabase DATABASE = TestDatabase.create(BackupStagingTablesTest.class);
    private static DataSource dataSource;

    @TempDir
    Path dir;

    @BeforeAll
    static void aSchemaWithAStagingTable() throws Exception {
        dataSource = BackupSettings.dataSource(DATABASE);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE metric (id INT PRIMARY KEY)");
            statement.execute("CREATE TABLE tc_employee_stage (id INT PRIMARY KEY, full_name VARCHAR(100))");
            statement.execute("INSERT INTO metric VALUES (1)");
            statement.execute("INSERT INTO tc_employee_stage VALUES (1, 'Ada Lovelace')");
        }
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.drop();
    }

    @Test
    void backupOfEveryTableLeavesTheStagingTablesOut() throws Exception {
        BackupManifest manifest = backUp(BackupSettings.tables("results", Classification.CONFIDENTIAL,
                DATABASE.name()), "every-table");

        assertThat(manifest.sources()).singleElement().extracting(BackupManifest.Source::tables)
                .asList().containsExactly("metric");
        assertThat(manifest.entries()).extracting(BackupManifest.Entry::path)
                .noneMatch(path -> path.contains("_stage"));
    }

    @Test
    void aStagingTableListedExplicitlyIsBackedUp() throws Exception {
        BackupManifest manifest = backUp(BackupSettings.tables("results", Classification.CONFIDENTIAL,
                DATABASE.name(), "metric", "tc_employee_stage"), "listed");

        assertThat(manifest.sources()).singleElement().extracting(BackupManifest.Source::tables)
                .asList().containsExactly("metric", "tc_employee_stage");
        assertThat(manifest.entries()).extracting(BackupManifest.Entry::path)
                .anyMatch(path -> path.startsWith("tables/results/tc_employee_stage"));
    }

    private BackupManifest backUp(BackupSource source, String name) throws Exception {
        BlobStore store = BackupStores.LOCAL_DIR.create(dir, name);
        return new BackupWriter(store, BackupSettings.properties(DataSize.ofMegabytes(1), source), dataSource,
                Clock.systemUTC()).write(LocalDate.of(2026, 11, 24), 1, dir, Optional.empty());
    }
}
