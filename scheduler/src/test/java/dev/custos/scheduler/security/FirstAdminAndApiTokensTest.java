package dev.custos.scheduler.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.ServeInProcess;

/**
 * {@code custos serve} started on an installation without any console user: the one-time setup
 * token it prints creates the first ADMIN and dies; then personal API tokens, made through the API
 * and the command line, used by a script as {@code Authorization: Bearer}, revoked, and refused once
 * their user is disabled; and an idle browser session past the session timeout.
 */
@Timeout(600)
class FirstAdminAndApiTokensTest {

    private static final String PASSWORD = "correct horse battery";
    private static final Pattern SETUP_TOKEN = Pattern.compile("^custos serve: no console user yet; the one-time setup "
            + "token is ([A-Za-z0-9_-]+)$", Pattern.MULTILINE);
    private static final Pattern SETUP_PAGE = Pattern.compile("^custos serve: create the first ADMIN at "
            + "http://localhost:\\d+/setup, typing the token into the form ", Pattern.MULTILINE);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    static Path dir;

    static Installation installation;
    static ServeInProcess serve;
    static String setupToken;
    static List<String> setupTokenHashesBeforeUse = new ArrayList<>();
    static HttpResponse<String> tokenInTheAddress;
    static HttpResponse<String> postedWithTheTokenInTheAddress;
    static HttpResponse<String> postedWithAnEncodedTokenInTheAddress;
    static HttpResponse<String> wrongToken;
    static HttpResponse<String> differingPasswords;
    static HttpResponse<String> firstAdmin;
    static HttpResponse<String> tokenUsedAgain;
    static WebClient idleBrowser;
    static long idleSince;

    @BeforeAll
    static void serveWithoutAnyUserAndCreateTheFirstAdminWithTheSetupToken() throws Exception {
        installation = Installation.create(FirstAdminAndApiTokensTest.class, dir.resolve("custos"));
        serve = ServeInProcess.start(installation, "--server.servlet.session.timeout=1m");
        // the context is ready before serve prints its lines
        for (int wait = 0; wait < 1200 && !serve.out().contains("Ctrl-C stops"); wait++) {
            Thread.sleep(100);
        }
        Matcher token = SETUP_TOKEN.matcher(serve.out());
        assertThat(token.find()).as(serve.out()).isTrue();
        setupToken = token.group(1);
        installation.query("SELECT token_sha256 FROM " + schema() + ".console_setup_token",
                rs -> setupTokenHashesBeforeUse.add(rs.getString(1)));

        WebClient browser = new WebClient();
        tokenInTheAddress = browser.get(uri("/setup?token=" + setupToken));
        HttpResponse<String> form = browser.get(uri("/setup"));
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        postedWithTheTokenInTheAddress = browser.submit(form, "/setup?token=" + setupToken,
                setupFields("", "first-admin", PASSWORD, PASSWORD));
        postedWithAnEncodedTokenInTheAddress = browser.submit(form, "/setup?%74oken=" + setupToken,
                setupFields("", "first-admin", PASSWORD, PASSWORD));
        wrongToken = browser.submit(form, "/setup", setupFields("not-the-token", "first-admin", PASSWORD, PASSWORD));
        differingPasswords = browser.submit(form, "/setup", setupFields(setupToken, "first-admin", PASSWORD, PASSWORD + "!"));
        firstAdmin = browser.submit(form, "/setup", setupFields(setupToken, "first-admin", PASSWORD, PASSWORD));
        tokenUsedAgain = browser.submit(form, "/setup", setupFields(setupToken, "second-admin", PASSWORD, PASSWORD));

        for (String[] user : List.of(new String[] {"scripter", "OPS"}, new String[] {"reader", "MANAGER"},
                new String[] {"leaver", "ADMIN"})) {
            CommandResult added = CommandResult.withStdin(PASSWORD + "\n",
                    () -> installation.custos("user", "add", user[0], "--role", user[1], "--password-stdin"));
            assertThat(added.exitCode()).as(added.describe()).isZero();
        }
        idleBrowser = new WebClient();
        HttpResponse<String> login = idleBrowser.get(uri("/login"));
        HttpResponse<String> home = idleBrowser.submit(login, "/login", Map.of("username", "scripter", "password", PASSWORD));
        assertThat(home.uri().getPath()).as(home.body()).isEqualTo("/");
        idleSince = System.nanoTime();
    }

