package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.util.unit.DataSize;

import dev.custos.common.CustosException;
import dev.custos.common.store.BlobStore;
import dev.custos.common.test.TestDatabase;
import dev.custos.jobs.backup.archive.BackupCatalog;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.archive.Classification;
import dev.custos.jobs.backup.key.BackupKey;
import dev.custos.jobs.backup.source.TableDefinition;
import dev.custos.jobs.backup.source.BackupSource;

/**
 * What an archive holds and how it reads back: table data in LOAD DATA format cut into parts,
 * column definitions, directory files, skipped links; plain and encrypted; in a directory store
 * and in a bucket; and what is refused before anything is read.
 */
class BackupArchiveTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final TestDatabase DATABASE = TestDatabase.create(BackupArchiveTest.class);
    private static DataSource dataSource;

    @TempDir
    Path dir;

    @BeforeAll
    static void customerTable() throws Exception {
        dataSource = BackupSettings.dataSource(DATABASE);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE customer (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, note TEXT NULL,
                                           photo VARBINARY(16) NULL, active BOOLEAN NOT NULL)""");
            statement.execute("CREATE TABLE empty_table (code CHAR(3) NOT NULL)");
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO customer (id, name, note, photo, active) VALUES (?, ?, ?, ?, ?)")) {
                for (int id = 1; id <= 300; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, id == 2 ? "Zoë" : "Customer " + id);
                    insert.setString(3, id == 1 ? "line1\nline2\ttab\\back" : id % 3 == 0 ? null : "note " + id);
                    insert.setBytes(4, id == 2 ? new byte[] {0, 9, 10, 92} : null);
                    insert.setBoolean(5, id % 2 == 1);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.drop();
    }

    private static BackupSource table(String name, Classification classification, String... tables) {
        return BackupSettings.tables(name, classification, DATABASE.name(), tables);
    }

    private BackupManifest backup(BlobStore store, Optional<BackupKey> key, BackupSource... sources) {
        return new BackupWriter(store, BackupSettings.properties(DataSize.ofKilobytes(4), sources), dataSource,
                Clock.systemUTC()).write(DAY, 7, dir.resolve("inbox"), key);
    }

    /** The documents, and a symbolic link among them. */
    private Path documents() throws Exception {
        Path docs = BackupFixture.documents(dir);
        Files.createSymbolicLink(docs.resolve("passwd-link"), Path.of("/etc/passwd"));
        return docs;
    }

    @ParameterizedTest
    @EnumSource(BackupStores.class)
    void tablesFilesAndColumnsReadBackExactlyWithTheManifestsSizesAndDigests(BackupStores kind) throws Exception {
        BlobStore store = kind.create(dir, "archive-roundtrip");
        Path docs = documents();

        BackupManifest manifest = backup(store, Optional.empty(), table("crm", Classification.CONFIDENTIAL,
                "customer", "EMPTY_TABLE"), BackupSettings.directory("docs", Classification.INTERNAL, docs));

        assertThat(manifest.id()).isEqualTo("2026-11-24.7");
        assertThat(manifest.archive().key()).isEqualTo("backups/2026-11-24.7/archive.tar.zst");
        assertThat(manifest.archive().encryption()).isNull();
        assertThat(store.stat(manifest.manifestKey())).as("the writer leaves the manifest to its caller").isEmpty();
        Map<String, byte[]> contents = BackupFixture.contents(store, manifest, Optional.empty());
        assertThat(contents.keySet()).containsExactlyElementsOf(
                manifest.entries().stream().map(BackupManifest.Entry::path).toList());
        assertThat(contents).containsKeys("tables/crm/customer.columns.json", "tables/crm/customer/part-00001.tsv",
                "tables/crm/customer/part-00002.tsv", "tables/crm/empty_table.columns.json",
                "tables/crm/empty_table/part-00001.tsv", "files/docs/contracts/2026/c1.txt", "files/docs/scan.bin");
        assertThat(contents.get("files/docs/scan.bin")).containsExactly(0, 1, 2, 255);
        assertThat(new String(contents.get("tables/crm/empty_table/part-00001.tsv"), StandardCharsets.UTF_8))
                .isEqualTo("code\n");
        String firstPart = new String(contents.get("tables/crm/customer/part-00001.tsv"), StandardCharsets.UTF_8);
        assertThat(firstPart).startsWith("""
                id\tname\tnote\tphoto\tactive
                1\tCustomer 1\tline1\\nline2\\ttab\\\\back\t\\N\t1
                2\tZoë\tnote 2\t\\0\\t\\n\\\\\t0
                3\tCustomer 3\t\\N\t\\N\t1
                """);
        assertThat(manifest.entries().stream().filter(e -> e.path().endsWith(".tsv")).mapToLong(e -> e.rows()).sum())
                .isEqualTo(300);
        assertThat(manifest.totals().rows()).isEqualTo(300);
        assertThat(manifest.totals().entries()).isEqualTo(manifest.entries().size());
        assertThat(manifest.skipped()).containsExactly(
                new BackupManifest.Skipped("docs", "passwd-link", "symbolic link, not followed"));
        TableDefinition customer = TableDefinition.fromJson(contents.get("tables/crm/customer.columns.json"));
        assertThat(customer.columnNames()).containsExactly("id", "name", "note", "photo", "active");
        assertThat(customer.primaryKey()).containsExactly("id");
        assertThat(customer.columns().get(2).nullable()).isTrue();
        assertThat(customer.columns().get(1).nullable()).isFalse();
        assertThat(manifest.sources()).extracting(BackupManifest.Source::name, BackupManifest.Source::classification)
                .containsExactly(tuple("crm", Classification.CONFIDENTIAL),
                        tuple("docs", Classification.INTERNAL));
    }

    @Test
    void tableDataLoadsBackWithLoadDataIntoAnEqualTable() throws Exception {
        BlobStore store = BackupStores.LOCAL_DIR.create(dir, "load-data");
        BackupManifest manifest = backup(store, Optional.empty(), table("crm", Classification.INTERNAL, "customer"));
        Map<String, byte[]> contents = BackupFixture.contents(store, manifest, Optional.empty());

        try (Connection connection = DriverManager.getConnection(DATABASE.url() + "?allowLocalInfile=true",
                TestDatabase.user(), TestDatabase.password()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE customer_copy LIKE customer");
            for (Map.Entry<String, byte[]> entry : contents.entrySet()) {
                if (entry.getKey().endsWith(".tsv")) {
                    Path part = Files.write(dir.resolve(entry.getKey().replace('/', '_')), entry.getValue());
                    statement.execute("LOAD DATA LOCAL INFILE '" + part + "' INTO TABLE customer_copy"
                            + " CHARACTER SET binary IGNORE 1 LINES (id, name, note, photo, active)");
                }
            }
            ResultSet equal = statement.executeQuery("""
                    SELECT (SELECT COUNT(*) FROM customer), (SELECT COUNT(*) FROM customer_copy),
                           (SELECT COUNT(*) FROM customer c JOIN customer_copy k ON k.id = c.id AND k.name = c.name
                              AND k.note <=> c.note AND k.photo <=> c.photo AND k.active = c.active)""");
            equal.next();
            assertThat(equal.getLong(1)).isEqualTo(300);
            assertThat(equal.getLong(2)).isEqualTo(300);
            assertThat(equal.getLong(3)).as("rows equal in every column").isEqualTo(300);
        }
    }

    @ParameterizedTest
    @EnumSource(BackupStores.class)
    void withAKeyTheArchiveIsEncryptedAndReadsBackOnlyWithIt(BackupStores kind) throws Exception {
        BlobStore store = kind.create(dir, "archive-encrypted");
        BackupKey key = BackupKey.fromJson(BackupKey.generateKeysetJson(), "test");
        Path docs = documents();

        BackupManifest manifest = backup(store, Optional.of(key),
                BackupSettings.directory("docs", Classification.RESTRICTED, docs));

        assertThat(manifest.archive().key()).isEqualTo("backups/2026-11-24.7/archive.tar.zst.tink");
        assertThat(manifest.archive().encryption())
                .isEqualTo(new BackupManifest.Encryption("tink-streaming-aead", key.primaryKeyId()));
        byte[] stored = BackupFixture.bytes(store, manifest.archive().key());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("contract one");
        assertThat(BackupFixture.contents(store, manifest, Optional.of(key)).get("files/docs/contracts/2026/c1.txt"))
                .asString(StandardCharsets.UTF_8).isEqualTo("contract one\n");
    }

    @Test
    void afterAKeyRotationNewArchivesUseTheNewPrimaryAndOlderOnesStillRead() throws Exception {
        String keyset = BackupKey.generateKeysetJson();
        BackupKey before = BackupKey.fromJson(keyset, "test");
        BackupKey after = BackupKey.fromJson(BackupKey.rotatedKeysetJson(keyset, "test"), "test");
        Path docs = documents();
        BlobStore older = BackupStores.LOCAL_DIR.create(dir.resolve("older"), "rotation-older");
        BlobStore newer = BackupStores.LOCAL_DIR.create(dir.resolve("newer"), "rotation-newer");

        BackupManifest olderManifest = backup(older, Optional.of(before),
                BackupSettings.directory("docs", Classification.RESTRICTED, docs));
        BackupManifest newerManifest = backup(newer, Optional.of(after),
                BackupSettings.directory("docs", Classification.RESTRICTED, docs));

        assertThat(after.primaryKeyId()).isNotEqualTo(before.primaryKeyId());
        assertThat(after.keyIds()).containsExactlyInAnyOrder(before.primaryKeyId(), after.primaryKeyId());
        assertThat(newerManifest.archive().encryption().keyId()).isEqualTo(after.primaryKeyId());
        assertThat(BackupFixture.contents(older, olderManifest, Optional.of(after)).get("files/docs/contracts/2026/c1.txt"))
                .as("an archive of the older key, read with the rotated keyset")
                .asString(StandardCharsets.UTF_8).isEqualTo("contract one\n");
        assertThat(new BackupVerifier(new BackupCatalog(newer), Optional.of(before)).verify(newerManifest).verified())
                .as("the keyset before the rotation cannot read the newer archive").isFalse();
    }

    @Test
    void aRestrictedSourceWithoutAKeyIsRefusedBeforeAnySourceIsRead() {
        BlobStore store = BackupStores.LOCAL_DIR.create(dir, "restricted");
        BackupSource unreachable = new BackupSource("hr", BackupSource.SourceType.JDBC,
                Classification.RESTRICTED, "jdbc:mariadb://127.0.0.1:1/nowhere", "u", "p", null, List.of(), null);
        BackupWriter writer = new BackupWriter(store, BackupSettings.properties(DataSize.ofMegabytes(1),
                BackupSettings.directory("docs", Classification.PUBLIC, dir), unreachable), dataSource,
                Clock.systemUTC());

        assertThatThrownBy(() -> writer.write(DAY, 8, dir, Optional.empty()))
                .isInstanceOf(CustosException.class)
                .hasMessage("backup refused: source(s) hr are RESTRICTED and must be encrypted, but no key is "
                        + "configured; set custos.backup.key-file (a Tink keyset file) or CUSTOS_BACKUP_KEYSET, "
                        + "then restart the run");
        assertThat(store.list("")).as("no upload was started").isEmpty();
    }

    @Test
    void aFailingSourceLeavesNothingInTheStore() throws Exception {
        BlobStore store = BackupStores.LOCAL_DIR.create(dir, "failing-source");
        Path docs = documents();

        assertThatThrownBy(() -> backup(store, Optional.empty(),
                BackupSettings.directory("docs", Classification.PUBLIC, docs),
                table("crm", Classification.INTERNAL, "no_such_table")))
                .isInstanceOf(CustosException.class)
                .hasMessageContaining("table 'no_such_table' not found in schema '" + DATABASE.name() + "'");
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void withoutConfiguredSourcesTheRunsInboxIsBackedUp() throws Exception {
        BlobStore store = BackupStores.LOCAL_DIR.create(dir, "inbox");
        Files.writeString(BackupFixture.mkdirs(dir.resolve("inbox")).resolve("hr_roster.csv"), "employee_id\n");

        BackupManifest manifest = backup(store, Optional.empty());

        assertThat(manifest.entries()).extracting(BackupManifest.Entry::path)
                .containsExactly("files/inbox/hr_roster.csv");
        assertThat(manifest.sources()).singleElement().satisfies(source -> {
            assertThat(source.name()).isEqualTo("inbox");
            assertThat(source.classification()).isEqualTo(Classification.INTERNAL);
        });
    }
}
