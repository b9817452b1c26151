package dev.custos.jobs.backup.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.unit.DataSize;

import dev.custos.common.store.BlobStore;
import dev.custos.jobs.backup.BackupFixture;
import dev.custos.jobs.backup.BackupProperties;
import dev.custos.jobs.backup.BackupSettings;
import dev.custos.jobs.backup.BackupStores;
import dev.custos.jobs.backup.BackupWriter;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.archive.Classification;
import dev.custos.jobs.backup.source.TableDefinition;
import dev.custos.jobs.backup.source.TableLoader;

/**
 * The embedded default (the demo's H2 database in MariaDB mode) backs up its tables, and restores
 * them into a scratch schema, like MariaDB does.
 */
class BackupH2Test {

    private static final BackupProperties CRM = BackupSettings.properties(DataSize.ofMegabytes(1),
            BackupSettings.tables("crm", Classification.INTERNAL, "crm"));

    @TempDir
    Path dir;

    private SingleConnectionDataSource h2;

    /** Opens a fresh in-memory H2 database {@code name} whose schema {@code crm} {@code statements} fill. */
    private void openH2(String name, String... statements) throws SQLException {
        h2 = new SingleConnectionDataSource("jdbc:h2:mem:" + name + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE", "sa", "",
                true);
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA crm");
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @AfterEach
    void closeDatabase() {
        if (h2 != null) {
            h2.destroy();
        }
    }

    private BackupManifest backup(BlobStore store) {
        return new BackupWriter(store, CRM, h2, Clock.systemUTC())
                .write(LocalDate.of(2026, 11, 24), 3, dir, Optional.empty());
    }

    @Test
    void tablesOfTheEmbeddedH2DatabaseAreArchivedInLoadDataFormat() throws Exception {
        openH2("backup-h2",
                "CREATE TABLE crm.customer (id INT PRIMARY KEY, name VARCHAR(100), vip BOOLEAN)",
                "INSERT INTO crm.customer VALUES (2, 'Bo\tB', FALSE), (1, NULL, TRUE)");
        BlobStore store = BackupStores.LOCAL_DIR.create(dir, "h2");

        BackupManifest manifest = backup(store);

        Map<String, byte[]> contents = BackupFixture.contents(store, manifest, Optional.empty());
        assertThat(new String(contents.get("tables/crm/customer/part-00001.tsv"), StandardCharsets.UTF_8))
                .isEqualTo("id\tname\tvip\n1\t\\N\t1\n2\tBo\\tB\t0\n");
        assertThat(TableDefinition.fromJson(contents.get("tables/crm/customer.columns.json")).primaryKey())
                .containsExactly("id");
    }

    @Test
    void tablesOfTheEmbeddedH2DatabaseLoadBackIntoAScratchSchemaMatchingTheManifest() throws Exception {
        openH2("restore-h2", """
                CREATE TABLE crm.customer (id INT PRIMARY KEY, name VARCHAR(100), vip BOOLEAN, balance DECIMAL(9,2),
                    since TIMESTAMP, photo VARBINARY(8), note CLOB)""",
                "INSERT INTO crm.customer VALUES (2, 'Bo\tB', FALSE, 10.50, TIMESTAMP '2026-11-24 10:00:00',"
                        + " X'00FF', 'a\\b'), (1, NULL, TRUE, NULL, NULL, NULL, NULL)",
                "CREATE TABLE crm.empty_one (code CHAR(3) NOT NULL)");
        BlobStore store = BackupStores.LOCAL_DIR.create(dir, "restore-h2");
        BackupManifest manifest = backup(store);
        store.put(manifest.manifestKey(), new ByteArrayInputStream(manifest.toJson()));

        BackupRestorer.Restored restored = new BackupRestorer(store, Optional.empty()).restore(manifest.id(),
                dir.resolve("restored"), Optional.of(new BackupRestorer.IntoSchema(h2, "crm_drill")));

        assertThat(restored.tables()).extracting(BackupRestorer.RestoredTable::loadedInto)
                .containsExactly("crm_drill.customer", "crm_drill.empty_one");
        assertThat(restored.rows()).isEqualTo(2);
        new TableLoader(h2, "crm_drill").dropSchema();
    }
}