    @AfterAll
    static void stop() {
        if (serve != null) {
            serve.close();
        }
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    void serveWithoutAnyUserPrintsOneSetupTokenOnceAndKeepsOnlyItsHash() throws Exception {
        assertThat(serve.out().split(Pattern.quote(setupToken), -1)).as("printed once").hasSize(2);
        assertThat(setupTokenHashesBeforeUse).containsExactly(sha256(setupToken));
        assertThat(Files.readString(installation.logFile())).doesNotContain(setupToken);
    }

    @Test
    void serveShowsTheSetupTokenApartFromTheAddressOfTheSetupPage() {
        assertThat(SETUP_PAGE.matcher(serve.out()).find()).as(serve.out()).isTrue();
        assertThat(serve.out()).doesNotContain("?token=");
    }

    @Test
    void aSetupTokenInTheAddressIsRefusedEvenTheRightOneAndCreatesNobody() {
        assertThat(tokenInTheAddress.statusCode()).isEqualTo(400);
        assertThat(tokenInTheAddress.body()).contains("The setup token is never put in an address")
                .as("not echoed into the form").doesNotContain(setupToken);
        assertThat(postedWithTheTokenInTheAddress.statusCode()).isEqualTo(400);
        assertThat(postedWithTheTokenInTheAddress.body()).contains("The setup token is never put in an address")
                .contains("name=\"token\"").doesNotContain(setupToken);
        assertThat(postedWithAnEncodedTokenInTheAddress.statusCode()).as("the name percent-encoded").isEqualTo(400);
        assertThat(postedWithAnEncodedTokenInTheAddress.body()).contains("The setup token is never put in an address");
        assertThat(firstAdmin.uri().toString()).as("the token still works from the form").endsWith("/login?setup");
    }

    @Test
    void aWrongSetupTokenOrDifferingPasswordsCreateNobodyAndSayWhy() {
        assertThat(wrongToken.statusCode()).isEqualTo(400);
        assertThat(wrongToken.body()).contains("The setup token is wrong or was used already");
        assertThat(differingPasswords.statusCode()).isEqualTo(400);
        assertThat(differingPasswords.body()).contains("The two passwords differ; nothing was created.");
    }

    @Test
    void theSetupTokenCreatesTheFirstAdminOnceThenSetupIsClosed() throws Exception {
        assertThat(firstAdmin.uri().toString()).endsWith("/login?setup");
        assertThat(firstAdmin.body()).contains("The first administrator was created");
        CommandResult list = installation.custos("user", "list", "--format", "json");
        JsonNode admin = JSON.readTree(list.out()).valueStream()
                .filter(user -> user.path("name").asString().equals("first-admin")).findFirst().orElseThrow();
        assertThat(admin.path("role").asString()).isEqualTo("ADMIN");
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/executions")).header("Authorization", basic("first-admin"))
                .GET().build()).statusCode()).isEqualTo(200);

