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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.ServeInProcess;
import dev.custos.scheduler.cli.ExitCodes;

/**
 * {@code custos serve} configured for single sign-on against a real OpenID Connect provider
 * (Spring Security's authorization server, {@link OidcProvider}) started in this JVM: a person
 * follows the login link, logs in at the provider and comes back with the console role the
 * provider's {@code groups} claim maps to, named {@code sso:company-sso:<name>} apart from the console's
 * users; one whose claim maps to no role is refused and told why. Form login and HTTP Basic of
 * console users keep working beside it.
 */
@Timeout(600)
class SingleSignOnTest {

    private static final String LOCAL_PASSWORD = "correct horse battery";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    static Path dir;

    static OidcProvider provider;
    static Installation installation;
    static ServeInProcess serve;

    @BeforeAll
    static void startTheProviderAndServeConfiguredForIt() {
        provider = OidcProvider.start(dir);
        installation = Installation.create(SingleSignOnTest.class, dir.resolve("custos"));
        CommandResult added = CommandResult.withStdin(LOCAL_PASSWORD + "\n",
                () -> installation.custos("user", "add", "local-ops", "--role", "OPS", "--password-stdin"));
        assertThat(added.exitCode()).as(added.describe()).isZero();
        // a console admin who happens to share a provider user's name
        CommandResult namesake = CommandResult.withStdin(LOCAL_PASSWORD + "\n",
                () -> installation.custos("user", "add", "mona", "--role", "ADMIN", "--password-stdin"));
        assertThat(namesake.exitCode()).as(namesake.describe()).isZero();
        // and a console admin of the same name as a provider's admin
        CommandResult adminNamesake = CommandResult.withStdin(LOCAL_PASSWORD + "\n",
                () -> installation.custos("user", "add", "alice", "--role", "ADMIN", "--password-stdin"));
        assertThat(adminNamesake.exitCode()).as(adminNamesake.describe()).isZero();
        String registration = "--spring.security.oauth2.client.registration.company-sso.";
        String providerSettings = "--spring.security.oauth2.client.provider.company-sso.";
        serve = ServeInProcess.start(installation,
                registration + "client-id=" + OidcProvider.CLIENT_ID,
                registration + "client-secret=" + OidcProvider.CLIENT_SECRET,
                registration + "client-name=Company SSO",
                registration + "scope=openid,profile",
                providerSettings + "issuer-uri=" + provider.issuer(),
                providerSettings + "user-name-attribute=preferred_username",
                "--custos.console.oidc.role-claim=" + OidcProvider.ROLE_CLAIM,
                "--custos.console.oidc.roles[custos-admins]=ADMIN",
                "--custos.console.oidc.roles[custos-managers]=MANAGER");
    }

