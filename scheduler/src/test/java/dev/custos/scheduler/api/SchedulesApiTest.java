package dev.custos.scheduler.api;

import static dev.custos.scheduler.ApiCalls.assertProblem;
import static dev.custos.scheduler.ApiCalls.assertRefused;
import static dev.custos.scheduler.ApiCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.jobs.training.sample.TrainingSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.ApiCalls;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.ServeInProcess;

/**
 * {@code /api/v1/schedules} on {@code custos serve} (random port, MariaDB, a real HTTP client):
 * every role reads the schedules as {@code custos schedules --format json} shows them; OPS and ADMIN
 * pause, resume, reschedule (validated, answered with the next five fire times), preview and
 * trigger, the other roles get 403; an unknown job is 404; the operator audit log gets one row per
 * action carried out and none for a read, a refusal or an error. Each test works on its own control.
 */
@Timeout(600)
class SchedulesApiTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String TRIGGERED_JOB = "training-coverage";
    private static final String PAUSED_JOB = "permission-reconciliation";
    private static final String RESCHEDULED_JOB = "audit-rollup";
    private static final String REFUSED_CRON_JOB = "backup";
    private static final List<String> ALLOWED = List.of("ops", "admin");
    private static final List<String> REFUSED = List.of("manager", "auditor");
    private static final String UTC_TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;

    static Installation installation;
    static ServeInProcess serve;
    static ApiCalls api;

    @BeforeAll
    static void serveAnInstallationWithAUserOfEachRole() {
        installation = Installation.create(SchedulesApiTest.class, dir.resolve("custos"));
        for (String role : List.of("admin", "ops", "manager", "auditor")) {
            CommandResult added = CommandResult.withStdin(PASSWORD + "\n",
                    () -> installation.custos("user", "add", role, "--role", role.toUpperCase(), "--password-stdin"));
            assertThat(added.exitCode()).as(added.describe()).isZero();
        }
        serve = ServeInProcess.start(installation);
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

    @Test
    void opsAdminAndAuditorListTheSchedulesWithTheFieldsOfCustosSchedulesJson() throws Exception {
        long rowsBefore = auditRows();
        JsonNode cli = JSON.readTree(schedulesFromCommandLine().out());
        assertThat(api.send(api.get("/api/v1/schedules", "manager")).statusCode()).as("a manager reads KPIs and reports")
                .isEqualTo(403);
        for (String user : List.of("admin", "ops", "auditor")) {
            HttpResponse<String> response = api.send(api.get("/api/v1/schedules", user));

            assertThat(response.statusCode()).as(user + ": " + response.body()).isEqualTo(200);
            JsonNode listed = json(response);
            assertThat(listed.size()).isEqualTo(cli.size()).isEqualTo(4);
            for (int i = 0; i < listed.size(); i++) {
                // the state may differ while another test's triggered run blocks its trigger
                assertThat(withoutState(listed.get(i))).as(user).isEqualTo(withoutState(cli.get(i)));
            }
            JsonNode schedule = find(listed, TRIGGERED_JOB);
            assertThat(schedule.path("cron").asString()).isNotBlank();
            assertThat(schedule.path("zone").asString()).isNotBlank();
            assertThat(schedule.path("misfire").asString()).isEqualTo("FIRE_ONCE_NOW");
            assertThat(schedule.path("nextFire").asString()).matches(UTC_TIME);
            assertThat(schedule.path("deadline").asString()).as("when the next fire's period is due").matches(UTC_TIME);
            assertThat(schedule.has("previousFire")).isTrue();
            assertThat(schedule.has("state")).isTrue();
        }
        assertThat(api.send(api.get("/api/v1/schedules")).statusCode()).as("without credentials").isEqualTo(401);
        assertThat(auditRows()).as("reads are not audited").isEqualTo(rowsBefore);
    }

    @Test
    void pauseAndResumeAreForOpsAndAdminAndTheCommandLineSeesThePause() throws Exception {
        long rowsBefore = auditRows();
        for (String user : REFUSED) {
            assertRefused(api.send(api.post("/api/v1/schedules/" + PAUSED_JOB + "/pause", user)), user);
            assertRefused(api.send(api.post("/api/v1/schedules/" + PAUSED_JOB + "/resume", user)), user);
        }
        assertThat(auditRows()).as("refused actions are not audited").isEqualTo(rowsBefore);
        assertThat(state(PAUSED_JOB)).isEqualTo("NORMAL");

        for (String user : ALLOWED) {
            HttpResponse<String> paused = api.send(api.post("/api/v1/schedules/" + PAUSED_JOB + "/pause", user));
            assertThat(paused.statusCode()).as(user + ": " + paused.body()).isEqualTo(200);
            assertThat(json(paused).path("state").asString()).isEqualTo("PAUSED");
            assertThat(state(PAUSED_JOB)).isEqualTo("PAUSED");
            assertThat(find(JSON.readTree(schedulesFromCommandLine().out()), PAUSED_JOB).path("state").asString())
                    .as("custos schedules").isEqualTo("PAUSED");

            HttpResponse<String> resumed = api.send(api.post("/api/v1/schedules/" + PAUSED_JOB + "/resume", user));
            assertThat(resumed.statusCode()).as(user + ": " + resumed.body()).isEqualTo(200);
            assertThat(state(PAUSED_JOB)).isEqualTo("NORMAL");
            assertThat(find(JSON.readTree(schedulesFromCommandLine().out()), PAUSED_JOB).path("state").asString())
                    .as("custos schedules").isEqualTo("NORMAL");
        }

        assertThat(auditRows()).isEqualTo(rowsBefore + 4);
        List<String> rows = latestAuditRows(4);
        assertThat(rows).containsExactly(
                "admin|ADMIN|resume|schedule " + PAUSED_JOB + "|null|RESUMED",
                "admin|ADMIN|pause|schedule " + PAUSED_JOB + "|null|PAUSED",
                "ops|OPS|resume|schedule " + PAUSED_JOB + "|null|RESUMED",
                "ops|OPS|pause|schedule " + PAUSED_JOB + "|null|PAUSED");
    }

    @Test
    void rescheduleAnswersWithTheNextFiveFireTimesInUtcAndStoresTheCron() throws Exception {
        long rowsBefore = auditRows();
        for (String user : REFUSED) {
            assertRefused(api.send(putCron("/api/v1/schedules/" + RESCHEDULED_JOB + "/cron", user, "0 15 3 * * ?")), user);
        }
        assertThat(auditRows()).isEqualTo(rowsBefore);

        int minute = 10;
        for (String user : ALLOWED) {
            String cron = "0 " + minute + " 3 * * ?";
            HttpResponse<String> response = api.send(putCron("/api/v1/schedules/" + RESCHEDULED_JOB + "/cron", user, cron));

            assertThat(response.statusCode()).as(user + ": " + response.body()).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(body.path("job").asString()).isEqualTo(RESCHEDULED_JOB);
            assertThat(body.path("cron").asString()).isEqualTo(cron);
            List<Instant> times = fireTimes(body);
            assertThat(times).hasSize(5).isSorted().allSatisfy(time -> assertThat(time).isAfter(Instant.now()));
            JsonNode stored = find(list(), RESCHEDULED_JOB);
            ZoneId zone = ZoneId.of(stored.path("zone").asString());
            for (Instant time : times) {
                ZonedDateTime local = time.atZone(zone);
                assertThat(local.getHour() * 60 + local.getMinute()).as(time + " in " + zone).isEqualTo(3 * 60 + minute);
            }
            assertThat(stored.path("cron").asString()).isEqualTo(cron);
            assertThat(stored.path("rescheduled").asBoolean()).isTrue();
            assertThat(stored.path("nextFire").asString()).isEqualTo(body.path("nextFireTimes").get(0).asString());
            JsonNode cli = find(JSON.readTree(schedulesFromCommandLine().out()), RESCHEDULED_JOB);
            assertThat(cli.path("cron").asString()).as("custos schedules").isEqualTo(cron);
            minute += 10;
        }

        assertThat(auditRows()).isEqualTo(rowsBefore + 2);
        assertThat(latestAuditRows(2)).containsExactly(
                "admin|ADMIN|reschedule|schedule " + RESCHEDULED_JOB + "|cron=0 20 3 * * ?|RESCHEDULED",
                "ops|OPS|reschedule|schedule " + RESCHEDULED_JOB + "|cron=0 10 3 * * ?|RESCHEDULED");
    }

    @Test
    void aCronThatIsInvalidOrNeverFiresIsA400ProblemDetailAndChangesNothing() throws Exception {
        JsonNode before = find(list(), REFUSED_CRON_JOB);
        long rowsBefore = auditRows();

        HttpResponse<String> neverFires = api.send(putCron("/api/v1/schedules/" + REFUSED_CRON_JOB + "/cron", "ops",
                "0 0 0 30 2 ?"));
        assertProblem(neverFires, 400);
        assertThat(json(neverFires).path("detail").asString()).contains("never fires");

        HttpResponse<String> invalid = api.send(putCron("/api/v1/schedules/" + REFUSED_CRON_JOB + "/cron", "admin", "every day"));
        assertProblem(invalid, 400);
        assertThat(json(invalid).path("detail").asString()).contains("invalid cron for " + REFUSED_CRON_JOB);

        HttpResponse<String> withoutCron = api.send(api.put("/api/v1/schedules/" + REFUSED_CRON_JOB + "/cron", "ops",
                "{}"));
        assertProblem(withoutCron, 400);

        HttpResponse<String> previewNeverFires = api.send(api.get("/api/v1/schedules/" + REFUSED_CRON_JOB + "/preview?cron="
                + encode("0 0 0 30 2 ?"), "ops"));
        assertProblem(previewNeverFires, 400);
        assertThat(json(previewNeverFires).path("detail").asString()).contains("never fires");

        assertThat(find(list(), REFUSED_CRON_JOB)).isEqualTo(before);
        assertThat(auditRows()).isEqualTo(rowsBefore);
    }

    @Test
    void previewAnswersWithTheNextFiveFireTimesAndChangesNothing() throws Exception {
        JsonNode before = find(list(), TRIGGERED_JOB);
        long rowsBefore = auditRows();
        String cron = "0 45 22 ? * MON";
        for (String user : REFUSED) {
            assertRefused(api.send(api.get("/api/v1/schedules/" + TRIGGERED_JOB + "/preview?cron=" + encode(cron), user)), user);
        }
        for (String user : ALLOWED) {
            HttpResponse<String> response = api.send(api.get("/api/v1/schedules/" + TRIGGERED_JOB + "/preview?cron="
                    + encode(cron), user));

            assertThat(response.statusCode()).as(user + ": " + response.body()).isEqualTo(200);
            List<Instant> times = fireTimes(json(response));
            assertThat(times).hasSize(5).isSorted().allSatisfy(time -> assertThat(time).isAfter(Instant.now()));
            ZoneId zone = ZoneId.of(before.path("zone").asString());
            assertThat(times).allSatisfy(time -> assertThat(time.atZone(zone).getDayOfWeek().name()).isEqualTo("MONDAY"));
        }

        JsonNode after = find(list(), TRIGGERED_JOB);
        assertThat(after.path("cron")).isEqualTo(before.path("cron"));
        assertThat(after.path("nextFire")).isEqualTo(before.path("nextFire"));
        assertThat(after.path("rescheduled").asBoolean()).isFalse();
        assertThat(auditRows()).as("a preview is not an action").isEqualTo(rowsBefore);
    }

    @Test
    void triggerIsAcceptedAt202AndARunOfThatControlFollowsForThePeriodItNames() throws Exception {
        ZoneId zone = ZoneId.of(find(list(), TRIGGERED_JOB).path("zone").asString());
        Period due = Period.lastClosed(PeriodType.QUARTER, LocalDate.now(zone));
        TrainingSampleData.write(installation.inbox(TRIGGERED_JOB, due.toString()), due,
                TrainingSampleData.Sizes.demo(), 42, true);
        long rowsBefore = auditRows();
        for (String user : REFUSED) {
            assertRefused(api.send(api.post("/api/v1/schedules/" + TRIGGERED_JOB + "/trigger", user)), user);
        }
        assertThat(auditRows()).isEqualTo(rowsBefore);

        HttpResponse<String> accepted = api.send(api.post("/api/v1/schedules/" + TRIGGERED_JOB + "/trigger", "ops"));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(json(accepted).path("job").asString()).isEqualTo(TRIGGERED_JOB);
        assertThat(json(accepted).path("period").asString()).isEqualTo(due.toString());
        Optional<Installation.Run> completed = Optional.empty();
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (completed.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            completed = installation.runs(TRIGGERED_JOB).stream()
                    .filter(run -> run.period().equals(due.toString()) && run.status().equals("COMPLETED")).findFirst();
        }
        assertThat(completed).as("a completed run of %s %s: %s", TRIGGERED_JOB, due, installation.runs(TRIGGERED_JOB))
                .isPresent();

        HttpResponse<String> byAdmin = api.send(api.post("/api/v1/schedules/" + TRIGGERED_JOB + "/trigger", "admin"));
        assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(202);

        assertThat(auditRows()).isEqualTo(rowsBefore + 2);
        assertThat(latestAuditRows(2)).containsExactly(
                "admin|ADMIN|trigger|schedule " + TRIGGERED_JOB + "|null|TRIGGERED " + due,
                "ops|OPS|trigger|schedule " + TRIGGERED_JOB + "|null|TRIGGERED " + due);
    }

    @Test
    void anUnknownJobIsA404ProblemDetailForEveryEndpointAndIsNotAudited() throws Exception {
        long rowsBefore = auditRows();
        String unknown = "/api/v1/schedules/no-such-job";
        for (HttpResponse<String> response : List.of(api.send(api.post(unknown + "/pause", "ops")),
                api.send(api.post(unknown + "/resume", "admin")), api.send(putCron(unknown + "/cron", "ops", "0 0 1 * * ?")),
                api.send(api.get(unknown + "/preview?cron=" + encode("0 0 1 * * ?"), "admin")),
                api.send(api.post(unknown + "/trigger", "ops")))) {
            assertProblem(response, 404);
            assertThat(json(response).path("detail").asString()).contains("no-such-job");
            assertThat(json(response).path("instance").asString()).startsWith(unknown + "/");
        }
        assertThat(auditRows()).isEqualTo(rowsBefore);
    }

    @Test
    void theOpenApiDocumentListsTheSchedulesApi() throws Exception {
        HttpResponse<String> document = api.send(api.get("/v3/api-docs", "auditor"));

        assertThat(document.statusCode()).as(document.body()).isEqualTo(200);
        JsonNode paths = json(document).path("paths");
        for (String path : List.of("/api/v1/schedules", "/api/v1/schedules/{job}/pause", "/api/v1/schedules/{job}/resume",
                "/api/v1/schedules/{job}/cron", "/api/v1/schedules/{job}/preview", "/api/v1/schedules/{job}/trigger")) {
            assertThat(paths.has(path)).as(path + " in " + paths.propertyNames()).isTrue();
        }
    }

    private static List<Instant> fireTimes(JsonNode body) {
        List<Instant> times = new ArrayList<>();
        for (JsonNode time : body.path("nextFireTimes")) {
            assertThat(time.asString()).matches(UTC_TIME);
            times.add(Instant.parse(time.asString()));
        }
        return times;
    }

    /**
     * {@code custos schedules --format json} with the server stopped meanwhile: Quartz keeps each
     * scheduler's data source in a registry of the JVM under the scheduler's name, so a command
     * started in this JVM would replace the running server's and close it on exit (on a server the
     * command is a process of its own). The server comes back on the same database.
     */
    private static CommandResult schedulesFromCommandLine() {
        serve.close();
        try {
            CommandResult schedules = installation.custos("schedules", "--format", "json");
            assertThat(schedules.exitCode()).as(schedules.describe()).isZero();
            return schedules;
        } finally {
            serve = ServeInProcess.start(installation);
            api = new ApiCalls(serve.port(), PASSWORD);
        }
    }

    private static JsonNode list() throws Exception {
        HttpResponse<String> response = api.send(api.get("/api/v1/schedules", "auditor"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static String state(String job) throws Exception {
        return find(list(), job).path("state").asString();
    }

    private static JsonNode find(JsonNode schedules, String job) {
        return schedules.valueStream().filter(schedule -> schedule.path("job").asString().equals(job)).findFirst()
                .orElseThrow(() -> new AssertionError("no schedule of " + job + " in " + schedules));
    }

    private static JsonNode withoutState(JsonNode schedule) {
        ObjectNode copy = (ObjectNode) schedule.deepCopy();
        copy.remove("state");
        return copy;
    }

    private static long auditRows() {
        return installation.queryLong("SELECT COUNT(*) FROM " + installation.database().resultsSchema() + ".operator_audit");
    }

    /** The newest rows, newest first, as actor|role|action|target|arguments|outcome; each from this machine. */
    private static List<String> latestAuditRows(int count) {
        List<String> rows = new ArrayList<>();
        installation.query("SELECT actor, role, action, target, arguments, outcome, client_address FROM "
                + installation.database().resultsSchema() + ".operator_audit ORDER BY id DESC LIMIT ?", rs -> {
            assertThat(rs.getString("client_address")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
            rows.add(String.join("|", rs.getString("actor"), rs.getString("role"), rs.getString("action"),
                    rs.getString("target"), String.valueOf(rs.getString("arguments")), rs.getString("outcome")));
        }, count);
        return rows;
    }

    private static HttpRequest putCron(String path, String user, String cron) {
        return api.put(path, user, JSON.writeValueAsString(JSON.createObjectNode().put("cron", cron)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
