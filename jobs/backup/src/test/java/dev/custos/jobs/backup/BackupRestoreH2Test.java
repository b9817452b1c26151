package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.unit.DataSize;

import dev.custos.common.store.BlobStore;

/** The embedded default (H2 in MariaDB mode, the demo's database) restores into a scratch schema like MariaDB. */
class BackupRestoreH2Test {

    @TempDir
    Path dir;

    @Test
    void tablesOfTheEmbeddedH2DatabaseLoadBackIntoAScratchSchemaMatchingTheManifest() throws Exception {
        SingleConnectionDataSource h2 = new SingleConnectionDataSource(
                "jdbc:h2:mem:restore-h2;MODE=MariaDB;DATABASE_TO_LOWER=TRUE", "sa", "", true);
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA crm");
            statement.execute("""
                    CREATE TABLE crm.customer (id INT PRIMARY KEY, name VARCHAR(100), vip BOOLEAN, balance DECIMAL(9,2),
                        since TIMESTAMP, photo VARBINARY(8), note CLOB)""");
            statement.execute("INSERT INTO crm.customer VALUES (2, 'Bo\tB', FALSE, 10.50, TIMESTAMP '2026-11-24 10:00:00',"
                    + " X'00FF', 'a\\b'), (1, NULL, TRUE, NULL, NULL, NULL, NULL)");
            statement.execute("CREATE TABLE crm.empty_one (code CHAR(3) NOT NULL)");
        }
        BlobStore store = BackupStores.LOCAL_DIR.create(dir, "restore-h2");
        BackupManifest manifest = new BackupWriter(store, BackupArchiveTest.properties(DataSize.ofMegabytes(1),
                new BackupProperties.Source("crm", BackupProperties.SourceType.JDBC, Classification.INTERNAL, "default",
                        null, null, "crm", List.of(), null)), h2, Clock.systemUTC())
                .write(LocalDate.of(2026, 11, 24), 3, dir, Optional.empty());
        store.put(manifest.manifestKey(), new ByteArrayInputStream(manifest.toJson()));

        BackupRestorer.Restored restored = new BackupRestorer(store, Optional.empty()).restore(manifest.id(),
                dir.resolve("restored"), Optional.of(new BackupRestorer.IntoSchema(h2, "crm_drill")));

        assertThat(restored.tables()).extracting(BackupRestorer.RestoredTable::loadedInto)
                .containsExactly("crm_drill.customer", "crm_drill.empty_one");
        assertThat(restored.rows()).isEqualTo(2);
        new TableLoader(h2, "crm_drill").dropSchema();
        h2.destroy();
    }
}
