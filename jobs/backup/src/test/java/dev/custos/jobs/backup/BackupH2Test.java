package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.unit.DataSize;

import dev.custos.common.store.BlobStore;

/** The embedded default (the demo's H2 database in MariaDB mode) backs up its tables like MariaDB does. */
class BackupH2Test {

    @TempDir
    Path dir;

    @Test
    void tablesOfTheEmbeddedH2DatabaseAreArchivedInLoadDataFormat() throws Exception {
        SingleConnectionDataSource h2 = new SingleConnectionDataSource(
                "jdbc:h2:mem:backup-h2;MODE=MariaDB;DATABASE_TO_LOWER=TRUE", "sa", "", true);
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA crm");
            statement.execute("CREATE TABLE crm.customer (id INT PRIMARY KEY, name VARCHAR(100), vip BOOLEAN)");
            statement.execute("INSERT INTO crm.customer VALUES (2, 'Bo\tB', FALSE), (1, NULL, TRUE)");
        }
        BlobStore store = BackupStores.LOCAL_DIR.create(dir, "h2");
        BackupProperties properties = BackupArchiveTest.properties(DataSize.ofMegabytes(1),
                new BackupProperties.Source("crm", BackupProperties.SourceType.JDBC, Classification.INTERNAL,
                        "default", null, null, "crm", List.of(), null));

        BackupManifest manifest = new BackupWriter(store, properties, h2, Clock.systemUTC())
                .write(LocalDate.of(2026, 11, 24), 3, dir, Optional.empty());

        Map<String, byte[]> contents = BackupFixture.contents(store, manifest, Optional.empty());
        assertThat(new String(contents.get("tables/crm/customer/part-00001.tsv"), StandardCharsets.UTF_8))
                .isEqualTo("id\tname\tvip\n1\t\\N\t1\n2\tBo\\tB\t0\n");
        assertThat(TableDefinition.fromJson(contents.get("tables/crm/customer.columns.json")).primaryKey())
                .containsExactly("id");
        h2.destroy();
    }
}
