package dev.custos.jobs.backup.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.util.unit.DataSize;

import dev.custos.common.store.BlobStore;
import dev.custos.common.test.TestDatabase;
import dev.custos.jobs.backup.BackupFixture;
import dev.custos.jobs.backup.BackupProperties;
import dev.custos.jobs.backup.BackupSettings;
import dev.custos.jobs.backup.BackupStores;
import dev.custos.jobs.backup.BackupWriter;
import dev.custos.jobs.backup.CraftedArchive;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.archive.BackupVerificationException;
import dev.custos.jobs.backup.archive.Classification;
import dev.custos.jobs.backup.key.BackupKey;
import dev.custos.jobs.backup.source.TableChecksum;
import dev.custos.jobs.backup.source.TableDefinition;
import dev.custos.jobs.backup.source.TableLoader;

/**
 * Restore: a real backup of a MariaDB schema and a directory comes back as files and, loaded into
 * a scratch schema, as tables equal to the source in row count and content checksum; encrypted
 * backups restore only with their key; entries that would land outside the target are refused.
 */
class BackupRestoreTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final TestDatabase DATABASE = TestDatabase.create(BackupRestoreTest.class);
    private static final List<String> TABLES = List.of("audit_note", "code_label", "contract", "customer",
            "empty_table");
    private static DataSource dataSource;

    @TempDir
    Path dir;

    @BeforeAll
    static void sourceTables() throws Exception {
        dataSource = BackupSettings.dataSource(DATABASE);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE customer (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, note TEXT NULL,
                        photo VARBINARY(64) NULL, scan BLOB NULL, active BOOLEAN NOT NULL, balance DECIMAL(12,2) NOT NULL,
                        score DOUBLE NULL, ratio FLOAT NULL, born DATE NULL, updated DATETIME(3) NOT NULL,
                        seen TIMESTAMP(6) NULL, visits BIGINT UNSIGNED NULL, flag BIT(1) NULL, grade TINYINT NULL,
                        code CHAR(3) NULL, since YEAR NULL) CHARACTER SET utf8mb4""");
            statement.execute("""
                    CREATE TABLE contract (customer_id INT NOT NULL, seq INT NOT NULL, signed_on DATE NOT NULL,
                        amount DECIMAL(10,2) NULL, PRIMARY KEY (customer_id, seq))""");
            statement.execute("CREATE TABLE audit_note (at DATETIME NOT NULL, text VARCHAR(50) NULL)");
            statement.execute("CREATE TABLE empty_table (code CHAR(3) NOT NULL)");
            // keys equal under the default collation: restored only with the column's own
            statement.execute("CREATE TABLE code_label (code VARCHAR(10) COLLATE utf8mb4_bin PRIMARY KEY,"
                    + " label VARCHAR(20) NOT NULL) CHARACTER SET utf8mb4");
            statement.execute("INSERT INTO code_label VALUES ('a', 'lower a'), ('A', 'upper A'), ('B', 'upper B'),"
                    + " ('b', 'lower b')");
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO customer VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (int id = 1; id <= 500; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, id == 2 ? "Zoë 🙂" : "Customer " + id);
                    insert.setString(3, id == 1 ? "line1\nline2\ttab\\back\r\0nul" : id % 3 == 0 ? null : "note " + id);
                    insert.setBytes(4, id == 2 ? new byte[] {0, 9, 10, 13, 92, (byte) 255} : null);
                    insert.setBytes(5, id % 50 == 0 ? ("scan-" + id).getBytes(StandardCharsets.UTF_8) : null);
                    insert.setBoolean(6, id % 2 == 1);
                    insert.setString(7, id + ".25");
                    insert.setString(8, id % 7 == 0 ? null : String.valueOf(id / 3.0));
                    insert.setString(9, id % 5 == 0 ? null : "1.1");
                    insert.setString(10, id % 4 == 0 ? null : "1980-02-" + (id % 28 + 1));
                    insert.setString(11, "2026-11-24 10:00:0" + (id % 10) + ".12" + (id % 10));
                    insert.setString(12, id % 6 == 0 ? null : "2026-11-24 11:22:33.00000" + (id % 10));
                    insert.setString(13, id == 3 ? "18446744073709551615" : id % 2 == 0 ? null : String.valueOf(id));
                    if (id % 9 == 0) {
                        insert.setNull(14, java.sql.Types.BIT);
                    } else {
                        insert.setBoolean(14, id % 2 == 0);
                    }
                    insert.setInt(15, -(id % 100));
                    insert.setString(16, id % 8 == 0 ? null : "C" + (id % 10));
                    insert.setString(17, id % 11 == 0 ? null : String.valueOf(1990 + id % 30));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            statement.execute("INSERT INTO contract SELECT c.seq, s.seq, '2026-01-01' + INTERVAL s.seq DAY,"
                    + " IF(s.seq = 2, NULL, c.seq * 10 + s.seq / 4) FROM seq_1_to_200 c, seq_1_to_4 s");
            statement.execute("INSERT INTO audit_note VALUES ('2026-11-24 01:00:00', 'twice'),"
                    + " ('2026-11-24 01:00:00', 'twice'), ('2026-11-23 23:59:59', NULL)");
        }
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.drop();
    }

    private Path documents() throws Exception {
        return BackupFixture.documents(dir);
    }

    private BackupManifest backup(BlobStore store, Optional<BackupKey> key, Path docs) {
        BackupProperties properties = BackupSettings.properties(DataSize.ofKilobytes(4),
                BackupSettings.tables("crm", Classification.CONFIDENTIAL, DATABASE.name()),
                BackupSettings.directory("docs", Classification.INTERNAL, docs));
        BackupManifest manifest = new BackupWriter(store, properties, dataSource, Clock.systemUTC())
                .write(DAY, 11, dir.resolve("inbox"), key);
        store.put(manifest.manifestKey(), new ByteArrayInputStream(manifest.toJson()));
        return manifest;
    }

    private static long count(String schema, String table) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + schema + "." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static TableDefinition definition(Path restored, String table) throws Exception {
        return TableDefinition.fromJson(Files.readAllBytes(restored.resolve("tables/crm/" + table + ".columns.json")));
    }

    private static List<BackupManifest.Entry> parts(BackupManifest manifest, String table) {
        return manifest.entries().stream().filter(e -> e.path().startsWith("tables/crm/" + table + "/")).toList();
    }

    @ParameterizedTest
    @EnumSource(BackupStores.class)
    void restoredTablesEqualTheSourceInRowsAndChecksumAndFilesComeBackByteForByte(BackupStores kind) throws Exception {
        BlobStore store = kind.create(dir, "restore-roundtrip");
        Path docs = documents();
        BackupManifest manifest = backup(store, Optional.empty(), docs);
        String scratch = DATABASE.name() + "_" + kind.name().toLowerCase(java.util.Locale.ROOT);
        Path target = dir.resolve("restored");

        BackupRestorer.Restored restored;
        try {
            restored = new BackupRestorer(store, Optional.empty()).restore("latest", target,
                    Optional.of(new BackupRestorer.IntoSchema(dataSource, scratch)));

            assertThat(restored.backupId()).isEqualTo(manifest.id());
            assertThat(restored.files()).isEqualTo(2);
            assertThat(restored.tables()).extracting(BackupRestorer.RestoredTable::table)
                    .containsExactlyElementsOf(TABLES);
            assertThat(parts(manifest, "customer")).as("the customer table spans several parts").hasSizeGreaterThan(3);
            for (String table : TABLES) {
                TableDefinition definition = definition(target, table);
                List<Long> partRows = parts(manifest, table).stream().map(BackupManifest.Entry::rows).toList();
                TableChecksum source = new TableLoader(dataSource, DATABASE.name()).checksum(definition, partRows);
                TableChecksum copy = new TableLoader(dataSource, scratch).checksum(definition, partRows);
                assertThat(count(scratch, table)).as(table).isEqualTo(count(DATABASE.name(), table));
                assertThat(copy).as(table).isEqualTo(source);
                assertThat(copy.partSha256()).as(table).containsExactlyElementsOf(
                        parts(manifest, table).stream().map(BackupManifest.Entry::sha256).toList());
            }
        } finally {
            new TableLoader(dataSource, scratch).dropSchema();
        }
        assertThat(restored.tables()).allSatisfy(t -> assertThat(t.loadedInto()).isEqualTo(scratch + "." + t.table()));
        assertThat(count(DATABASE.name(), "customer")).isEqualTo(500);
        assertThat(target.resolve("files/docs/contracts/2026/c1.txt")).hasContent("contract one\n");
        assertThat(target.resolve("files/docs/scan.bin")).hasBinaryContent(new byte[] {0, 1, 2, (byte) 255});
        assertThat(target.resolve("tables/crm/customer/part-00001.tsv")).isRegularFile();
    }

    @Test
    void anEncryptedBackupRestoresWithItsKeyAndIsRefusedWithoutIt() throws Exception {
        BlobStore store = BackupStores.LOCAL_DIR.create(dir, "restore-encrypted");
        BackupKey key = BackupKey.fromJson(BackupKey.generateKeysetJson(), "test");
        BackupKey otherKey = BackupKey.fromJson(BackupKey.generateKeysetJson(), "other");
        BackupManifest manifest = backup(store, Optional.of(key), documents());

        assertThatThrownBy(() -> new BackupRestorer(store, Optional.empty()).restore(manifest.id(),
                dir.resolve("without-key"), Optional.empty()))
                .isInstanceOf(BackupVerificationException.class)
                .hasMessageContaining(manifest.archive().key())
                .hasMessageContaining("no key is configured");
        assertThatThrownBy(() -> new BackupRestorer(store, Optional.of(otherKey)).restore(manifest.id(),
                dir.resolve("wrong-key"), Optional.empty()))
                .isInstanceOf(BackupVerificationException.class)
                .hasMessageContaining("which the configured keyset (other) does not hold");
        assertThat(dir.resolve("without-key")).as("the folder the restore created is removed").doesNotExist();
        assertThat(dir.resolve("wrong-key")).doesNotExist();

        BackupRestorer.Restored restored = new BackupRestorer(store, Optional.of(key)).restore(manifest.id(),
                dir.resolve("with-key"), Optional.empty());

        assertThat(restored.rows()).isEqualTo(500 + 800 + 3 + 4);
        assertThat(dir.resolve("with-key/files/docs/contracts/2026/c1.txt")).hasContent("contract one\n");
        assertThat(BackupFixture.bytes(store, manifest.archive().key())).asString(StandardCharsets.ISO_8859_1)
                .doesNotContain("contract one");
    }

    @Test
    void aDamagedArchiveLeavesNothingRestored() throws Exception {
        BlobStore store = BackupStores.LOCAL_DIR.create(dir, "restore-damaged");
        BackupManifest manifest = backup(store, Optional.empty(), documents());
        byte[] archive = BackupFixture.bytes(store, manifest.archive().key());
        BackupFixture.rewrite(store, manifest.archive().key(), data -> BackupFixture.flipByte(data, archive.length - 40));
        Path target = dir.resolve("restored");

        assertThatThrownBy(() -> new BackupRestorer(store, Optional.empty()).restore(manifest.id(), target,
                Optional.empty()))
                .isInstanceOf(BackupVerificationException.class)
                .hasMessageContaining(manifest.archive().key());
        assertThat(target).as("the folder the restore created is removed").doesNotExist();
    }

    @Test
    void anEntryWithADotDotSegmentIsRefusedBeforeAnythingIsWritten() throws Exception {
        BlobStore store = BackupStores.LOCAL_DIR.create(dir, "dotdot");
        new CraftedArchive("2026-11-24.1").file("files/docs/ok.txt", "fine").file("../x", "escaped").store(store);
        Path target = BackupFixture.mkdirs(dir.resolve("target"));

        assertThatThrownBy(() -> new BackupRestorer(store, Optional.empty()).restore("2026-11-24.1", target,
                Optional.empty()))
                .isInstanceOf(UnsafeEntryException.class)
                .hasMessage("restore of backup 2026-11-24.1 refused: entry '../x' has a '..' segment and would escape"
                        + " the target directory " + target.toRealPath() + "; nothing was written outside the target"
                        + " directory");
        assertThat(target).isEmptyDirectory();
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void anEntryWithADotDotSegmentDeeperInIsRefused() {
        BlobStore store = BackupStores.LOCAL_DIR.create(dir, "dotdot-deep");
        new CraftedArchive("2026-11-24.2").file("files/docs/../../../x", "escaped").store(store);

        assertThatThrownBy(() -> new BackupRestorer(store, Optional.empty()).restore("2026-11-24.2",
                dir.resolve("target"), Optional.empty()))
                .isInstanceOf(UnsafeEntryException.class)
                .hasMessageContaining("entry 'files/docs/../../../x' has a '..' segment");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void anAbsoluteEntryIsRefused() {
        BlobStore store = BackupStores.LOCAL_DIR.create(dir, "absolute");
        new CraftedArchive("2026-11-24.3").file("/etc/x", "escaped").store(store);

        assertThatThrownBy(() -> new BackupRestorer(store, Optional.empty()).restore("2026-11-24.3",
                dir.resolve("target"), Optional.empty()))
                .isInstanceOf(UnsafeEntryException.class)
                .hasMessageContaining("entry '/etc/x' is an absolute path");
        assertThat(dir.resolve("target")).isEmptyDirectory();
    }

    @Test
    void aSymbolicLinkEntryIsRefusedAndWhatCameBeforeItIsRemoved() {
        BlobStore store = BackupStores.LOCAL_DIR.create(dir, "symlink-entry");
        Path outside = BackupFixture.mkdirs(dir.resolve("outside"));
        new CraftedArchive("2026-11-24.4").file("files/docs/first.txt", "first")
                .symlink("files/docs/link", outside.toString())
                .file("files/docs/link/planted.txt", "through the link")
                .store(store);
        Path target = dir.resolve("target");

        assertThatThrownBy(() -> new BackupRestorer(store, Optional.empty()).restore("2026-11-24.4", target,
                Optional.empty()))
                .isInstanceOf(BackupVerificationException.class)
                .hasMessageContaining("entry files/docs/link: is not a regular file entry");
        assertThat(outside).isEmptyDirectory();
        assertThat(target).as("the folder the restore created is removed").doesNotExist();
    }

    @Test
    void aDirectorySymlinkPlantedInTheTargetIsNotFollowed() throws Exception {
        BlobStore store = BackupStores.LOCAL_DIR.create(dir, "planted-link");
        BackupManifest manifest = backup(store, Optional.empty(), documents());
        Path outside = BackupFixture.mkdirs(dir.resolve("outside"));
        Path target = BackupFixture.mkdirs(dir.resolve("target"));
        Files.createSymbolicLink(target.resolve("files"), outside);

        assertThatThrownBy(() -> new BackupRestorer(store, Optional.empty()).restore(manifest.id(), target,
                Optional.empty()))
                .isInstanceOf(UnsafeEntryException.class)
                .hasMessageContaining("entry 'files/docs/contracts/2026/c1.txt' would pass through the symbolic link "
                        + target.toRealPath().resolve("files"));
        assertThat(outside).isEmptyDirectory();
        try (Stream<Path> left = Files.list(target)) {
            assertThat(left).containsExactly(target.resolve("files"));
        }
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        BlobStore store = BackupStores.LOCAL_DIR.create(dir, "existing");
        BackupManifest manifest = backup(store, Optional.empty(), documents());
        Path target = BackupFixture.mkdirs(dir.resolve("target"));
        Path existing = BackupFixture.mkdirs(target.resolve("files/docs")).resolve("scan.bin");
        Files.writeString(existing, "mine");

        assertThatThrownBy(() -> new BackupRestorer(store, Optional.empty()).restore(manifest.id(), target,
                Optional.empty()))
                .isInstanceOf(UnsafeEntryException.class)
                .hasMessageContaining("entry 'files/docs/scan.bin' would overwrite the existing");
        assertThat(existing).hasContent("mine");
    }

    @Test
    void anUnknownBackupIdIsNamed() {
        BlobStore store = BackupStores.LOCAL_DIR.create(dir, "unknown");

        assertThatThrownBy(() -> new BackupRestorer(store, Optional.empty()).restore("2026-01-01.9",
                dir.resolve("target"), Optional.empty()))
                .isInstanceOf(UnknownBackupException.class)
                .hasMessageContaining("there is no backup 2026-01-01.9 in")
                .hasMessageContaining("backups/2026-01-01.9/manifest.json");
    }
}