        assertThat(installation.queryLong("SELECT COUNT(*) FROM " + schema() + ".console_setup_token"))
                .as("the token died with its use").isZero();
        assertThat(tokenUsedAgain.statusCode()).isEqualTo(400);
        assertThat(tokenUsedAgain.body()).contains("Setup is closed: the console has users.");
        assertThat(new WebClient().get(uri("/setup")).body()).contains("Setup is closed").doesNotContain("name=\"token\"");
        assertThat(installation.queryLong("SELECT COUNT(*) FROM " + schema()
                + ".operator_audit WHERE action = 'setup' AND actor = 'first-admin' AND role = 'SETUP'"
                + " AND target = 'user first-admin' AND outcome = 'DONE'")).isEqualTo(1);
    }

    @Test
    void aTokenMadeThroughTheApiIsShownOnceActsWithItsUsersRoleAndOnlyItsHashIsStored() throws Exception {
        HttpResponse<String> created = send(json(HttpRequest.newBuilder(uri("/api/v1/tokens")), "scripter",
                "{\"name\":\"nightly export\",\"expiresInDays\":30}"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode token = JSON.readTree(created.body());
        String secret = token.path("token").asString();
        assertThat(secret).startsWith("custos_" + token.path("id").asString() + "_");
        assertThat(token.path("expiresAt").asString()).endsWith("Z");

        assertThat(send(bearer("/api/v1/executions", secret)).statusCode()).as("OPS reads executions").isEqualTo(200);
        assertThat(send(bearer("/actuator/info", secret)).statusCode()).as("OPS is no AUDITOR").isEqualTo(403);

        HttpResponse<String> listed = send(HttpRequest.newBuilder(uri("/api/v1/tokens"))
                .header("Authorization", basic("scripter")).GET().build());
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode listedToken = JSON.readTree(listed.body()).valueStream()
                .filter(each -> each.path("id").asString().equals(token.path("id").asString())).findFirst().orElseThrow();
        assertThat(listedToken.path("name").asString()).isEqualTo("nightly export");
        assertThat(listedToken.path("lastUsedAt").asString()).endsWith("Z");
        assertThat(listedToken.has("token")).isFalse();
        assertThat(listed.body()).doesNotContain(secretPart(secret));

        installation.query("SELECT secret_sha256 FROM " + schema() + ".api_token WHERE id = ?",
                rs -> assertThat(rs.getString(1)).isEqualTo(sha256(secretPart(secret))), token.path("id").asString());
        assertNowhereStored(secret);
    }

    @Test
    void aManagersTokenIsRefusedWhatAManagerIsRefused() throws Exception {
        String secret = JSON.readTree(send(json(HttpRequest.newBuilder(uri("/api/v1/tokens")), "reader",
                "{\"name\":\"kpi dashboard\"}")).body()).path("token").asString();

        HttpResponse<String> refused = send(bearer("/api/v1/executions", secret));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("detail").asString()).isEqualTo("your role does not allow this");
    }

    @Test
    void aRevokedOrUnknownTokenIs401AndRevokingIsAudited() throws Exception {
        JsonNode token = JSON.readTree(send(json(HttpRequest.newBuilder(uri("/api/v1/tokens")), "scripter",
                "{\"name\":\"short lived\"}")).body());
        String secret = token.path("token").asString();
        String id = token.path("id").asString();
        assertThat(send(bearer("/api/v1/executions", secret)).statusCode()).isEqualTo(200);

        HttpRequest revoke = HttpRequest.newBuilder(uri("/api/v1/tokens/" + id)).header("Authorization", basic("scripter"))
                .DELETE().build();
        assertThat(send(revoke).statusCode()).isEqualTo(204);

        HttpResponse<String> refused = send(bearer("/api/v1/executions", secret));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(refused.body()).path("detail").asString()).contains("API token (Bearer)");
        assertThat(send(bearer("/api/v1/executions", "custos_0123456789ab_" + "A".repeat(43))).statusCode()).isEqualTo(401);
        assertThat(send(bearer("/api/v1/executions", "not a token")).statusCode()).isEqualTo(401);
        assertThat(send(revoke).statusCode()).as("revoked already").isEqualTo(404);

        List<String> audited = new ArrayList<>();
        installation.query("SELECT action, actor, role, arguments, outcome FROM " + schema()
                + ".operator_audit WHERE target = 'user scripter' AND (outcome LIKE ? OR arguments = ?) ORDER BY id",
                rs -> audited.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|"
                        + rs.getString(4) + "|" + rs.getString(5)), "%token=" + id, "token=" + id);
        assertThat(audited).containsExactly("token create|scripter|OPS|null|DONE token=" + id,
                "token revoke|scripter|OPS|token=" + id + "|DONE");
        assertNowhereStored(secret);
    }

    @Test
    void aTokenManagesNoTokens() throws Exception {
        String secret = JSON.readTree(send(json(HttpRequest.newBuilder(uri("/api/v1/tokens")), "scripter",
                "{\"name\":\"ci\"}")).body()).path("token").asString();

        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/api/v1/tokens"))
                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"longer lived\"}")).build());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("detail").asString())
                .isEqualTo("API tokens are managed after logging in with a password, not with a token");
    }

    @Test
    void aBadTokenNameOrLifetimeIsA400ProblemDetail() throws Exception {
        HttpResponse<String> badDays = send(json(HttpRequest.newBuilder(uri("/api/v1/tokens")), "scripter",
                "{\"name\":\"x\",\"expiresInDays\":0}"));
        assertThat(badDays.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badDays.body()).path("detail").asString()).isEqualTo("a token expires in 1 to 3650 days, not 0");
        HttpResponse<String> noName = send(json(HttpRequest.newBuilder(uri("/api/v1/tokens")), "scripter", "{}"));
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noName.body()).path("detail").asString()).startsWith("a token name is 1 to 100 letters");
    }

    @Test
    void theCommandLinePrintsATokenOnceListsWithoutSecretsRevokesAndADisabledUsersTokenStopsWorking() throws Exception {
        CommandResult created = installation.custos("token", "create", "--user", "leaver", "--name", "backup-check");
        assertThat(created.exitCode()).as(created.describe()).isZero();
        assertThat(created.outLines()).hasSize(2);
        assertThat(created.outLines().get(0)).matches("token [0-9a-f]{12} created; it is shown this once:");
        String secret = created.outLines().get(1);
        String id = created.outLines().get(0).split(" ")[1];
        assertThat(send(bearer("/api/v1/executions", secret)).statusCode()).isEqualTo(200);

        CommandResult list = installation.custos("token", "list", "--user", "leaver", "--format", "json");
        assertThat(list.exitCode()).as(list.describe()).isZero();
        JsonNode listed = JSON.readTree(list.out()).get(0);
        assertThat(listed.path("id").asString()).isEqualTo(id);
        assertThat(listed.path("lastUsedAt").asString()).endsWith("Z");
        assertThat(list.out()).doesNotContain(secretPart(secret));

        CommandResult second = installation.custos("token", "create", "--user", "leaver", "--name", "second");
        String secondSecret = second.outLines().get(1);
        String secondId = second.outLines().get(0).split(" ")[1];
        CommandResult revoked = installation.custos("token", "revoke", "--user", "leaver", secondId);
        assertThat(revoked.exitCode()).as(revoked.describe()).isZero();
        assertThat(send(bearer("/api/v1/executions", secondSecret)).statusCode()).isEqualTo(401);
        CommandResult again = installation.custos("token", "revoke", "--user", "leaver", secondId);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.errLines()).containsExactly("custos: the user has no token with that id (see: custos token list --user NAME)");

        assertThat(installation.custos("user", "disable", "leaver").exitCode()).isZero();
        assertThat(send(bearer("/api/v1/executions", secret)).statusCode()).as("the user is disabled").isEqualTo(401);
        assertNowhereStored(secret);
        assertNowhereStored(secondSecret);
    }

    @Test
    void aSessionIdleLongerThanTheSessionTimeoutIsSentToTheLoginPage() throws Exception {
        WebClient fresh = new WebClient();
        HttpResponse<String> login = fresh.get(uri("/login"));
        assertThat(fresh.submit(login, "/login", Map.of("username", "scripter", "password", PASSWORD)).uri().getPath())
                .isEqualTo("/");
        // server.servlet.session.timeout=1m here; Tomcat counts whole minutes
        long idleMillis = (System.nanoTime() - idleSince) / 1_000_000;
        Thread.sleep(Math.max(0, 61_000 - idleMillis));

        assertThat(idleBrowser.get(uri("/")).uri().getPath()).as("idle past the timeout").isEqualTo("/login");
        assertThat(fresh.get(uri("/")).uri().getPath()).as("used within the timeout").isEqualTo("/");
    }

    private static Map<String, String> setupFields(String token, String name, String password, String again) {
        return Map.of("token", token, "username", name, "password", password, "passwordAgain", again);
    }

    /** Neither the table nor the audit log nor the log file holds the token's secret. */
    private static void assertNowhereStored(String token) throws IOException {
        String secret = secretPart(token);
        List<String> rows = new ArrayList<>();
        installation.query("SELECT id, user_name, name, secret_sha256 FROM " + schema() + ".api_token",
                rs -> rows.add(rs.getString(1) + rs.getString(2) + rs.getString(3) + rs.getString(4)));
        installation.query("SELECT target, arguments, outcome FROM " + schema() + ".operator_audit",
                rs -> rows.add(rs.getString(1) + rs.getString(2) + rs.getString(3)));
        assertThat(rows).noneSatisfy(row -> assertThat(row).contains(secret));
        assertThat(Files.readString(installation.logFile())).doesNotContain(secret);
    }

    private static String secretPart(String token) {
        return token.substring(token.length() - 43);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String schema() {
        return installation.database().resultsSchema();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + serve.port() + path);
    }

    private static HttpRequest bearer(String path, String token) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build();
    }

    private static HttpRequest json(HttpRequest.Builder request, String user, String body) {
        return request.header("Authorization", basic(user)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
