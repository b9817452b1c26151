package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.util.unit.DataSize;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.custos.common.store.BlobStore;
import dev.custos.common.store.LocalDirBlobStore;
import dev.custos.common.store.S3BlobStore;
import dev.custos.common.test.TestDatabase;
import dev.custos.common.test.TestS3;
import dev.custos.jobs.backup.BackupOperations;
import dev.custos.jobs.backup.BackupProperties;
import dev.custos.jobs.backup.BackupWriter;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.archive.Classification;
import dev.custos.jobs.backup.source.BackupSource;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;

/**
 * {@code custos backup list | verify | restore} in-process against two installations, one with the
 * local-directory store and one with the S3 test server, each backing up an encrypted (key file)
 * customer table and a directory with {@code custos run backup}: listing, verifying, a flipped byte
 * named by verify, restoring files and tables into a schema, a restore drill asked for with
 * {@code --drill}; and no secret in any output.
 */
@Timeout(300)
class BackupCommandTest {

    private static final String GOOD_DAY = "2021-01-01";
    private static String keyset;
    private static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";
    /** Anything that reads as a date with a time of day, whatever its format. */
    private static final Pattern ANY_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}[^\\s\",]*");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    enum Store {
        LOCAL_DIR, S3
    }

    @TempDir
    static Path dir;

    static final Map<Store, Installation> installations = new EnumMap<>(Store.class);
    static final Map<Store, List<String>> storeSettings = new EnumMap<>(Store.class);
    static final Map<Store, String> buckets = new EnumMap<>(Store.class);
    /** The customer data, in a database beside the installation's own (which Flyway wants to itself). */
    static final Map<Store, TestDatabase> customerData = new EnumMap<>(Store.class);

    private static final class CustomerData {
    }

    @BeforeAll
    static void installationsWithADayBackedUp() throws Exception {
        Path keyFile = dir.resolve("backup-keyset.json");
        BackupOperations.createKeyset(keyFile);
        keyset = Files.readString(keyFile);
        for (Store kind : Store.values()) {
            Installation installation = Installation.create(BackupCommandTest.class, dir.resolve(kind.name()));
            installations.put(kind, installation);
            TestDatabase customers = TestDatabase.create(CustomerData.class);
            customerData.put(kind, customers);
            try (Connection connection = customers.connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE customer (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL)");
                statement.execute("INSERT INTO customer SELECT seq, CONCAT('Kunde ', seq) FROM seq_1_to_250");
            }
            Path documents = Files.createDirectories(dir.resolve(kind.name() + "-documents"));
            Files.writeString(documents.resolve("contract.txt"), "signed\n");
            List<String> settings = new ArrayList<>(List.of(
                    "--custos.backup.key-file=" + keyFile,
                    "--custos.backup.sources[0].name=crm",
                    "--custos.backup.sources[0].type=jdbc",
                    "--custos.backup.sources[0].classification=RESTRICTED",
                    "--custos.backup.sources[0].schema=" + customers.name(),
                    "--custos.backup.sources[0].tables[0]=customer",
                    "--custos.backup.sources[1].name=documents",
                    "--custos.backup.sources[1].type=directory",
                    "--custos.backup.sources[1].classification=CONFIDENTIAL",
                    "--custos.backup.sources[1].path=" + documents));
            if (kind == Store.S3) {
                String bucket = TestS3.newBucketName("backup-cli");
                buckets.put(kind, bucket);
                settings.addAll(List.of("--custos.s3.endpoint=" + TestS3.endpoint(), "--custos.s3.bucket=" + bucket,
                        "--custos.s3.access-key=" + TestS3.accessKey(), "--custos.s3.secret-key=" + TestS3.secretKey()));
            }
            storeSettings.put(kind, settings);
            CommandResult run = custos(kind, "run", "backup", "--period", GOOD_DAY);
            assertThat(run.exitCode()).as(run.describe()).isZero();
        }
    }

    @AfterAll
    static void dropInstallations() {
        installations.values().forEach(Installation::close);
        customerData.values().forEach(TestDatabase::drop);
    }

    private static CommandResult custos(Store kind, String... args) {
        CommandResult result = installations.get(kind).custos(
                Stream.concat(Stream.of(args), storeSettings.get(kind).stream()).toArray(String[]::new));
        assertNoSecrets(result);
        return result;
    }

    private static void assertNoSecrets(CommandResult result) {
        String everything = result.out() + result.err() + result.console();
        assertThat(everything).doesNotContain(TestS3.secretKey()).doesNotContain(keyMaterial());
        assertThat(result.showsStackTrace()).as(result.describe()).isFalse();
    }

    private static String keyMaterial() {
        return JsonMapper.builder().build().readTree(keyset).get("key").get(0).get("keyData").get("value").asString();
    }

    private static BlobStore store(Store kind) {
        return kind == Store.S3 ? new S3BlobStore(TestS3.properties(buckets.get(kind)))
                : new LocalDirBlobStore(installations.get(kind).store());
    }

    private static String backupId(Store kind, String day) {
        return store(kind).list("backups/" + day + ".").stream().map(o -> o.key().split("/")[1]).findFirst()
                .orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void listShowsEachBackupWithDaySizeVerifiedAndSources(Store kind) {
        String id = backupId(kind, GOOD_DAY);

        CommandResult list = custos(kind, "backup", "list");

        assertThat(list.exitCode()).as(list.describe()).isZero();
        assertThat(list.outLines().get(0)).startsWith("ID").contains("DAY", "BYTES", "STATE", "SOURCES");
        assertThat(list.outLines()).anySatisfy(line -> assertThat(line).startsWith(id).contains(GOOD_DAY, "VERIFIED",
                "yes", "crm,documents"));
        assertThat(list.out()).contains("in " + store(kind).describe());
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void executionsShowABackupsEntriesAndBytesStoredAsItsSummaryHasThem(Store kind) {
        CommandResult result = custos(kind, "executions", "--job", "backup", "--period", GOOD_DAY);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        Map<String, Double> summary = installations.get(kind).publishedMetrics("backup", GOOD_DAY);
        assertThat(summary.get("entries")).isPositive();
        assertThat(result.outLines()).as(result.describe()).anyMatch(line -> line.contains(" COMPLETED ")
                && line.contains("entries=%d bytes_stored=%d ".formatted(summary.get("entries").longValue(),
                        summary.get("bytes_stored").longValue())));
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void verifyPassesUntilAByteIsFlippedThenFailsNamingTheArchive(Store kind) throws Exception {
        String day = kind == Store.S3 ? "2020-12-30" : "2020-12-31";
        assertThat(custos(kind, "run", "backup", "--period", day).exitCode()).isZero();
        String id = backupId(kind, day);
        String archive = "backups/" + id + "/archive.tar.zst.tink";

        CommandResult clean = custos(kind, "backup", "verify", "all");

        assertThat(clean.exitCode()).as(clean.describe()).isZero();
        assertThat(clean.out()).contains("backup " + id + " verified");

        BlobStore store = store(kind);
        byte[] bytes;
        try (InputStream in = store.open(archive)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytes[bytes.length / 2] ^= 0x01;
        store.put(archive, new ByteArrayInputStream(bytes));

        CommandResult damaged = custos(kind, "backup", "verify", id);
        CommandResult all = custos(kind, "backup", "verify", "all");

        assertThat(damaged.exitCode()).as(damaged.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(damaged.errLines().get(0)).startsWith("custos: backup " + id + " failed verification: " + archive);
        assertThat(all.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(all.err()).contains(archive);
        assertThat(all.out()).contains("backup " + backupId(kind, GOOD_DAY) + " verified");
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aBackupReplacedInTheStoreByAForgeryConsistentInItselfFailsVerifyAndRestoreAgainstItsRunsRecord(Store kind)
            throws Exception {
        String day = kind == Store.S3 ? "2020-12-28" : "2020-12-29";
        assertThat(custos(kind, "run", "backup", "--period", day).exitCode()).isZero();
        String id = backupId(kind, day);
        BlobStore store = store(kind);
        Map<String, byte[]> original = new LinkedHashMap<>();
        for (var object : store.list("backups/" + id + "/")) {
            try (InputStream in = store.open(object.key())) {
                original.put(object.key(), in.readAllBytes());
            }
            store.delete(object.key());
        }
        CommandResult verify;
        CommandResult restore;
        Path target = dir.resolve(kind.name() + "-forgery-restored");
        try {
            Path forged = Files.createDirectories(dir.resolve(kind.name() + "-forged"));
            Files.writeString(forged.resolve("contract.txt"), "forged, and not encrypted\n");
            BackupProperties properties = new BackupProperties(List.of(new BackupSource("documents",
                    BackupSource.SourceType.DIRECTORY, Classification.PUBLIC, null, null, null, null, List.of(),
                    forged)), null, null, DataSize.ofMegabytes(8), 1, new BackupProperties.Retry(1, Duration.ofMillis(1)),
                    new BackupProperties.Retention(7, 12, 5));
            BackupManifest forgery = new BackupWriter(store, properties, null, Clock.systemUTC()).write(
                    LocalDate.parse(day), Long.parseLong(id.substring(id.indexOf('.') + 1)), forged, Optional.empty());
            store.put(forgery.manifestKey(), new ByteArrayInputStream(forgery.toJson()));
            assertThat(forgery.id()).isEqualTo(id);

            verify = custos(kind, "backup", "verify", id);
            restore = custos(kind, "backup", "restore", id, "--to", target.toString());
        } finally {
            store.list("backups/" + id + "/").forEach(object -> store.delete(object.key()));
            original.forEach((key, bytes) -> store.put(key, new ByteArrayInputStream(bytes)));
        }

        assertThat(verify.exitCode()).as(verify.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(verify.errLines().get(0)).isEqualTo("custos: backup " + id + " failed verification: backups/" + id
                + "/manifest.json: differs from the manifest its run recorded in the results schema (replaced or"
                + " damaged in the store)");
        assertThat(restore.exitCode()).as(restore.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(restore.err()).contains("differs from the manifest its run recorded");
        assertThat(target).doesNotExist();
        CommandResult restored = custos(kind, "backup", "verify", id);
        assertThat(restored.out()).as(restored.describe()).contains("backup " + id + " verified: ",
                ", as its run recorded it");
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void runWithDrillRestoresTheNewBackupOnADayThatIsNoDrillDay(Store kind) {
        String drillDay = kind == Store.S3 ? "2020-12-24" : "2020-12-25"; // Thursday, Friday: no drill by default

        CommandResult drilled = custos(kind, "run", "backup", "--period", drillDay, "--drill");

        assertThat(drilled.exitCode()).as(drilled.describe()).isZero();
        assertThat(drilled.outLines()).anySatisfy(line -> assertThat(line.strip())
                .matches("restore_drill_ok +1 +target 1 +MET"));
        assertThat(installations.get(kind).publishedMetrics("backup", drillDay)).containsEntry("restore_drill_ok", 1.0);
        assertThat(installations.get(kind).publishedMetrics("backup", GOOD_DAY)).doesNotContainKey("restore_drill_ok");

        CommandResult again = custos(kind, "run", "backup", "--period", GOOD_DAY, "--drill");

        assertThat(again.exitCode()).as(again.describe()).isEqualTo(ExitCodes.ALREADY_COMPLETED);
        assertThat(again.err()).contains("backup " + GOOD_DAY + " already completed by execution ",
                "use --rerun --drill to run it again (as a new run of the period)");
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void restoreWritesFilesAndTablesAndLoadsTheTablesIntoASchema(Store kind) throws Exception {
        Installation installation = installations.get(kind);
        String schema = installation.database().name() + "_restored";
        Path target = dir.resolve(kind.name() + "-restored");
        String id = backupId(kind, GOOD_DAY);

        CommandResult restore;
        long rows;
        try {
            restore = custos(kind, "backup", "restore", id, "--to", target.toString(), "--into-schema", schema);
            rows = restore.exitCode() == 0 ? installation.queryLong("SELECT COUNT(*) FROM " + schema + ".customer") : -1;
        } finally {
            try (Connection connection = installation.database().connect();
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + schema);
            }
        }

        assertThat(restore.exitCode()).as(restore.describe()).isZero();
        assertThat(restore.out()).contains("backup " + id + " restored to " + target.toRealPath(),
                "1 files under files/, 1 tables (250 rows)",
                "table crm/customer: 250 rows in 1 part, loaded into " + schema
                        + ".customer: row count and checksum match the manifest");
        assertThat(rows).isEqualTo(250);
        assertThat(target.resolve("files/documents/contract.txt")).hasContent("signed\n");
        assertThat(target.resolve("tables/crm/customer.columns.json")).isRegularFile();
        assertThat(target.resolve("tables/crm/customer/part-00001.tsv")).isRegularFile();
        assertThat(lastRestoreAudited(installation)).as("the restore carried out, in the operator audit log")
                .containsExactly(System.getProperty("user.name"), "SHELL", "backup " + id, "RESTORED");
    }

    @Test
    void restoreIntoASchemaThatHasTheTableIsOneLineNamingItAndLeavesNothingWritten() throws Exception {
        Installation installation = installations.get(Store.LOCAL_DIR);
        String schema = installation.database().name() + "_taken";
        Path target = dir.resolve("taken-restored");
        String id = backupId(Store.LOCAL_DIR, GOOD_DAY);
        long restoresAuditedBefore = restoresAudited(installation);

        CommandResult restore;
        long rowsAfter;
        try (Connection connection = installation.database().connect();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + schema);
            statement.execute("CREATE TABLE " + schema + ".customer (id INT PRIMARY KEY)");
            statement.execute("INSERT INTO " + schema + ".customer VALUES (1)");
            try {
                restore = custos(Store.LOCAL_DIR, "backup", "restore", id, "--to", target.toString(), "--into-schema",
                        schema);
                rowsAfter = installation.queryLong("SELECT COUNT(*) FROM " + schema + ".customer");
            } finally {
                statement.execute("DROP DATABASE IF EXISTS " + schema);
            }
        }

        assertThat(restore.exitCode()).as(restore.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(restore.errLines()).as(restore.describe()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("custos: cannot restore backup " + id + " into schema " + schema)
                .contains("its table " + schema + ".customer already exists"));
        assertThat(restore.out()).isEmpty();
        assertThat(target).as("a failed restore removes what it wrote, the folder it created included").doesNotExist();
        assertThat(rowsAfter).as("the existing table is left alone").isEqualTo(1);
        assertThat(restoresAudited(installation)).as("a refused restore was not carried out: no audit row")
                .isEqualTo(restoresAuditedBefore);
    }

    private static long restoresAudited(Installation installation) {
        return installation.queryLong("SELECT COUNT(*) FROM " + installation.database().resultsSchema()
                + ".operator_audit WHERE action = 'restore'");
    }

    /** Actor, role, target and outcome of the newest {@code restore} row of the operator audit log, if any. */
    private static List<String> lastRestoreAudited(Installation installation) {
        List<String> row = new ArrayList<>();
        installation.query("SELECT actor, role, target, outcome FROM " + installation.database().resultsSchema()
                + ".operator_audit WHERE action = 'restore' ORDER BY id DESC LIMIT 1", rs -> {
            for (int i = 1; i <= 4; i++) {
                row.add(rs.getString(i));
            }
        });
        return row;
    }

    @Test
    void listWithoutS3CredentialsIsAConfigurationError() {
        CommandResult list = installations.get(Store.S3).custos("backup", "list",
                "--custos.s3.endpoint=" + TestS3.endpoint(), "--custos.s3.bucket=" + buckets.get(Store.S3));

        assertThat(list.exitCode()).as(list.describe()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(list.errLines()).as(list.describe()).singleElement()
                .satisfies(line -> assertThat(line).startsWith("custos: ").contains("custos.s3.access-key"));
        assertThat(list.showsStackTrace()).as(list.describe()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void listAndVerifyAsJsonGiveTheDocumentedShape(Store kind) {
        String id = backupId(kind, GOOD_DAY);

        CommandResult list = custos(kind, "backup", "list", "--format", "json");
        CommandResult verify = custos(kind, "backup", "verify", id, "--format", "json");

        assertThat(list.exitCode()).as(list.describe()).isZero();
        Map<String, Object> listed = JSON.readValue(list.out(), new TypeReference<Map<String, Object>>() { });
        assertThat(listed).containsEntry("store", store(kind).describe());
        assertThat(backups(listed)).filteredOn(backup -> id.equals(backup.get("id"))).singleElement()
                .satisfies(backup -> {
                    assertThat(backup).containsOnlyKeys("id", "day", "bytes", "state", "verifiedAt", "encrypted",
                            "sources", "problem");
                    assertThat(backup).containsEntry("day", GOOD_DAY).containsEntry("state", "VERIFIED")
                            .containsEntry("encrypted", true).containsEntry("sources", List.of("crm", "documents"))
                            .containsEntry("problem", null);
                    assertThat(((Number) backup.get("bytes")).longValue()).isPositive();
                    assertThat((String) backup.get("verifiedAt")).matches(ISO_UTC);
                });

        assertThat(verify.exitCode()).as(verify.describe()).isZero();
        Map<String, Object> verified = JSON.readValue(verify.out(), new TypeReference<Map<String, Object>>() { });
        assertThat(verified).containsEntry("store", store(kind).describe()).containsEntry("failed", 0)
                .containsEntry("incomplete", List.of());
        assertThat(backups(verified)).singleElement().satisfies(backup -> {
            assertThat(backup).containsEntry("id", id).containsEntry("verified", true).containsEntry("asRecorded", true)
                    .containsEntry("problem", null);
            assertThat(((Number) backup.get("entries")).longValue()).isPositive();
            assertThat((String) backup.get("message")).startsWith("backup " + id + " verified: ");
        });
    }

    @Test
    void everyTableCommandPrintsItsTimesInIsoUtcWithZ() {
        List<List<String>> commands = List.of(List.of("executions"), List.of("executions", "--format", "json"),
                List.of("schedules"), List.of("schedules", "--format", "json"), List.of("backup", "list"),
                List.of("backup", "list", "--format", "json"));
        for (List<String> command : commands) {
            CommandResult result = custos(Store.LOCAL_DIR, command.toArray(String[]::new));

            assertThat(result.exitCode()).as(result.describe()).isZero();
            List<String> times = ANY_TIME.matcher(result.out()).results().map(MatchResult::group).toList();
            assertThat(times).as(String.join(" ", command) + ":\n" + result.out()).isNotEmpty()
                    .allSatisfy(time -> assertThat(time).matches(ISO_UTC));
        }
    }

    private static List<Map<String, Object>> backups(Map<String, Object> document) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> backups = (List<Map<String, Object>>) document.get("backups");
        return backups;
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void restoreOfAnUnknownIdIsAUsageErrorAndWritesNothing(Store kind) {
        Path target = dir.resolve(kind.name() + "-nothing");

        CommandResult restore = custos(kind, "backup", "restore", "2020-01-01.1", "--to", target.toString());

        assertThat(restore.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(restore.errLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("custos: there is no backup 2020-01-01.1 in"));
        assertThat(target).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aMalformedIdIsAUsageErrorForVerifyAndRestore(Store kind) {
        Path target = dir.resolve(kind.name() + "-malformed");

        CommandResult verify = custos(kind, "backup", "verify", "../x");
        CommandResult restore = custos(kind, "backup", "restore", "../x", "--to", target.toString());

        for (CommandResult result : List.of(verify, restore)) {
            assertThat(result.exitCode()).as(result.describe()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.errLines()).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("custos: not a backup id: '../x' (expected an id such as 2026-11-24.17"));
        }
        assertThat(target).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void backupWithoutACommandIsAUsageError(Store kind) {
        CommandResult bare = custos(kind, "backup");

        assertThat(bare.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bare.errLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("custos: backup needs a command: list, verify"));
    }
}
