package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import dev.custos.common.CustosException;
import dev.custos.common.store.BlobStore;
import dev.custos.common.store.BlobUpload;
import dev.custos.common.test.TestDatabase;
import dev.custos.jobs.backup.archive.Classification;
import dev.custos.jobs.backup.source.BackupSource;

/**
 * On a server that keeps the case of table names ({@code lower_case_table_names=0}, Linux's
 * default), {@code Orders} and {@code orders} can both exist. A backup names tables regardless of
 * case, so it fails the run naming both, before any upload is begun, rather than keeping one.
 */
class BackupTableNameCaseTest {

    private static final TestDatabase DATABASE = TestDatabase.create(BackupTableNameCaseTest.class);
    private static DataSource dataSource;

    @TempDir
    Path dir;

    @BeforeAll
    static void tablesWhoseNamesDifferOnlyInCase() throws Exception {
        dataSource = BackupSettings.dataSource(DATABASE);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT @@lower_case_table_names")) {
                rs.next();
                // 1 and 2 (Windows, macOS) fold the names: there the two tables cannot both exist
                assumeTrue(rs.getInt(1) == 0, "the server folds the case of table names");
            }
            statement.execute("CREATE TABLE `Orders` (id INT PRIMARY KEY)");
            statement.execute("CREATE TABLE `orders` (id INT PRIMARY KEY)");
            statement.execute("CREATE TABLE customer (id INT PRIMARY KEY)");
            statement.execute("INSERT INTO `Orders` VALUES (1)");
            statement.execute("INSERT INTO `orders` VALUES (2)");
        }
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.drop();
    }

    @Test
    void backingUpEveryTableFailsNamingBothBeforeAnyUploadIsBegun() {
        assertFailsNamingBoth(BackupSettings.tables("shop", Classification.INTERNAL, DATABASE.name()));
    }

    @Test
    void namingOneOfThemFailsToo() {
        assertFailsNamingBoth(BackupSettings.tables("shop", Classification.INTERNAL, DATABASE.name(), "customer",
                "orders"));
    }

    private void assertFailsNamingBoth(BackupSource source) {
        AtomicInteger uploads = new AtomicInteger();
        BlobStore store = new ForwardingStore(BackupStores.LOCAL_DIR.create(dir, "table-name-case")) {
            @Override
            public BlobUpload create(String key) {
                uploads.incrementAndGet();
                return super.create(key);
            }
        };
        BackupWriter writer = new BackupWriter(store, BackupSettings.properties(DataSize.ofMegabytes(1), source),
                dataSource, Clock.systemUTC());

        assertThatThrownBy(() -> writer.write(LocalDate.of(2026, 11, 24), 7, dir, Optional.empty()))
                .isInstanceOf(CustosException.class)
                .hasMessageContaining("backup source 'shop'")
                .hasMessageContaining("'Orders' and 'orders'")
                .hasMessageContaining("differ only in case");
        assertThat(uploads).as("archive uploads begun").hasValue(0);
        assertThat(store.list("")).isEmpty();
    }
}
