package dev.custos.scheduler.api;

import static dev.custos.scheduler.ApiCalls.assertProblem;
import static dev.custos.scheduler.ApiCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.custos.common.checksum.Sha256;
import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.test.TestS3;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.ApiCalls;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.ServeInProcess;

/**
 * {@code /api/v1/results}, {@code reports}, {@code evidence}, {@code backups} and {@code audit} on
 * {@code custos serve} (random port, MariaDB, the blob store in s3proxy, a real HTTP client), on
 * one backup run with a restore drill made before the server started: every endpoint against every
 * role and no login, then what each answers, compared with the commands that do the same.
 */
@Timeout(600)
class ResultsApiTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String DAY = "2020-12-24";
    private static final String MONTH = "2020-12";
    private static final String QUARTER = "2020-Q4";
    private static final String MATRIX_MONTH = "2020-11";
    private static final String REASON = "Rerun after Jane Roe corrected the HR export";
    private static final String UTC_TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z";
    private static final List<String> ROLES = List.of("ops", "admin", "manager", "auditor");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    static Path dir;

    static Installation installation;
    static ServeInProcess serve;
    static ApiCalls api;
    static List<String> settings;
    static JsonNode backupListFromCommandLine;
    static String reportFromCommandLine;

    @BeforeAll
    static void serveABackupWithADrillAndAUserOfEachRole() throws Exception {
        installation = Installation.create(ResultsApiTest.class, dir.resolve("custos"));
        Path key = dir.resolve("evidence-signing-key.pem");
        CommandResult created = CommandResult.custos("evidence", "key", "create", key.toString());
        assertThat(created.exitCode()).as(created.describe()).isZero();
        Path documents = Files.createDirectories(dir.resolve("documents"));
        Files.writeString(documents.resolve("contract.txt"), "signed\n");
        settings = List.of("--custos.evidence.signing-key=" + key,
                "--custos.backup.sources[0].name=documents", "--custos.backup.sources[0].type=directory",
                "--custos.backup.sources[0].classification=CONFIDENTIAL",
                "--custos.backup.sources[0].path=" + documents,
                "--custos.s3.endpoint=" + TestS3.endpoint(), "--custos.s3.bucket=" + TestS3.newBucketName("results-api"),
                "--custos.s3.access-key=" + TestS3.accessKey(), "--custos.s3.secret-key=" + TestS3.secretKey());
        CommandResult backup = custos("run", "backup", "--period", DAY, "--drill");
        assertThat(backup.exitCode()).as(backup.describe()).isZero();
        // through the class custos user add uses (UserCommandTest proves the command): a command's start each is slow
        installation.addUserOfEachRole(PASSWORD);
        // an operator action taken during the month, as the audit log recorded it then
        try (Connection connection = installation.database().connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + installation.database().resultsSchema() + ".operator_audit (occurred_at_utc, actor, role,"
                        + " action, target, arguments, reason, outcome, client_address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setTimestamp(1, Timestamp.valueOf(LocalDateTime.of(2020, 12, 24, 10, 0)));
            insert.setString(2, "admin");
            insert.setString(3, "ADMIN");
            insert.setString(4, "restart");
            insert.setString(5, "execution 1");
            insert.setString(6, null);
            insert.setString(7, REASON);
            insert.setString(8, "COMPLETED");
            insert.setString(9, "127.0.0.1");
            insert.executeUpdate();
        }
        // commands that start Spring in this JVM run before the server does (see SchedulesApiTest)
        CommandResult list = custos("backup", "list", "--format", "json");
        assertThat(list.exitCode()).as(list.describe()).isZero();
        backupListFromCommandLine = JSON.readTree(list.out());
        Path report = dir.resolve("report.md");
        CommandResult written = custos("report", "--period", MONTH, "--format", "md", "--out", report.toString());
        assertThat(written.exitCode()).as(written.describe()).isZero();
        reportFromCommandLine = Files.readString(installation.outbox().resolve("report").resolve(MONTH).resolve("report.md"));
        serve = ServeInProcess.start(installation, settings.toArray(String[]::new));
        api = new ApiCalls(serve.port(), PASSWORD);
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

    /** Each endpoint, the roles allowed to call it; the others get 403, no login 401. */
    @Test
    void everyEndpointAnswersTheRolesAllowedAndRefusesTheOthers() throws Exception {
        Map<Call, List<String>> allowed = new LinkedHashMap<>();
        allowed.put(new Call("GET", "/api/v1/results?job=backup&period=" + DAY), ROLES);
        allowed.put(new Call("GET", "/api/v1/reports/" + MONTH + "?format=md"), ROLES);
        allowed.put(new Call("POST", "/api/v1/evidence/" + MATRIX_MONTH), List.of("admin", "auditor"));
        allowed.put(new Call("GET", "/api/v1/evidence/" + MATRIX_MONTH), List.of("admin", "auditor"));
        allowed.put(new Call("GET", "/api/v1/evidence/" + MATRIX_MONTH + "/v1"), List.of("admin", "auditor"));
        allowed.put(new Call("POST", "/api/v1/evidence/" + MATRIX_MONTH + "/v1/verify"), List.of("admin", "auditor"));
        allowed.put(new Call("GET", "/api/v1/audit"), List.of("admin", "auditor"));
        allowed.put(new Call("GET", "/api/v1/backups"), List.of("ops", "admin", "auditor"));
        allowed.put(new Call("POST", "/api/v1/backups/latest/verify"), List.of("ops", "admin", "auditor"));
        allowed.put(new Call("GET", "/api/v1/backups/drills"), List.of("ops", "admin", "auditor"));

        List<String> refusals = new ArrayList<>();
        for (var endpoint : allowed.entrySet()) {
            Call call = endpoint.getKey();
            HttpResponse<String> anonymous = api.send(call.request(null));
            assertProblem(anonymous, 401);
            // refusals first: a refused export must leave no version behind for the allowed ones to find
            for (String role : ROLES) {
                if (!endpoint.getValue().contains(role)) {
                    HttpResponse<String> refused = api.send(call.request(role));
                    assertProblem(refused, 403);
                    refusals.add(call + " " + role);
                }
            }
            for (String role : endpoint.getValue()) {
                HttpResponse<String> answer = api.send(call.request(role));
                assertThat(answer.statusCode()).as(call + " as " + role + ": " + answer.body()).isBetween(200, 201);
            }
        }
        assertThat(refusals).contains("POST /api/v1/evidence/" + MATRIX_MONTH + " ops",
                "POST /api/v1/evidence/" + MATRIX_MONTH + " manager", "GET /api/v1/audit manager",
                "GET /api/v1/audit ops", "GET /api/v1/backups manager")
                .doesNotContain("GET /api/v1/reports/" + MONTH + "?format=md manager");
    }

    @Test
    void resultsShowTheKpisWithTargetStatusAndTheReportsLabelsAndMissingOnesWithTheReason() throws Exception {
        HttpResponse<String> response = api.send(api.get("/api/v1/results?job=backup&period=" + DAY, "manager"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode backup = json(response).get(0);
        assertThat(backup.path("job").asString()).isEqualTo("backup");
        assertThat(backup.path("period").asString()).isEqualTo(DAY);
        assertThat(backup.path("executionId").asLong()).isPositive();
        JsonNode verified = named(backup.path("kpis"), "verified");
        assertThat(verified.path("value").asDouble()).isEqualTo(1.0);
        assertThat(verified.path("target").asDouble()).isEqualTo(1.0);
        assertThat(verified.path("status").asString()).isEqualTo("MET");
        assertThat(verified.path("display").asString()).isEqualTo("1");
        assertThat(verified.path("targetDisplay").asString()).isEqualTo("≥ 1");
        assertThat(verified.path("label").asString()).as("the backup's report section's label").isEqualTo("Verified backup");
        assertThat(named(backup.path("kpis"), "restore_drill_ok").path("status").asString()).isEqualTo("MET");
        assertThat(named(backup.path("figures"), "entries").path("value").asDouble()).isEqualTo(1.0);

        JsonNode notRun = json(api.send(api.get("/api/v1/results?job=permission-reconciliation&period=" + MONTH, "ops"))).get(0);
        assertThat(notRun.path("executionId").isNull()).isTrue();
        JsonNode missing = named(notRun.path("kpis"), "leavers_with_access");
        assertThat(missing.path("status").asString()).as("the KPI the control declares").isEqualTo("MISSING");
        assertThat(missing.path("value").isNull()).isTrue();
        assertThat(missing.path("label").asString()).isEqualTo("Leavers with access");
        assertThat(missing.path("missingReason").asString())
                .isEqualTo("no completed permission-reconciliation run for " + MONTH);
        JsonNode dayWithoutBackup = json(api.send(api.get("/api/v1/results?job=backup&period=2020-12-23", "ops"))).get(0);
        assertThat(dayWithoutBackup.path("kpis").size()).as("backup declares no KPI of its own").isZero();
        assertThat(named(dayWithoutBackup.path("figures"), "run").path("missingReason").asString())
                .isEqualTo("no completed backup run for 2020-12-23");

        JsonNode quarter = json(api.send(api.get("/api/v1/results?period=" + QUARTER, "auditor")));
        assertThat(quarter.valueStream().map(control -> control.path("job").asString()))
                .as("the controls running per quarter").containsExactly("training-coverage");
        assertThat(json(api.send(api.get("/api/v1/results", "auditor"))).valueStream().map(control -> control.path("job").asString()))
                .as("every control, for its last closed period")
                .contains("backup", "training-coverage", "permission-reconciliation", "audit-rollup");
    }

    @Test
    void wrongJobOrPeriodOfResultsIsABadRequestWithTheCommandLinesMessage() throws Exception {
        HttpResponse<String> unknown = api.send(api.get("/api/v1/results?job=payroll", "manager"));
        assertProblem(unknown, 400);
        assertThat(json(unknown).path("detail").asString()).contains("payroll");

        HttpResponse<String> badPeriod = api.send(api.get("/api/v1/results?period=2020-13", "manager"));
        assertProblem(badPeriod, 400);
        assertThat(json(badPeriod).path("detail").asString()).startsWith("invalid period '2020-13'");

        HttpResponse<String> wrongType = api.send(api.get("/api/v1/results?job=backup&period=" + MONTH, "manager"));
        assertProblem(wrongType, 400);
        assertThat(json(wrongType).path("detail").asString()).isEqualTo("backup runs per day (e.g. "
                + PeriodType.DAY.example() + "), not '" + MONTH + "'");
    }

    @Test
    void reportDownloadIsWhatCustosReportWritesInTheFormatAsked() throws Exception {
        HttpResponse<String> markdown = api.send(api.get("/api/v1/reports/" + MONTH + "?format=md", "manager"));

        assertThat(markdown.statusCode()).as(markdown.body()).isEqualTo(200);
        assertThat(markdown.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/markdown"));
        assertThat(markdown.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"custos-report-" + MONTH + ".md\"");
        assertThat(withoutTimes(markdown.body())).isEqualTo(withoutTimes(reportFromCommandLine));

        HttpResponse<String> accepted = api.send(api.request("GET", "/api/v1/reports/" + MONTH, "manager")
                .header("Accept", "text/markdown").build());
        assertThat(withoutTimes(accepted.body())).isEqualTo(withoutTimes(reportFromCommandLine));

        HttpResponse<String> html = api.send(api.get("/api/v1/reports/" + MONTH, "manager"));
        assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(html.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"custos-report-" + MONTH + ".html\"");
        assertThat(html.body()).startsWith("<!DOCTYPE html>");
    }

    @Test
    void reportOfAPeriodNotOverIsRefusedAsTheCommandRefusesIt() throws Exception {
        String thisMonth = Period.containing(PeriodType.MONTH, LocalDate.now(ZoneOffset.UTC)).toString();

        HttpResponse<String> refused = api.send(api.get("/api/v1/reports/" + thisMonth, "manager"));

        assertProblem(refused, 409);
        assertThat(json(refused).path("detail").asString()).startsWith(thisMonth + " is not over yet (today is ")
                .endsWith(": its report can be written from " + Period.parse(thisMonth).end().plusDays(1));
        assertProblem(api.send(api.get("/api/v1/reports/" + DAY, "manager")), 400);
        assertProblem(api.send(api.get("/api/v1/reports/" + MONTH + "?format=pdf", "manager")), 400);
    }

    @Test
    void evidenceExportedOnceThenAgainUnchangedDownloadsVerifiesAndHoldsThePeriodsAuditRows() throws Exception {
        HttpResponse<String> first = api.send(api.post("/api/v1/evidence/" + MONTH, "auditor"));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode exported = json(first);
        assertThat(exported.path("version").asInt()).isEqualTo(1);
        assertThat(exported.path("newVersion").asBoolean()).isTrue();
        assertThat(exported.path("runs").asInt()).isEqualTo(1);
        assertThat(first.headers().firstValue("Location")).hasValue("/api/v1/evidence/" + MONTH + "/v1");

        HttpResponse<String> again = api.send(api.post("/api/v1/evidence/" + MONTH, "admin"));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).path("version").asInt()).isEqualTo(1);
        assertThat(json(again).path("newVersion").asBoolean()).isFalse();
        assertThat(json(again).path("manifestSha256").asString()).isEqualTo(exported.path("manifestSha256").asString());

        JsonNode versions = json(api.send(api.get("/api/v1/evidence/" + MONTH, "auditor")));
        assertThat(versions.size()).isEqualTo(1);
        assertThat(versions.get(0).path("manifestSha256").asString()).isEqualTo(exported.path("manifestSha256").asString());
        assertThat(versions.get(0).path("download").asString()).isEqualTo("/api/v1/evidence/" + MONTH + "/v1");

        HttpResponse<byte[]> bundle = HTTP.send(api.get("/api/v1/evidence/" + MONTH + "/v1", "auditor"),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"custos-evidence-" + MONTH + "-v1.zip\"");
        Map<String, String> files = unzip(bundle.body());
        assertThat(files.get("MANIFEST.sha256")).contains("  operator-audit.csv\n", "  runs.csv\n");
        assertThat(Sha256.of(files.get("MANIFEST.sha256").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(exported.path("manifestSha256").asString());
        assertThat(files.get("operator-audit.csv").lines().toList()).as("the month's rows only").satisfiesExactly(
                header -> assertThat(header).isEqualTo("id,occurred_at,actor,role,action,target,arguments,reason_sha256,"
                        + "outcome,client_address"),
                row -> assertThat(row).matches("\\d+,2020-12-24T10:00:00.000Z,admin,ADMIN,restart,execution 1,,"
                        + Sha256.of(REASON.getBytes(StandardCharsets.UTF_8)) + ",COMPLETED,127.0.0.1"));
        assertThat(String.join("\n", files.values())).as("the reason is free text").doesNotContain("Jane Roe");

        HttpResponse<String> verified = api.send(api.post("/api/v1/evidence/" + MONTH + "/v1/verify", "admin"));
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        assertThat(json(verified).path("intact").asBoolean()).as(verified.body()).isTrue();
        assertThat(json(verified).path("tablesCompared").asBoolean()).isTrue();
        assertThat(json(verified).path("problems").size()).isZero();

        assertThat(latestAuditRows(2)).containsExactly(
                "admin|ADMIN|evidence export|evidence " + MONTH + "|v1 UNCHANGED",
                "auditor|AUDITOR|evidence export|evidence " + MONTH + "|v1 NEW");

        HttpResponse<String> notKept = api.send(api.get("/api/v1/evidence/" + MONTH + "/v2", "auditor"));
        assertProblem(notKept, 404);
        assertThat(json(notKept).path("detail").asString()).startsWith("no bundle of " + MONTH + " v2 is kept");
    }

    @Test
    void twoExportsOfOnePeriodAtOnceMakeOneVersionNeverTheSameVersionTwice() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> exports = new ArrayList<>();
        for (String user : List.of("auditor", "admin")) {
            exports.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    return api.send(api.post("/api/v1/evidence/" + QUARTER, user));
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        start.countDown();
        List<HttpResponse<String>> answers = exports.stream().map(CompletableFuture::join).toList();

        assertThat(answers).extracting(HttpResponse::statusCode).as(answers.toString()).containsExactlyInAnyOrder(201, 200);
        assertThat(answers).allSatisfy(answer -> assertThat(json(answer).path("version").asInt()).isEqualTo(1));
        assertThat(answers).extracting(answer -> json(answer).path("manifestSha256").asString()).as("the same bundle")
                .containsOnly(json(answers.get(0)).path("manifestSha256").asString());
        JsonNode versions = json(api.send(api.get("/api/v1/evidence/" + QUARTER, "auditor")));
        assertThat(versions.size()).isEqualTo(1);
        assertThat(versions.get(0).path("manifestSha256").asString())
                .isEqualTo(json(answers.get(0)).path("manifestSha256").asString());
    }

    @Test
    void evidenceOfAPeriodNotOverIsRefusedAndLeavesNoAuditRow() throws Exception {
        String thisMonth = Period.containing(PeriodType.MONTH, LocalDate.now(ZoneOffset.UTC)).toString();
        long rows = auditRows();

        HttpResponse<String> refused = api.send(api.post("/api/v1/evidence/" + thisMonth, "auditor"));

        assertProblem(refused, 409);
        assertThat(json(refused).path("detail").asString()).contains(thisMonth + " is not over yet",
                "its evidence can be exported from");
        assertThat(auditRows()).isEqualTo(rows);
    }

    @Test
    void auditLogIsFilteredByTimeActorAndActionNewestFirstAPageAtATime() throws Exception {
        assertThat(api.send(api.post("/api/v1/evidence/2020-10", "auditor")).statusCode()).isEqualTo(201);
        assertThat(api.send(api.post("/api/v1/evidence/2020-10", "admin")).statusCode()).isEqualTo(200);

        JsonNode mine = json(api.send(api.get("/api/v1/audit?actor=auditor&action=evidence%20export&size=500", "auditor")));
        assertThat(mine.path("entries").valueStream().map(entry -> entry.path("actor").asString())).containsOnly("auditor");
        JsonNode newest = mine.path("entries").get(0);
        assertThat(newest.path("target").asString()).isEqualTo("evidence 2020-10");
        assertThat(newest.path("outcome").asString()).isEqualTo("v1 NEW");
        assertThat(newest.path("role").asString()).isEqualTo("AUDITOR");
        assertThat(newest.path("occurredAt").asString()).matches(UTC_TIME);

        JsonNode december = json(api.send(api.get("/api/v1/audit?from=2020-12-01T00:00:00Z&to=2021-01-01T00:00:00Z", "admin")));
        assertThat(december.path("entries").size()).isEqualTo(1);
        assertThat(december.path("entries").get(0).path("occurredAt").asString()).isEqualTo("2020-12-24T10:00:00Z");
        assertThat(december.path("entries").get(0).path("reason").asString()).isEqualTo(REASON);

        JsonNode first = json(api.send(api.get("/api/v1/audit?size=1", "auditor")));
        JsonNode second = json(api.send(api.get("/api/v1/audit?size=1&page=1", "auditor")));
        assertThat(first.path("entries").get(0).path("id").asLong())
                .isGreaterThan(second.path("entries").get(0).path("id").asLong());

        HttpResponse<String> badTime = api.send(api.get("/api/v1/audit?from=yesterday", "auditor"));
        assertProblem(badTime, 400);
        assertThat(json(badTime).path("detail").asString()).isEqualTo(
                "from is an ISO-8601 UTC time such as 2026-11-24T00:00:00Z");
        assertProblem(api.send(api.get("/api/v1/audit?size=0", "auditor")), 400);
    }

    @Test
    void backupsAreListedAsCustosBackupListJsonVerifiedAndTheirDrillShown() throws Exception {
        JsonNode list = json(api.send(api.get("/api/v1/backups", "ops")));

        assertThat(list.path("store").asString()).isEqualTo(backupListFromCommandLine.path("store").asString());
        assertThat(list.path("backups")).isEqualTo(backupListFromCommandLine.path("backups"));
        JsonNode backup = list.path("backups").get(0);
        assertThat(backup.path("day").asString()).isEqualTo(DAY);
        assertThat(backup.path("state").asString()).isEqualTo("VERIFIED");
        String id = backup.path("id").asString();

        JsonNode verified = json(api.send(api.post("/api/v1/backups/" + id + "/verify", "auditor")));
        assertThat(verified.path("failed").asLong()).isZero();
        assertThat(verified.path("backups").get(0).path("verified").asBoolean()).isTrue();
        assertThat(verified.path("backups").get(0).path("asRecorded").asBoolean()).isTrue();
        assertThat(verified.path("backups").get(0).path("message").asString()).startsWith("backup " + id + " verified: ");

        JsonNode unknown = json(api.send(api.post("/api/v1/backups/2020-12-25.1/verify", "ops")));
        assertThat(unknown.path("failed").asLong()).isEqualTo(1);
        assertThat(unknown.path("backups").get(0).path("verified").asBoolean()).isFalse();
        assertThat(unknown.path("backups").get(0).path("message").asString())
                .startsWith("backup 2020-12-25.1 failed verification: ");

        HttpResponse<String> notAnId = api.send(api.post("/api/v1/backups/yesterday/verify", "ops"));
        assertProblem(notAnId, 400);
        assertThat(json(notAnId).path("detail").asString())
                .isEqualTo("not a backup id: 'yesterday' (expected an id such as 2026-11-24.17, or latest)");

        JsonNode drills = json(api.send(api.get("/api/v1/backups/drills", "admin")));
        assertThat(drills.size()).isEqualTo(1);
        assertThat(drills.get(0).path("period").asString()).isEqualTo(DAY);
        assertThat(drills.get(0).path("backupId").asString()).isEqualTo(id);
        assertThat(drills.get(0).path("outcome").asString()).isEqualTo("PASSED");
        assertThat(drills.get(0).path("drilledAt").asString()).matches(UTC_TIME);
        assertThat(drills.get(0).path("filesRestored").asLong()).isEqualTo(1);
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() throws Exception {
        JsonNode paths = json(api.send(api.get("/v3/api-docs", "manager"))).path("paths");

        for (String path : List.of("/api/v1/results", "/api/v1/reports/{period}", "/api/v1/evidence/{period}",
                "/api/v1/evidence/{period}/v{version}", "/api/v1/evidence/{period}/v{version}/verify", "/api/v1/audit",
                "/api/v1/backups", "/api/v1/backups/{id}/verify", "/api/v1/backups/drills")) {
            assertThat(paths.has(path)).as(path + " in " + paths.propertyNames()).isTrue();
        }
    }

    private record Call(String method, String path) {

        HttpRequest request(String user) {
            return api.request(method, path, user).build();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static CommandResult custos(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(settings);
        return installation.custos(all.toArray(String[]::new));
    }

    private static String withoutTimes(String report) {
        return report.replaceAll(UTC_TIME, "<time>").replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d( UTC)?", "<time>");
    }

    private static JsonNode named(JsonNode metrics, String name) {
        return metrics.valueStream().filter(metric -> metric.path("name").asString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + metrics));
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static long auditRows() {
        return installation.queryLong("SELECT COUNT(*) FROM " + installation.database().resultsSchema() + ".operator_audit");
    }

    /** The newest rows, newest first, as actor|role|action|target|outcome. */
    private static List<String> latestAuditRows(int count) {
        List<String> rows = new ArrayList<>();
        installation.query("SELECT actor, role, action, target, outcome FROM "
                + installation.database().resultsSchema() + ".operator_audit ORDER BY id DESC LIMIT ?", rs ->
                rows.add(String.join("|", rs.getString("actor"), rs.getString("role"), rs.getString("action"),
                        rs.getString("target"), rs.getString("outcome"))), count);
        return rows;
    }
}
