package dev.custos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.custos.common.period.Period;
import dev.custos.jobs.training.sample.TrainingSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.ServeInProcess;

/**
 * {@code custos serve} on a random port against MariaDB, called with a real HTTP client as scripts
 * and browsers would: who may read and restart executions, the login throttle, the form login's
 * CSRF token, the security headers, problem details, the OpenAPI document, the actuator, and the
 * operator audit log written for a restart carried out and never for a read.
 */
@Timeout(600)
class ConsoleApiTest {

    private static final String JOB = "training-coverage";
    private static final String PASSWORD = "correct horse battery";
    private static final int MAX_FAILURES = 3;
    /** Long enough for an in-process `custos user list` on a loaded machine to run inside it. */
    private static final Duration LOCKOUT = Duration.ofSeconds(20);
    private static final Pattern OUTCOME = Pattern.compile("^training-coverage 2026-Q1: FAILED \\(execution (\\d+)\\)$",
            Pattern.MULTILINE);
    /** Spring Session's cookie: the session itself is a row of the results schema, which every node reads. */
    private static final String SESSION_COOKIE = "SESSION=";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;

    static Installation installation;
    static ServeInProcess serve;
    static Path partialInbox;
    static long failedExecution;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void serveAnInstallationWithAFailedRunAndAUserOfEachRole() throws IOException {
        installation = Installation.create(ConsoleApiTest.class, dir.resolve("custos"));
        TrainingSampleData.write(installation.inbox(JOB, "2026-Q1"), Period.parse("2026-Q1"),
                TrainingSampleData.Sizes.demo(), 42, true);
        partialInbox = Files.createDirectories(dir.resolve("partial-inbox"));
        copyInput(TrainingSampleData.ROSTER_FILE);
        copyInput(TrainingSampleData.REQUIREMENTS_FILE);
        CommandResult failed = installation.custos("run", JOB, "--period", "2026-Q1", "--inbox", partialInbox.toString());
        Matcher matcher = OUTCOME.matcher(failed.out());
        assertThat(matcher.find()).as(failed.describe()).isTrue();
        failedExecution = Long.parseLong(matcher.group(1));
        for (String role : List.of("admin", "ops", "manager", "auditor")) {
            addUser(role, role.toUpperCase());
        }
        addUser("locked-out", "OPS");
        addUser("departed", "AUDITOR");
        assertThat(installation.custos("user", "disable", "departed").exitCode()).isZero();
        serve = ServeInProcess.start(installation, "--custos.console.login.max-failures=" + MAX_FAILURES,
                "--custos.console.login.lockout=" + LOCKOUT.toSeconds() + "s");
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
    void serveSaysWhichPortTheConsoleListensOn() {
        assertThat(serve.out()).contains("console and API on port " + serve.port());
    }

    @Test
    void otherCommandsStartNoWebServer() {
        // a web server would fail to bind the port serve holds
        CommandResult list = installation.custos("user", "list", "--server.port=" + serve.port());
        assertThat(list.exitCode()).as(list.describe()).isZero();
    }

    @Test
    void withoutCredentialsTheApiAnswers401AsAProblemDetailWithoutABrowserPrompt() throws Exception {
        HttpResponse<String> response = send(get("/api/v1/executions"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).path("status").asInt()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void opsAdminAndAuditorReadTheExecutionsWithFiltersPagesAndUtcTimesAndAManagerIsRefused() throws Exception {
        HttpResponse<String> manager = send(get("/api/v1/executions", "manager"));
        assertThat(manager.statusCode()).as("a manager reads KPIs and reports, not runs").isEqualTo(403);
        for (String user : List.of("admin", "ops", "auditor")) {
            HttpResponse<String> response = send(get("/api/v1/executions?job=" + JOB + "&period=2026-Q1&status=FAILED",
                    user));
            assertThat(response.statusCode()).as(user + ": " + response.body()).isEqualTo(200);
            JsonNode executions = json(response).path("executions");
            assertThat(executions.size()).as(response.body()).isGreaterThanOrEqualTo(1);
            JsonNode failed = executions.get(0);
            assertThat(failed.path("job").asString()).isEqualTo(JOB);
            assertThat(failed.path("status").asString()).isEqualTo("FAILED");
            assertThat(failed.path("startedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        }
        HttpResponse<String> secondPage = send(get("/api/v1/executions?job=" + JOB + "&page=1&size=1", "auditor"));
        assertThat(json(secondPage).path("page").asInt()).isEqualTo(1);
        assertThat(json(secondPage).path("size").asInt()).isEqualTo(1);
        HttpResponse<String> wrongStatus = send(get("/api/v1/executions?status=SLEEPING", "ops"));
        assertThat(wrongStatus.statusCode()).isEqualTo(400);
        HttpResponse<String> pastTheLastPage = send(get("/api/v1/executions?page=" + Integer.MAX_VALUE + "&size=2", "ops"));
        assertThat(pastTheLastPage.statusCode()).as("a page whose offset overflows").isEqualTo(400);
        assertThat(json(wrongStatus).path("detail").asString()).contains("unknown status 'SLEEPING'");
    }

    @Test
    void detailListsEachStepWithItsCountsDurationAndExitMessage() throws Exception {
        HttpResponse<String> response = send(get("/api/v1/executions/" + failedExecution, "auditor"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode detail = json(response);
        assertThat(detail.path("executionId").asLong()).isEqualTo(failedExecution);
        assertThat(detail.path("job").asString()).isEqualTo(JOB);
        assertThat(detail.path("period").asString()).isEqualTo("2026-Q1");
        JsonNode steps = detail.path("steps");
        assertThat(steps.size()).isPositive();
        JsonNode first = steps.get(0);
        for (String field : List.of("name", "status", "read", "written", "skipped", "commits", "startedAt", "seconds")) {
            assertThat(first.has(field)).as(field + " in " + first).isTrue();
        }
        assertThat(first.path("startedAt").asString()).endsWith("Z");
        assertThat(steps.findValuesAsString("status")).contains("FAILED");
    }

    @Test
    void anUnknownExecutionIsAProblemDetail404() throws Exception {
        HttpResponse<String> response = send(get("/api/v1/executions/987654321", "ops"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("detail").asString()).startsWith("no execution 987654321");
        assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/executions/987654321");
    }

    @Test
    void restartIsForAdminsOnlyRunsThroughTheLauncherAndIsAuditedOnceCarriedOut() throws Exception {
        long rowsBefore = auditRows();
        send(get("/api/v1/executions", "admin"));
        send(get("/api/v1/executions/" + failedExecution, "admin"));
        assertThat(auditRows()).as("reads are not audited").isEqualTo(rowsBefore);

        assertThat(send(post("/api/v1/executions/" + failedExecution + "/restart", null)).statusCode()).isEqualTo(401);
        for (String user : List.of("ops", "manager", "auditor")) {
            HttpResponse<String> refused = send(post("/api/v1/executions/" + failedExecution + "/restart", user));
            assertThat(refused.statusCode()).as(user).isEqualTo(403);
            assertThat(json(refused).path("status").asInt()).isEqualTo(403);
        }
        assertThat(auditRows()).as("refused restarts were not carried out").isEqualTo(rowsBefore);

        copyInput(TrainingSampleData.COMPLETIONS_FILE);
        HttpResponse<String> restarted = send(post("/api/v1/executions/" + failedExecution + "/restart", "admin"));

        assertThat(restarted.statusCode()).as("accepted, not waited for: " + restarted.body()).isEqualTo(202);
        assertThat(json(restarted).path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(restarted.headers().firstValue("Location")).hasValue("/api/v1/executions?job=" + JOB + "&period=2026-Q1");
        assertThat(auditRows()).as("written when accepted").isEqualTo(rowsBefore + 1);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (installation.runs(JOB).stream().noneMatch(run -> run.status().equals("COMPLETED"))
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(installation.runs(JOB)).anySatisfy(run -> {
            assertThat(run.period()).isEqualTo("2026-Q1");
            assertThat(run.status()).isEqualTo("COMPLETED");
        });
        assertThat(auditRows()).as("nothing more when the run ends").isEqualTo(rowsBefore + 1);
        installation.query("SELECT actor, role, action, target, outcome, client_address, occurred_at_utc FROM "
                + installation.database().resultsSchema() + ".operator_audit ORDER BY id DESC LIMIT 1", rs -> {
            assertThat(rs.getString("actor")).isEqualTo("admin");
            assertThat(rs.getString("role")).isEqualTo("ADMIN");
            assertThat(rs.getString("action")).isEqualTo("restart");
            assertThat(rs.getString("target")).isEqualTo("execution " + failedExecution);
            assertThat(rs.getString("outcome")).isEqualTo("ACCEPTED");
            assertThat(rs.getString("client_address")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
            assertThat(rs.getTimestamp("occurred_at_utc")).isNotNull();
        });

        HttpResponse<String> again = send(post("/api/v1/executions/" + failedExecution + "/restart", "admin"));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).path("status").asString()).isEqualTo("NOTHING_TO_RESUME");
        assertThat(auditRows()).isEqualTo(rowsBefore + 2);
        installation.query("SELECT outcome FROM " + installation.database().resultsSchema()
                + ".operator_audit ORDER BY id DESC LIMIT 1", rs -> assertThat(rs.getString(1)).isEqualTo("NOTHING_TO_RESUME"));
    }

    @Test
    void afterRepeatedWrongPasswordsEvenTheRightOneIsRefusedUntilTheLockoutEnds() throws Exception {
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertThat(send(get("/api/v1/executions", "locked-out", "wrong password " + i)).statusCode()).isEqualTo(401);
        }
        long lockedAt = System.nanoTime();

        assertThat(send(get("/api/v1/executions", "locked-out", PASSWORD)).statusCode())
                .as("the right password while locked").isEqualTo(401);
        CommandResult list = installation.custos("user", "list", "--format", "json");
        JsonNode lockedOut = JSON.readTree(list.out()).valueStream()
                .filter(user -> user.path("name").asString().equals("locked-out")).findFirst().orElseThrow();
        assertThat(lockedOut.path("lockedUntil").asString()).endsWith("Z");

        Thread.sleep(Math.max(0, LOCKOUT.toMillis() - (System.nanoTime() - lockedAt) / 1_000_000 + 500));
        assertThat(send(get("/api/v1/executions", "locked-out", PASSWORD)).statusCode())
                .as("the right password after the lockout").isEqualTo(200);
    }

    @Test
    void aDisabledUserIsRefusedWithTheRightPassword() throws Exception {
        assertThat(send(get("/api/v1/executions", "departed", PASSWORD)).statusCode()).isEqualTo(401);
    }

    @Test
    void pagesCarryTheSecurityHeaders() throws Exception {
        for (HttpResponse<String> response : List.of(send(get("/login")), send(get("/api/v1/executions", "ops")))) {
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValue("default-src 'self'; frame-ancestors 'none'");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        }
    }

    @Test
    void theLoginFormNeedsItsCsrfTokenAndSetsASecureHttpOnlyStrictSessionCookie() throws Exception {
        HttpResponse<String> form = send(get("/login"));
        assertThat(form.statusCode()).isEqualTo(200);
        String setCookie = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(SESSION_COOKIE))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + form.headers()));
        assertThat(setCookie).contains("Secure").contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        String session = setCookie.substring(0, setCookie.indexOf(';'));
        Matcher token = CSRF.matcher(form.body());
        assertThat(token.find()).as(form.body()).isTrue();

        HttpResponse<String> withoutToken = send(formPost(session, "username=admin&password=" + encode(PASSWORD)));
        assertThat(withoutToken.statusCode()).isEqualTo(403);

        HttpResponse<String> withToken = send(formPost(session, "username=admin&password=" + encode(PASSWORD)
                + "&_csrf=" + encode(token.group(1))));
        assertThat(withToken.statusCode()).isEqualTo(302);
        assertThat(withToken.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
        assertThat(installation.queryLong("SELECT COUNT(*) FROM " + installation.database().resultsSchema()
                + ".SPRING_SESSION WHERE PRINCIPAL_NAME = ? AND MAX_INACTIVE_INTERVAL = ?", "admin", 30 * 60))
                .as("the session is kept in the database, ending after server.servlet.session.timeout").isPositive();

        // the logged-in browser session reaches the API too, and there every change needs the token
        String loggedIn = withToken.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(SESSION_COOKIE))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse(session);
        HttpResponse<String> home = send(HttpRequest.newBuilder(uri("/")).header("Cookie", loggedIn).GET().build());
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        Matcher sessionToken = CSRF.matcher(home.body());
        assertThat(sessionToken.find()).as(home.body()).isTrue();
        String restartUnknown = "/api/v1/executions/987654321/restart";
        assertThat(send(HttpRequest.newBuilder(uri(restartUnknown)).header("Cookie", loggedIn)
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).as("without the token").isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(uri(restartUnknown)).header("Cookie", loggedIn)
                .header("X-CSRF-TOKEN", sessionToken.group(1)).POST(HttpRequest.BodyPublishers.noBody()).build())
                .statusCode()).as("with the token, the unknown execution").isEqualTo(404);
    }

    @Test
    void aBrowserSessionEndsAtItsNextRequestOnceItsUserIsDisabledOrGivenANewPassword() throws Exception {
        addUser("leaver", "ADMIN");
        addUser("rotated", "AUDITOR");
        String leaver = loggedInSession("leaver");
        String rotated = loggedInSession("rotated");
        assertThat(send(withSession("/api/v1/executions", leaver)).statusCode()).isEqualTo(200);
        assertThat(send(withSession("/api/v1/executions", rotated)).statusCode()).isEqualTo(200);

        CommandResult disabled = installation.custos("user", "disable", "leaver");
        assertThat(disabled.exitCode()).as(disabled.describe()).isZero();
        CommandResult changed = CommandResult.withStdin("a brand new passphrase\n",
                () -> installation.custos("user", "passwd", "rotated", "--password-stdin"));
        assertThat(changed.exitCode()).as(changed.describe()).isZero();

        assertThat(send(withSession("/api/v1/executions", leaver)).statusCode()).as("disabled").isEqualTo(401);
        assertThat(send(withSession("/api/v1/executions", rotated)).statusCode()).as("new password").isEqualTo(401);
        assertThat(send(get("/api/v1/executions", "rotated", "a brand new passphrase")).statusCode())
                .as("the new password logs in").isEqualTo(200);
    }

    private static String loggedInSession(String user) throws Exception {
        HttpResponse<String> form = send(get("/login"));
        String session = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(SESSION_COOKIE))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        Matcher token = CSRF.matcher(form.body());
        assertThat(token.find()).as(form.body()).isTrue();
        HttpResponse<String> loggedIn = send(formPost(session, "username=" + user + "&password=" + encode(PASSWORD)
                + "&_csrf=" + encode(token.group(1))));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
        return loggedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(SESSION_COOKIE))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse(session);
    }

    private static HttpRequest withSession(String path, String sessionCookie) {
        return HttpRequest.newBuilder(uri(path)).header("Cookie", sessionCookie).GET().build();
    }

    @Test
    void healthIsPublicAndSaysOnlyUpOtherActuatorEndpointsNeedAdminOrAuditor() throws Exception {
        HttpResponse<String> health = send(get("/actuator/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).path("status").asString()).isEqualTo("UP");
        assertThat(json(health).has("components")).as(health.body()).isFalse();
        HttpResponse<String> loadBalancer = send(get("/actuator/health/lb"));
        assertThat(loadBalancer.statusCode()).as("the load balancer's check: database and store only").isEqualTo(200);

        assertThat(send(get("/actuator/info")).statusCode()).isEqualTo(401);
        assertThat(send(get("/actuator/info", "ops")).statusCode()).isEqualTo(403);
        assertThat(send(get("/actuator/info", "manager")).statusCode()).isEqualTo(403);
        assertThat(send(get("/actuator/info", "auditor")).statusCode()).isEqualTo(200);
        assertThat(send(get("/actuator/info", "admin")).statusCode()).isEqualTo(200);
        assertThat(send(get("/actuator/prometheus")).statusCode()).isEqualTo(401);
        assertThat(send(get("/actuator/prometheus", "manager")).statusCode()).isEqualTo(403);
        assertThat(send(get("/actuator/prometheus", "auditor")).statusCode()).isEqualTo(200);
    }

    @Test
    void theOpenApiDocumentListsTheExecutionsApiForLoggedInUsers() throws Exception {
        assertThat(send(get("/v3/api-docs")).statusCode()).isEqualTo(401);

        HttpResponse<String> document = send(get("/v3/api-docs", "manager"));

        assertThat(document.statusCode()).as(document.body()).isEqualTo(200);
        JsonNode paths = json(document).path("paths");
        assertThat(paths.has("/api/v1/executions")).as(document.body()).isTrue();
        assertThat(paths.has("/api/v1/executions/{id}/restart")).isTrue();
    }

    private static void addUser(String name, String role) {
        CommandResult added = CommandResult.withStdin(PASSWORD + "\n",
                () -> installation.custos("user", "add", name, "--role", role, "--password-stdin"));
        assertThat(added.exitCode()).as(added.describe()).isZero();
    }


    private static void copyInput(String file) throws IOException {
        Files.copy(installation.inbox(JOB, "2026-Q1").resolve(file), partialInbox.resolve(file),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static long auditRows() {
        return installation.queryLong("SELECT COUNT(*) FROM " + installation.database().resultsSchema() + ".operator_audit");
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + serve.port() + path);
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET().build();
    }

    private static HttpRequest get(String path, String user) {
        return get(path, user, PASSWORD);
    }

    private static HttpRequest get(String path, String user, String password) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user, password)).GET().build();
    }

    private static HttpRequest post(String path, String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            request.header("Authorization", basic(user, PASSWORD));
        }
        return request.build();
    }

    private static HttpRequest formPost(String sessionCookie, String body) {
        return HttpRequest.newBuilder(uri("/login")).header("Cookie", sessionCookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