    @AfterAll
    static void stop() {
        if (serve != null) {
            serve.close();
        }
        if (installation != null) {
            installation.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void theLoginPageOffersTheProviderBesideTheNameAndPasswordForm() throws Exception {
        HttpResponse<String> login = new WebClient().get(console("/login"));

        assertThat(login.body()).contains("href=\"/oauth2/authorization/company-sso\"").contains("Log in with Company SSO")
                .contains("name=\"password\"");
    }

    @Test
    void aProviderUserInTheAdminGroupWorksAsAnAdmin() throws Exception {
        WebClient browser = new WebClient();
        HttpResponse<String> home = logInAtTheProvider(browser, "alice");

        assertThat(home.uri().getPath()).as(home.body()).isEqualTo("/");
        assertThat(home.body()).contains("<span class=\"user\" id=\"user-name\">sso:company-sso:alice</span>")
                .contains("<span class=\"role\" id=\"user-role\">ADMIN</span>");
        assertThat(withSession(browser, "/api/v1/executions").statusCode()).isEqualTo(200);
        assertThat(withSession(browser, "/actuator/info").statusCode()).as("ADMIN reads the actuator").isEqualTo(200);
    }

    @Test
    void aProviderUserInTheManagerGroupIsRefusedWhatAManagerIsRefused() throws Exception {
        WebClient browser = new WebClient();
        HttpResponse<String> home = logInAtTheProvider(browser, "mona");

        assertThat(home.uri().getPath()).as(home.body()).isEqualTo("/");
        assertThat(withSession(browser, "/api/v1/executions").statusCode()).isEqualTo(403);
        assertThat(withSession(browser, "/actuator/info").statusCode()).isEqualTo(403);
        assertThat(withSession(browser, "/v3/api-docs").statusCode()).as("any logged-in user").isEqualTo(200);
        assertThat(withSession(browser, "/api/v1/tokens").statusCode())
                .as("never the tokens of the console admin of the same name").isEqualTo(403);
    }

    @Test
    void aProviderUserWhoseClaimMapsToNoRoleIsRefusedAndToldWhy() throws Exception {
        WebClient browser = new WebClient();
        HttpResponse<String> refused = logInAtTheProvider(browser, "nobody");

        assertThat(refused.uri().toString()).endsWith("/login?no-role");
        assertThat(refused.body()).contains("Your single sign-on account holds no Custos role");
        assertThat(browser.get(console("/")).uri().getPath()).as("not logged in").isEqualTo("/login");
        assertThat(withSession(browser, "/api/v1/executions").statusCode()).isEqualTo(401);
    }

    @Test
    void aProviderUserWhoseNameIsTooLongToRecordIsRefusedAtLogin() throws Exception {
        WebClient browser = new WebClient();
        HttpResponse<String> refused = logInAtTheProvider(browser, OidcProvider.LONG_NAME);

        assertThat(refused.uri().toString()).endsWith("/login?sso-error");
        assertThat(browser.get(console("/")).uri().getPath()).as("not logged in").isEqualTo("/login");
    }

    @Test
    void formLoginAndBasicOfConsoleUsersKeepWorkingBesideSingleSignOn() throws Exception {
        WebClient browser = new WebClient();
        HttpResponse<String> login = browser.get(console("/login"));
        HttpResponse<String> home = browser.submit(login, "/login", Map.of("username", "local-ops", "password", LOCAL_PASSWORD));
        assertThat(home.uri().getPath()).as(home.body()).isEqualTo("/");
        assertThat(withSession(browser, "/api/v1/executions").statusCode()).isEqualTo(200);

        HttpResponse<String> basic = HTTP.send(HttpRequest.newBuilder(console("/api/v1/executions"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("local-ops:" + LOCAL_PASSWORD).getBytes(StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(basic.statusCode()).isEqualTo(200);
    }

    @Test
    void serveStartedWithConsoleUsersPrintsNoSetupTokenAndSetupIsClosed() throws Exception {
        // the context is ready before serve prints its lines
        for (int wait = 0; wait < 1200 && !serve.out().contains("Ctrl-C stops"); wait++) {
            Thread.sleep(100);
        }
        assertThat(serve.out()).contains("Ctrl-C stops").doesNotContain("setup token");
        assertThat(installation.queryLong("SELECT COUNT(*) FROM " + installation.database().resultsSchema()
                + ".console_setup_token")).isZero();
        assertThat(new WebClient().get(console("/setup")).body()).contains("Setup is closed");
    }

    @Test
    void aProviderAdminNamedLikeAConsoleAdminCannotApproveTheirRequestAndIsAuditedUnderTheProvidersName()
            throws Exception {
        Path keyset = dir.resolve("namesake-keyset.json");
        CommandResult created = CommandResult.custos("backup", "key", "create", keyset.toString());
        assertThat(created.exitCode()).as(created.describe()).isZero();
        CommandResult requested = CommandResult.withStdin(LOCAL_PASSWORD + "\n", () -> installation.custos("backup",
                "key", "rotate", keyset.toString(), "--reason", "namesakes", "--user", "alice", "--password-stdin",
                "--custos.approvals.required=key-rotation"));
        assertThat(requested.exitCode()).as(requested.describe()).isEqualTo(ExitCodes.AWAITING_APPROVAL);
        long id = installation.queryLong("SELECT MAX(id) FROM " + schema() + ".approval_request");
        WebClient browser = new WebClient();
        assertThat(logInAtTheProvider(browser, "alice").uri().getPath()).isEqualTo("/");

        HttpResponse<String> approvals = browser.get(console("/approvals"));
        HttpResponse<String> approved = browser.submit(approvals, "/approvals/" + id + "/approve", Map.of());
        HttpResponse<String> rejected = browser.submit(approved, "/approvals/" + id + "/reject", Map.of());

        assertThat(approvals.body()).as("no Approve offered on a namesake's request")
                .doesNotContain("id=\"approve-" + id + "\"").contains("id=\"reject-" + id + "\"");
        assertThat(approved.body()).contains("approval request " + id + " was made by you; another admin must "
                + "approve it (four eyes)");
        assertThat(rejected.body()).contains("Approval request " + id + " rejected");
        List<String> decisions = new ArrayList<>();
        installation.query("SELECT actor, role, action, outcome FROM " + schema() + ".operator_audit WHERE target LIKE ? "
                + "ORDER BY id", rs -> decisions.add(String.join(" ", rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4))), "approval " + id + ":%");
        assertThat(decisions).as("the refused approval left no row; the rejection is the provider user's")
                .containsExactly("sso:company-sso:alice ADMIN reject REJECTED");
        installation.query("SELECT requester, decided_by, state FROM " + schema() + ".approval_request WHERE id = ?",
                rs -> assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                        .containsExactly("alice", "sso:company-sso:alice", "REJECTED"), id);
        assertThat(JsonMapper.builder().build().readTree(Files.readString(keyset)).path("key").size())
                .as("nothing rotated").isEqualTo(1);
    }

    private static String schema() {
        return installation.database().resultsSchema();
    }

    /** Follows the console's login link to the provider, logs in there, and returns the page it ends at. */
    private static HttpResponse<String> logInAtTheProvider(WebClient browser, String user)
            throws IOException, InterruptedException {
        HttpResponse<String> providerLogin = browser.get(console("/oauth2/authorization/company-sso"));
        assertThat(providerLogin.uri().toString()).as(providerLogin.body()).startsWith(provider.issuer() + "/login");
        return browser.submit(providerLogin, "/login", Map.of("username", user, "password", OidcProvider.PASSWORD));
    }

    private static HttpResponse<String> withSession(WebClient browser, String path) throws IOException, InterruptedException {
        URI uri = console(path);
        return HTTP.send(HttpRequest.newBuilder(uri).header("Cookie", browser.cookieHeader(uri)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI console(String path) {
        return URI.create("http://127.0.0.1:" + serve.port() + path);
    }
}
