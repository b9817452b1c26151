package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import dev.custos.common.store.BlobStore;
import dev.custos.common.test.TestDatabase;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.archive.Classification;

/**
 * Tables changing during the backup: a writer keeps committing one account with its opening
 * event per transaction while the backup reads both tables one after the other. The archive must
 * hold one snapshot: the same accounts in both tables, with no gap, and none committed after it.
 */
class BackupSnapshotTest {

    private static final TestDatabase DATABASE = TestDatabase.create(BackupSnapshotTest.class);
    private static final int INITIAL_ACCOUNTS = 40_000;

    @TempDir
    Path dir;

    @AfterAll
    static void dropDatabase() {
        DATABASE.drop();
    }

    @Test
    void tablesWrittenToDuringTheBackupAreArchivedAsOfOneSnapshot() throws Exception {
        DataSource dataSource = BackupSettings.dataSource(DATABASE);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE account (id BIGINT PRIMARY KEY, owner VARCHAR(100) NOT NULL)");
            statement.execute("CREATE TABLE account_event (account_id BIGINT PRIMARY KEY, kind VARCHAR(20) NOT NULL)");
            statement.execute("INSERT INTO account SELECT seq, CONCAT('owner ', seq) FROM seq_1_to_" + INITIAL_ACCOUNTS);
            statement.execute("INSERT INTO account_event SELECT seq, 'OPENED' FROM seq_1_to_" + INITIAL_ACCOUNTS);
        }
        AtomicBoolean backupDone = new AtomicBoolean();
        CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> openAccountsUntil(dataSource, backupDone));
        waitForAccounts(dataSource, INITIAL_ACCOUNTS + 1);
        BlobStore store = BackupStores.LOCAL_DIR.create(dir, "snapshot");
        BackupProperties properties = BackupSettings.properties(DataSize.ofKilobytes(64),
                BackupSettings.tables("bank", Classification.CONFIDENTIAL, DATABASE.name(), "account",
                        "account_event"));

        long before = count(dataSource);
        BackupManifest manifest;
        try {
            manifest = new BackupWriter(store, properties, dataSource, Clock.systemUTC())
                    .write(LocalDate.of(2026, 11, 24), 1, dir, Optional.empty());
        } finally {
            backupDone.set(true);
        }
        long after = writer.get();

        assertThat(after).as("accounts were opened while the backup ran").isGreaterThan(before);
        Map<String, byte[]> contents = BackupFixture.contents(store, manifest, Optional.empty());
        List<Long> accounts = ids(contents, "tables/bank/account/");
        List<Long> events = ids(contents, "tables/bank/account_event/");
        assertThat(accounts).as("no gap").isEqualTo(LongStream.rangeClosed(1, accounts.size()).boxed().toList());
        assertThat(events).as("the same accounts in both tables").isEqualTo(accounts);
        assertThat((long) accounts.size()).isBetween(before, after - 1);
        assertThat(manifest.totals().rows()).isEqualTo(2L * accounts.size());
    }

    /** Opens accounts one transaction each (account and its event) until told to stop; returns the count. */
    private static long openAccountsUntil(DataSource dataSource, AtomicBoolean stop) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement account = connection.prepareStatement("INSERT INTO account (id, owner) VALUES (?, ?)");
             PreparedStatement event = connection.prepareStatement(
                     "INSERT INTO account_event (account_id, kind) VALUES (?, 'OPENED')")) {
            connection.setAutoCommit(false);
            long id = INITIAL_ACCOUNTS;
            while (!stop.get()) {
                id++;
                account.setLong(1, id);
                account.setString(2, "owner " + id);
                account.executeUpdate();
                event.setLong(1, id);
                event.executeUpdate();
                connection.commit();
            }
            return id;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitForAccounts(DataSource dataSource, long atLeast) throws Exception {
        while (count(dataSource) < atLeast) {
            Thread.onSpinWait();
        }
    }

    private static long count(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM account")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first column of every data row of the table's parts, in archive order. */
    private static List<Long> ids(Map<String, byte[]> contents, String partsPrefix) {
        return contents.entrySet().stream().filter(e -> e.getKey().startsWith(partsPrefix))
                .flatMap(e -> new String(e.getValue(), StandardCharsets.UTF_8).lines().skip(1))
                .map(line -> Long.parseLong(line.substring(0, line.indexOf('\t'))))
                .toList();
    }
}
