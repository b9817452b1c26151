package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;

/**
 * {@code custos user add|passwd|disable|list} against MariaDB: passwords come from standard input
 * (or the terminal), are stored as bcrypt hashes and never appear in output, logs or the table;
 * wrong input is one line on stderr with the usage exit code.
 */
@Timeout(300)
class UserCommandTest {

    private static final String PASSWORD = "first admin's long secret";
    private static final String NEW_PASSWORD = "a different long secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;

    static Installation installation;

    @BeforeAll
    static void createInstallation() {
        installation = Installation.create(UserCommandTest.class, dir.resolve("custos"));
    }

    @AfterAll
    static void dropInstallation() {
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    void theFirstAdminIsAddedWithAPasswordFromStandardInputStoredOnlyAsABcryptHash() throws IOException {
        CommandResult added = CommandResult.withStdin(PASSWORD + "\n", () -> installation.custos("user", "add", "first-admin",
                "--role", "admin", "--password-stdin"));

        assertThat(added.exitCode()).as(added.describe()).isZero();
        assertThat(added.outLines()).containsExactly("user added with role ADMIN");
        String hash = storedHash("first-admin");
        assertThat(hash).startsWith("{bcrypt}$2a$").doesNotContain(PASSWORD);
        assertNowhere(PASSWORD, added);

        CommandResult list = installation.custos("user", "list", "--format", "json");
        assertThat(list.exitCode()).as(list.describe()).isZero();
        JsonNode admin = user(list, "first-admin");
        assertThat(admin.path("role").asString()).isEqualTo("ADMIN");
        assertThat(admin.path("enabled").asBoolean()).isTrue();
        assertThat(admin.path("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(admin.path("lockedUntil").isNull()).isTrue();
        assertThat(list.out()).doesNotContain("bcrypt").doesNotContain(PASSWORD);
    }

    @Test
    void passwdReplacesTheHashAndDisableRefusesTheUserFromNowOn() throws IOException {
        addUser("night-ops", "OPS");
        String before = storedHash("night-ops");

        CommandResult passwd = CommandResult.withStdin(NEW_PASSWORD + "\n",
                () -> installation.custos("user", "passwd", "night-ops", "--password-stdin"));
        assertThat(passwd.exitCode()).as(passwd.describe()).isZero();
        assertThat(passwd.outLines()).containsExactly("password changed");
        assertThat(storedHash("night-ops")).isNotEqualTo(before).startsWith("{bcrypt}");
        assertNowhere(NEW_PASSWORD, passwd);

        CommandResult disable = installation.custos("user", "disable", "night-ops");
        assertThat(disable.exitCode()).as(disable.describe()).isZero();
        assertThat(user(installation.custos("user", "list", "--format", "json"), "night-ops")
                .path("enabled").asBoolean()).isFalse();
        CommandResult table = installation.custos("user", "list");
        assertThat(table.outLines()).anySatisfy(line -> assertThat(line).startsWith("night-ops").contains("OPS")
                .contains(" no "));
        List<String> audited = new ArrayList<>();
        installation.query("SELECT action, actor, role, arguments, outcome FROM " + installation.database().resultsSchema()
                + ".operator_audit WHERE target = 'user night-ops' ORDER BY id", rs -> audited.add(String.join("|",
                rs.getString(1), rs.getString(2), rs.getString(3), String.valueOf(rs.getString(4)), rs.getString(5))));
        String shell = "|" + System.getProperty("user.name") + "|SHELL|";
        assertThat(audited).containsExactly("user add" + shell + "role=OPS|DONE", "user passwd" + shell + "null|DONE",
                "user disable" + shell + "null|DONE");
    }

    @Test
    void withoutATerminalOrPasswordStdinNoUserIsAddedAndNoDefaultPasswordIsUsed() {
        CommandResult refused = installation.custos("user", "add", "no-password", "--role", "OPS");

        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.errLines()).containsExactly("custos: no terminal to ask for the password: give it on "
                + "standard input with --password-stdin");
        assertThat(refused.showsStackTrace()).isFalse();
        assertThat(installation.custos("user", "list").out()).doesNotContain("no-password");
        assertThat(installation.queryLong("SELECT COUNT(*) FROM " + installation.database().resultsSchema()
                + ".operator_audit WHERE target = 'user no-password'")).as("nothing was carried out").isZero();
    }

    @Test
    void wrongInputIsOneLineWithTheUsageExitCode() {
        addUser("taken", "MANAGER");
        assertRefused(CommandResult.withStdin(PASSWORD + "\n", () -> installation.custos("user", "add", "taken", "--role", "OPS",
                "--password-stdin")), "custos: a user of that name already exists (to change the password: custos user passwd)");
        assertRefused(CommandResult.withStdin("short\n", () -> installation.custos("user", "add", "shorty", "--role", "OPS",
                "--password-stdin")), "custos: the password is too short: at least 12 characters "
                + "(custos.console.login.min-password-length)");
        assertRefused(installation.custos("user", "add", "boss", "--role", "ROOT", "--password-stdin"),
                "custos: unknown role 'ROOT': a role is one of OPS, ADMIN, MANAGER, AUDITOR");
        assertRefused(installation.custos("user", "disable", "nobody-here"),
                "custos: no user of that name (see: custos user list)");
        assertRefused(CommandResult.withStdin("", () -> installation.custos("user", "passwd", "taken", "--password-stdin")),
                "custos: no password on standard input (--password-stdin reads one line)");
    }

    private static void assertRefused(CommandResult result, String line) {
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly(line);
        assertThat(result.showsStackTrace()).as(result.describe()).isFalse();
    }

    private static void addUser(String name, String role) {
        CommandResult added = CommandResult.withStdin(PASSWORD + "\n",
                () -> installation.custos("user", "add", name, "--role", role, "--password-stdin"));
        assertThat(added.exitCode()).as(added.describe()).isZero();
    }

    private static void assertNowhere(String password, CommandResult result) throws IOException {
        assertThat(result.out() + result.err() + result.console()).doesNotContain(password);
        if (Files.exists(installation.logFile())) {
            assertThat(Files.readString(installation.logFile())).doesNotContain(password);
        }
    }

    private static String storedHash(String name) {
        StringBuilder hash = new StringBuilder();
        installation.query("SELECT password_hash FROM " + installation.database().resultsSchema()
                + ".console_user WHERE name = ?", rs -> hash.append(rs.getString(1)), name);
        return hash.toString();
    }

    private static JsonNode user(CommandResult list, String name) {
        return JSON.readTree(list.out()).valueStream().filter(user -> user.path("name").asString().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + list.out()));
    }

}
