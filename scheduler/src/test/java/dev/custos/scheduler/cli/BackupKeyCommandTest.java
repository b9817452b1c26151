package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;

/**
 * {@code custos backup key create FILE}, with no database, and {@code rotate FILE} on an installation
 * (a rotation is recorded in its operator audit log, and refused where that cannot be reached): the
 * keyset file is owner-only, never overwritten by create; rotation keeps the older keys, the file's
 * group and permissions, a symbolic link to it, and leaves no other file; no key material is ever printed.
 */
class BackupKeyCommandTest {

    @TempDir
    Path dir;

    @TempDir
    static Path installationDir;

    static Installation installation;

    @BeforeAll
    static void anInstallationToRecordRotationsIn() {
        installation = Installation.create(BackupKeyCommandTest.class, installationDir);
        // an installation's database is migrated by its first command that starts the scheduler
        CommandResult migrated = installation.custos("approvals", "list");
        assertThat(migrated.exitCode()).as(migrated.describe()).isZero();
    }

    @AfterAll
    static void dropTheInstallation() {
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    void createWritesAnOwnerOnlyKeysetAndPrintsItsKeyIdButNoKeyMaterial() throws Exception {
        Path file = dir.resolve("backup-keyset.json");

        CommandResult result = CommandResult.custos("backup", "key", "create", file.toString());

        assertThat(result.exitCode()).as(result.describe()).isZero();
        Keyset key = Keyset.read(file);
        assertThat(key.keyIds()).hasSize(1);
        assertThat(result.out()).contains("created " + file + ": a backup keyset with key " + key.primaryKeyId()
                + " (primary)", "custos.backup.key-file=" + file.toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertNoKeyMaterial(result, Files.readString(file));
    }

    @Test
    void createRefusesAnExistingFileAndLeavesItUntouched() throws Exception {
        Path file = dir.resolve("backup-keyset.json");
        assertThat(CommandResult.custos("backup", "key", "create", file.toString()).exitCode()).isZero();
        String before = Files.readString(file);

        CommandResult again = CommandResult.custos("backup", "key", "create", file.toString());

        assertOneErrorLine(again, ExitCodes.USAGE, file + " exists and is never overwritten");
        assertThat(again.err()).contains("custos backup key rotate " + file);
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void rotateMakesANewKeyThePrimaryAndKeepsTheOlderKeysInAnOwnerOnlyFile() throws Exception {
        Path file = dir.resolve("backup-keyset.json");
        assertThat(CommandResult.custos("backup", "key", "create", file.toString()).exitCode()).isZero();
        Keyset first = Keyset.read(file);

        CommandResult rotated = installation.custos("backup", "key", "rotate", file.toString());
        Keyset second = Keyset.read(file);
        CommandResult rotatedAgain = installation.custos("backup", "key", "rotate", file.toString());
        Keyset third = Keyset.read(file);

        assertThat(rotated.exitCode()).as(rotated.describe()).isZero();
        assertThat(rotatedAgain.exitCode()).as(rotatedAgain.describe()).isZero();
        assertThat(second.primaryKeyId()).isNotEqualTo(first.primaryKeyId());
        assertThat(second.keyIds()).containsExactlyInAnyOrder(first.primaryKeyId(), second.primaryKeyId());
        assertThat(third.keyIds()).hasSize(3).contains(first.primaryKeyId(), second.primaryKeyId(), third.primaryKeyId());
        assertThat(rotated.out()).contains("rotated " + file + ": key " + second.primaryKeyId() + " is the primary now",
                "keys [" + first.primaryKeyId() + "] stay to read the older backups");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(file);
        }
        assertNoKeyMaterial(rotated, Files.readString(file));
    }

    @Test
    void rotateKeepsTheGroupsPermissionsAndASymbolicLinkToTheKeyset() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path keyset = keys.resolve("backup-keyset.json");
        assertThat(CommandResult.custos("backup", "key", "create", keyset.toString()).exitCode()).isZero();
        Files.setPosixFilePermissions(keyset, PosixFilePermissions.fromString("rw-r-----")); // read by the service's group
        Path link = Files.createSymbolicLink(dir.resolve("current-keyset.json"), keyset);
        long before = Keyset.read(keyset).primaryKeyId();

        CommandResult rotated = installation.custos("backup", "key", "rotate", link.toString());

        assertThat(rotated.exitCode()).as(rotated.describe()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Keyset.read(keyset).keyIds()).hasSize(2).contains(before);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset))).isEqualTo("rw-r-----");
        try (var left = Files.list(keys)) {
            assertThat(left).containsExactly(keyset);
        }
    }

    @Test
    void rotateOfAMissingFileIsAUsageErrorThatSaysHowToCreateOne() {
        Path file = dir.resolve("missing.json");

        CommandResult result = installation.custos("backup", "key", "rotate", file.toString());

        assertOneErrorLine(result, ExitCodes.USAGE, "no keyset file " + file);
        assertThat(result.err()).contains("custos backup key create " + file);
        assertThat(file).doesNotExist();
    }

    @Test
    void rotateOfAFileThatIsNoKeysetIsAConfigurationErrorAndLeavesItUntouched() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-keyset.json"), "{\"primaryKeyId\": 1, \"secret\": \"s3cr3t\"}");

        CommandResult result = installation.custos("backup", "key", "rotate", file.toString());

        assertOneErrorLine(result, ExitCodes.ENVIRONMENT, "the backup key in key file " + file
                + " is not a Tink streaming AEAD keyset");
        assertThat(result.err()).doesNotContain("s3cr3t");
        assertThat(Files.readString(file)).contains("s3cr3t");
    }

    @Test
    void aRotationIsRecordedInTheOperatorAuditLogAsTheOsUsers() throws Exception {
        Path file = dir.resolve("audited-keyset.json");
        assertThat(CommandResult.custos("backup", "key", "create", file.toString()).exitCode()).isZero();

        CommandResult rotated = installation.custos("backup", "key", "rotate", file.toString());

        assertThat(rotated.exitCode()).as(rotated.describe()).isZero();
        List<String> row = new ArrayList<>();
        installation.query("SELECT actor, role, action, target, outcome FROM " + installation.database().resultsSchema()
                + ".operator_audit ORDER BY id DESC LIMIT 1", rs -> {
            for (int i = 1; i <= 5; i++) {
                row.add(rs.getString(i));
            }
        });
        assertThat(row).containsExactly(System.getProperty("user.name"), "SHELL", "key-rotation",
                "keyset " + file.toAbsolutePath().normalize(), "ROTATED");
    }

    @Test
    void rotateWhereTheAuditLogCannotBeReachedIsAConfigurationErrorAndRotatesNothing() throws Exception {
        Path file = dir.resolve("unaudited-keyset.json");
        assertThat(CommandResult.custos("backup", "key", "create", file.toString()).exitCode()).isZero();
        String before = Files.readString(file);

        CommandResult refused = CommandResult.custos("backup", "key", "rotate", file.toString(),
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("no-database") + ";IFEXISTS=TRUE");

        assertOneErrorLine(refused, ExitCodes.ENVIRONMENT, "");
        assertThat(Files.readString(file)).as("nothing rotated").isEqualTo(before);
    }

    @Test
    void keyWithoutACommandIsAUsageError() {
        assertOneErrorLine(CommandResult.custos("backup", "key"), ExitCodes.USAGE,
                "backup key needs a command: create FILE or rotate FILE");
    }

    private static void assertNoKeyMaterial(CommandResult result, String keysetJson) {
        List<String> material = new ArrayList<>();
        for (JsonNode key : JsonMapper.builder().build().readTree(keysetJson).get("key")) {
            material.add(key.get("keyData").get("value").asString());
        }
        assertThat(material).isNotEmpty().allSatisfy(value ->
                assertThat(result.out() + result.err() + result.console()).doesNotContain(value));
    }

    private static void assertOneErrorLine(CommandResult result, int exitCode, String fragment) {
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(exitCode);
        assertThat(result.errLines()).as(result.describe()).hasSize(1);
        assertThat(result.errLines().get(0)).startsWith("custos: ").contains(fragment);
        assertThat(result.showsStackTrace()).as(result.describe()).isFalse();
    }

    /** A keyset file read with Tink itself: a streaming AEAD keyset, and the ids of its keys. */
    private record Keyset(long primaryKeyId, List<Long> keyIds) {

        static Keyset read(Path file) throws Exception {
            StreamingAeadConfig.register();
            KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file),
                    InsecureSecretKeyAccess.get());
            assertThat(handle.getPrimitive(RegistryConfiguration.get(), StreamingAead.class)).isNotNull();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < handle.size(); i++) {
                ids.add(Integer.toUnsignedLong(handle.getAt(i).getId()));
            }
            return new Keyset(Integer.toUnsignedLong(handle.getPrimary().getId()), ids);
        }
    }
}
