package dev.custos.scheduler.approval;

import static dev.custos.scheduler.ApiCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.custos.common.period.Period;
import dev.custos.common.results.RunRecorder;
import dev.custos.jobs.training.sample.TrainingSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.ApiCalls;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.ServeInProcess;
import dev.custos.scheduler.cli.ExitCodes;

/**
 * Four-eyes approvals on MariaDB, from the command line and {@code custos serve}'s API with a real
 * HTTP client: a gated action stores a request and changes nothing, its requester cannot approve
 * it, a second admin's approval carries it out exactly once (two at the same time included), an
 * expired or rejected request is never carried out, every step is in the operator audit log, and
 * without {@code custos.approvals.required} the action is carried out at once (and audited). From the
 * command line a request is made and decided by a console ADMIN proving it with their password
 * ({@code --user NAME --password-stdin}), never by the OS user.
 */
@Timeout(600)
class FourEyesApprovalTest {

    private static final String JOB = "training-coverage";
    private static final String PERIOD = "2026-Q1";
    private static final String PASSWORD = "correct horse battery";
    private static final String REQUIRED = "--custos.approvals.required=rerun,restore,backfill,key-rotation";
    private static final String OS_USER = System.getProperty("user.name");
    /** The console ADMIN who makes the requests from the command line. */
    private static final String REQUESTER = "requester";
    private static final Pattern STORED = Pattern.compile(
            "^approval request (\\d+) stored; a second admin approves it with custos approvals approve (\\d+)$",
            Pattern.MULTILINE);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static String staging;

    @TempDir
    static Path dir;

    static Installation installation;
    static ServeInProcess serve;
    static ApiCalls api;

    @BeforeAll
    static void serveAnInstallationWithACompletedPeriodAndAdminsRequiringApprovals() throws IOException {
        installation = Installation.create(FourEyesApprovalTest.class, dir.resolve("custos"));
        TrainingSampleData.write(installation.inbox(JOB, PERIOD), Period.parse(PERIOD),
                TrainingSampleData.Sizes.demo(), 42, true);
        CommandResult completed = installation.custos("run", JOB, "--period", PERIOD);
        assertThat(completed.exitCode()).as(completed.describe()).isZero();
        for (String admin : List.of(REQUESTER, "admin", "second-admin", "locked-out-admin")) {
            addUser(admin, "ADMIN");
        }
        for (String role : List.of("ops", "manager", "auditor")) {
            addUser(role, role.toUpperCase());
        }
        serve = ServeInProcess.start(installation, REQUIRED);
        api = new ApiCalls(serve.port(), PASSWORD);
        staging = installation.database().resultsSchema() + ".tc_employee_stage";
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
    void withoutRequiredApprovalsAKeyRotationIsCarriedOutAtOnce() throws Exception {
        Path keyset = newKeyset("off-by-default.json");
        long requestsBefore = requests();

        CommandResult rotated = installation.custos("backup", "key", "rotate", keyset.toString());

        assertThat(rotated.exitCode()).as(rotated.describe()).isZero();
        assertThat(rotated.out()).contains("is the primary now");
        assertThat(keys(keyset)).isEqualTo(2);
        assertThat(requests()).isEqualTo(requestsBefore);
        assertThat(lastAudit()).containsExactly(OS_USER, "SHELL", "key-rotation",
                "keyset " + keyset.toAbsolutePath().normalize(), "ROTATED", null);
    }

    @Test
    void aGatedKeyRotationStoresAnAuditedRequestAndChangesNothing() throws Exception {
        Path keyset = newKeyset("gated.json");
        String before = Files.readString(keyset);

        CommandResult gated = gated("backup", "key", "rotate", keyset.toString(), "--reason", "yearly rotation");

        long id = storedRequest(gated);
        assertThat(Files.readString(keyset)).as("nothing rotated").isEqualTo(before);
        installation.query("SELECT action, target, arguments, requester, requester_role, reason, state, "
                + "expires_at_utc > requested_at_utc FROM " + table() + " WHERE id = ?", rs -> {
            assertThat(rs.getString(1)).isEqualTo("key-rotation");
            assertThat(rs.getString(2)).isEqualTo("keyset " + keyset.toAbsolutePath().normalize());
            assertThat(JSON.readTree(rs.getString(3)).path("file").asString())
                    .isEqualTo(keyset.toAbsolutePath().normalize().toString());
            assertThat(rs.getString(4)).isEqualTo(REQUESTER);
            assertThat(rs.getString(5)).isEqualTo("ADMIN");
            assertThat(rs.getString(6)).isEqualTo("yearly rotation");
            assertThat(rs.getString(7)).isEqualTo("PENDING");
            assertThat(rs.getBoolean(8)).isTrue();
        }, id);
        assertThat(lastAudit()).containsExactly(REQUESTER, "ADMIN", "approval-request",
                "keyset " + keyset.toAbsolutePath().normalize(), "PENDING " + id, "yearly rotation");
        assertThat(lastAuditClientAddress()).endsWith(" as OS user " + OS_USER);
    }

    @Test
    void aGatedActionWithoutAReasonIsRefusedAndStoresNothing() throws Exception {
        Path keyset = newKeyset("no-reason.json");
        long requestsBefore = requests();

        CommandResult refused = gated("backup", "key", "rotate", keyset.toString());

        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.errLines()).singleElement().asString().startsWith("custos: a key-rotation needs a second "
                + "admin's approval here").contains("--reason TEXT");
        assertThat(requests()).isEqualTo(requestsBefore);
    }

    @Test
    void theRequesterCannotApproveTheirOwnRequestFromTheCommandLineOrTheApi() throws Exception {
        Path keyset = newKeyset("own.json");
        long id = storedRequest(gated("backup", "key", "rotate", keyset.toString(), "--reason", "own request"));

        CommandResult fromTheShell = asConsoleUser(REQUESTER, PASSWORD, "approvals", "approve", String.valueOf(id));
        HttpResponse<String> fromTheApi = api.send(api.post("/api/v1/approvals/" + id + "/approve", REQUESTER));

        assertThat(fromTheShell.exitCode()).as(fromTheShell.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(fromTheShell.errLines()).containsExactly("custos: approval request " + id
                + " was made by you; another admin must approve it (four eyes)");
        assertThat(fromTheApi.statusCode()).as(fromTheApi.body()).isEqualTo(403);
        assertThat(json(fromTheApi).path("detail").asString()).contains("another admin must approve it");
        assertThat(state(id)).isEqualTo("PENDING");
        assertThat(keys(keyset)).isEqualTo(1);
    }

    @Test
    void twoAdminsApprovingAtOnceCarryTheActionOutExactlyOnce() throws Exception {
        Path keyset = newKeyset("concurrent.json");
        long id = storedRequest(gated("backup", "key", "rotate", keyset.toString(), "--reason", "key holder left"));
        long lastAuditBefore = lastAuditId();

        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> approvals = new ArrayList<>();
        for (String admin : List.of("admin", "second-admin")) {
            approvals.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    return api.send(api.post("/api/v1/approvals/" + id + "/approve", admin));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        start.countDown();
        List<HttpResponse<String>> answers = approvals.stream().map(CompletableFuture::join).toList();

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
        HttpResponse<String> won = answers.stream().filter(answer -> answer.statusCode() == 200).findFirst().orElseThrow();
        assertThat(json(won).path("state").asString()).isEqualTo("EXECUTED");
        assertThat(json(won).path("outcome").asString()).isEqualTo("ROTATED");
        assertThat(keys(keyset)).as("rotated once").isEqualTo(2);
        assertThat(state(id)).isEqualTo("EXECUTED");
        List<String> audited = new ArrayList<>();
        installation.query("SELECT action, outcome, reason FROM " + audit() + " WHERE id > ? ORDER BY id", rs -> {
            audited.add(rs.getString(1) + " " + rs.getString(2));
            assertThat(rs.getString(3)).isEqualTo("key holder left");
        }, lastAuditBefore);
        assertThat(audited).as("one approval and one execution").containsExactly("approve APPROVED",
                "key-rotation ROTATED");
    }

    @Test
    void aRerunOfACompletedPeriodWaitsForApprovalAndItsApprovalIsAnsweredWhileTheRunGoesOnInTheBackground()
            throws Exception {
        int runsBefore = installation.runs(JOB).size();

        CommandResult gated = gated("run", JOB, "--period", PERIOD, "--rerun", "--reason", "corrected export");

        long id = storedRequest(gated);
        assertThat(installation.runs(JOB)).as("nothing run yet").hasSize(runsBefore);
        JsonNode listed = listed(id, "auditor");
        assertThat(listed.path("state").asString()).isEqualTo("PENDING");
        assertThat(listed.path("action").asString()).isEqualTo("rerun");
        assertThat(listed.path("target").asString()).isEqualTo(JOB + " " + PERIOD);
        assertThat(listed.path("arguments").path("period").asString()).isEqualTo(PERIOD);
        assertThat(listed.path("requestedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

        HttpResponse<String> approved;
        // the rerun waits for this lock at its first staging write: the approval is answered while it runs
        try (Connection connection = installation.database().connect(); Statement lock = connection.createStatement()) {
            lock.execute("LOCK TABLES " + staging + " WRITE");
            approved = api.send(api.post("/api/v1/approvals/" + id + "/approve", "admin"));

            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
            assertThat(json(approved).path("state").asString()).isEqualTo("EXECUTED");
            assertThat(json(approved).path("outcome").asString()).isEqualTo("ACCEPTED");
            assertThat(installation.awaitRun(JOB, PERIOD, run -> run.status().equals("STARTED")))
                    .as("the approved rerun is still running").isNotNull();
            lock.execute("UNLOCK TABLES");
        }
        Installation.Run rerun = installation.awaitRun(JOB, PERIOD, run -> !run.status().equals("STARTED"));
        assertThat(rerun.status()).as(rerun.exitMessage()).isEqualTo("COMPLETED");
        assertThat(installation.runs(JOB)).hasSize(runsBefore + 1);
        HttpResponse<String> again = api.send(api.post("/api/v1/approvals/" + id + "/approve", "second-admin"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("detail").asString()).contains("is EXECUTED").contains("no longer pending");
        assertThat(installation.runs(JOB)).as("approved once, run once").hasSize(runsBefore + 1);
        assertThat(lastAudit()).containsExactly("admin", "ADMIN", "rerun", JOB + " " + PERIOD, "ACCEPTED",
                "corrected export");
    }

    @Test
    void launchesAndRerunsOfOnePeriodRacingNeverBothRunAndARerunOnceItCompletedWaitsForApproval() throws Exception {
        String period = "2026-Q2";
        TrainingSampleData.write(installation.inbox(JOB, period), Period.parse(period),
                TrainingSampleData.Sizes.demo(), 42, true);
        List<String> bodies = List.of(launch(period, false, null), launch(period, true, "corrected export"),
                launch(period, false, null), launch(period, true, "late export"));
        List<HttpResponse<String>> answers;
        // the winner's run waits for this lock at its first staging write: it holds the period while the others ask
        try (Connection connection = installation.database().connect(); Statement lock = connection.createStatement()) {
            lock.execute("LOCK TABLES " + staging + " WRITE");
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<HttpResponse<String>>> asked = bodies.stream().map(body ->
                    CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                            return api.send(api.post("/api/v1/executions", "admin", body));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })).toList();
            start.countDown();
            answers = asked.stream().map(CompletableFuture::join).toList();
            lock.execute("UNLOCK TABLES");
        }

        assertThat(answers).extracting(HttpResponse::statusCode).as(answers.stream().map(HttpResponse::body).toList()
                .toString()).containsExactlyInAnyOrder(202, 409, 409, 409);
        answers.stream().filter(answer -> answer.statusCode() == 409).forEach(refused -> assertThat(
                json(refused).path("detail").asString()).contains(JOB + " " + period + " is already running"));
        Installation.Run ran = installation.awaitRun(JOB, period, run -> !run.status().equals("STARTED"));
        assertThat(ran.status()).as(ran.exitMessage()).isEqualTo("COMPLETED");
        assertThat(installation.runs(JOB)).filteredOn(run -> run.period().equals(period)).as("one run wrote")
                .hasSize(1);

        HttpResponse<String> rerunOfCompleted = api.send(api.post("/api/v1/executions", "admin",
                launch(period, true, "corrected export")));
        assertThat(rerunOfCompleted.statusCode()).as(rerunOfCompleted.body()).isEqualTo(202);
        assertThat(json(rerunOfCompleted).path("status").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(installation.runs(JOB)).filteredOn(run -> run.period().equals(period)).hasSize(1);
        assertThat(api.send(api.post("/api/v1/approvals/" + json(rerunOfCompleted).path("approvalRequest").asLong()
                + "/reject", "admin")).statusCode()).isEqualTo(200);
    }

    @Test
    void aRerunOrBackfillAskedThroughTheApiWaitsForApprovalToo() throws Exception {
        int runsBefore = installation.runs(JOB).size();

        HttpResponse<String> rerun = api.send(api.post("/api/v1/executions", "admin",
                "{\"job\":\"" + JOB + "\",\"period\":\"" + PERIOD + "\",\"rerun\":true,\"reason\":\"corrected export\"}"));
        HttpResponse<String> backfill = api.send(api.post("/api/v1/schedules/" + JOB + "/backfill", "admin",
                "{\"from\":\"" + PERIOD + "\",\"to\":\"" + PERIOD + "\",\"reason\":\"late export\"}"));

        assertThat(rerun.statusCode()).as(rerun.body()).isEqualTo(202);
        assertThat(json(rerun).path("status").asString()).isEqualTo("AWAITING_APPROVAL");
        long rerunRequest = json(rerun).path("approvalRequest").asLong();
        assertThat(state(rerunRequest)).isEqualTo("PENDING");
        assertThat(listed(rerunRequest, "auditor").path("action").asString()).isEqualTo("rerun");
        assertThat(backfill.statusCode()).as(backfill.body()).isEqualTo(202);
        assertThat(json(backfill).path("status").asString()).isEqualTo("AWAITING_APPROVAL");
        long backfillRequest = json(backfill).path("approvalRequest").asLong();
        assertThat(listed(backfillRequest, "auditor").path("action").asString()).isEqualTo("backfill");
        assertThat(installation.runs(JOB)).as("nothing run before a second admin approves").hasSize(runsBefore);
        assertThat(api.send(api.post("/api/v1/approvals/" + rerunRequest + "/approve", "admin")).statusCode())
                .as("the requester cannot approve").isEqualTo(403);
        assertThat(api.send(api.post("/api/v1/approvals/" + backfillRequest + "/reject", "second-admin")).statusCode())
                .isEqualTo(200);
        assertThat(api.send(api.post("/api/v1/approvals/" + rerunRequest + "/reject", "second-admin")).statusCode())
                .isEqualTo(200);
        assertThat(installation.runs(JOB)).hasSize(runsBefore);
    }

    @Test
    void anExpiredRequestCannotBeApprovedAndTheAttemptIsAudited() throws Exception {
        Path keyset = newKeyset("expired.json");
        long id = storedRequest(gated("backup", "key", "rotate", keyset.toString(), "--reason", "soon expired",
                "--custos.approvals.expiry=PT0.001S"));

        HttpResponse<String> late = api.send(api.post("/api/v1/approvals/" + id + "/approve", "admin"));

        assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
        assertThat(json(late).path("detail").asString()).startsWith("approval request " + id + " expired at ")
                .endsWith("cannot be approved; make the request again");
        assertThat(state(id)).isEqualTo("EXPIRED");
        assertThat(keys(keyset)).isEqualTo(1);
        assertThat(lastAudit()).containsExactly("admin", "ADMIN", "approve",
                "approval " + id + ": key-rotation keyset " + keyset.toAbsolutePath().normalize(), "EXPIRED",
                "soon expired");
    }

    @Test
    void aRejectedBackfillIsNeverCarriedOutAndTheRejectionIsAudited() throws Exception {
        int runsBefore = installation.runs(JOB).size();
        long id = storedRequest(gated("backfill", JOB, "--from", PERIOD, "--to", PERIOD, "--reason", "missed quarter"));

        HttpResponse<String> rejected = api.send(api.post("/api/v1/approvals/" + id + "/reject", "admin"));
        HttpResponse<String> approvedAfter = api.send(api.post("/api/v1/approvals/" + id + "/approve", "second-admin"));

        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        assertThat(json(rejected).path("state").asString()).isEqualTo("REJECTED");
        assertThat(approvedAfter.statusCode()).isEqualTo(409);
        assertThat(state(id)).isEqualTo("REJECTED");
        assertThat(installation.runs(JOB)).hasSize(runsBefore);
        assertThat(lastAudit()).containsExactly("admin", "ADMIN", "reject",
                "approval " + id + ": backfill " + JOB + " " + PERIOD + ".." + PERIOD, "REJECTED", "missed quarter");
    }

    @Test
    void aGatedRestoreStoresItsTargetAndRestoresNothingUntilApproved() throws Exception {
        Path target = dir.resolve("restored");

        long id = storedRequest(gated("backup", "restore", "latest", "--to", target.toString(), "--reason", "drill"));

        assertThat(target).doesNotExist();
        JsonNode listed = listed(id, "admin");
        assertThat(listed.path("action").asString()).isEqualTo("restore");
        assertThat(listed.path("arguments").path("to").asString()).isEqualTo(target.toAbsolutePath().toString());
        CommandResult withdrawn = asConsoleUser(REQUESTER, PASSWORD, "approvals", "reject", String.valueOf(id));
        assertThat(withdrawn.exitCode()).as(withdrawn.describe()).isZero();
        assertThat(state(id)).isEqualTo("REJECTED");
    }

    @Test
    void anApprovedActionThatFailsEndsFailedWithWhyAndTheFailureIsAudited() throws Exception {
        Path target = dir.resolve("restored-from-nothing");
        long id = storedRequest(gated("backup", "restore", "latest", "--to", target.toString(), "--reason", "lost disk"));

        HttpResponse<String> approved = api.send(api.post("/api/v1/approvals/" + id + "/approve", "second-admin"));

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(409);
        assertThat(json(approved).path("detail").asString()).startsWith("there is no backup in ");
        assertThat(state(id)).isEqualTo("FAILED");
        assertThat(listed(id, "auditor").path("outcome").asString()).startsWith("there is no backup in ");
        assertThat(target).doesNotExist();
        assertThat(lastAudit()).containsExactly("second-admin", "ADMIN", "restore", "backup latest", "FAILED",
                "lost disk");
    }

    @Test
    void anotherAdminApprovesFromTheCommandLineAndTheActionIsCarriedOutThere() throws Exception {
        Path keyset = newKeyset("shell-approved.json");
        long id = storedRequest(gated("backup", "key", "rotate", keyset.toString(), "--reason", "from the shell"));
        long lastAuditBefore = lastAuditId();

        CommandResult approved = asConsoleUser("second-admin", PASSWORD, "approvals", "approve", String.valueOf(id));

        assertThat(approved.exitCode()).as(approved.describe()).isZero();
        assertThat(approved.out()).startsWith("approval request " + id + " approved and carried out: rotated ");
        assertThat(keys(keyset)).isEqualTo(2);
        CommandResult list = installation.custos("approvals", "list", "--format", "json");
        JsonNode row = JSON.readTree(list.out()).valueStream().filter(r -> r.path("id").asLong() == id).findFirst()
                .orElseThrow();
        assertThat(row.path("state").asString()).isEqualTo("EXECUTED");
        assertThat(row.path("requester").asString()).isEqualTo(REQUESTER);
        assertThat(row.path("decidedBy").asString()).isEqualTo("second-admin");
        assertThat(row.path("decidedAt").asString()).endsWith("Z");
        List<String> audited = new ArrayList<>();
        installation.query("SELECT actor, role, action, outcome, client_address FROM " + audit()
                + " WHERE id > ? ORDER BY id", rs -> audited.add(String.join(" | ", rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5))), lastAuditBefore);
        String origin = "command line on " + RunRecorder.hostName() + " as OS user " + OS_USER;
        assertThat(audited).as("the console admin who approved, beside the OS user").containsExactly(
                "second-admin | ADMIN | approve | APPROVED | " + origin,
                "second-admin | ADMIN | key-rotation | ROTATED | " + origin);
    }

    @Test
    void theOsUserCannotApproveFromTheShellWhateverNameItGivesItself() throws Exception {
        Path keyset = newKeyset("os-user.json");
        long id = storedRequest(gated("backup", "key", "rotate", keyset.toString(), "--reason", "shared account"));
        long auditBefore = auditRows();
        String osUser = System.getProperty("user.name");

        CommandResult approved;
        System.setProperty("user.name", "second-admin"); // as -Duser.name=second-admin would
        try {
            approved = installation.custos("approvals", "approve", String.valueOf(id));
        } finally {
            System.setProperty("user.name", osUser);
        }

        assertThat(approved.exitCode()).as(approved.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(approved.errLines()).containsExactly("custos: approving a request from the command line needs the "
                + "console ADMIN who does it: --user NAME (the password is asked for, or read with --password-stdin); "
                + "the OS user proves no identity; nothing was done");
        assertThat(state(id)).isEqualTo("PENDING");
        assertThat(keys(keyset)).isEqualTo(1);
        assertThat(auditRows()).isEqualTo(auditBefore);
    }

    @Test
    void aWrongPasswordIsRefusedInOneLineAndCountsTowardsTheLoginLockout() throws Exception {
        Path keyset = newKeyset("wrong-password.json");
        long id = storedRequest(gated("backup", "key", "rotate", keyset.toString(), "--reason", "guessing"));
        String refusal = "custos: the console user name or password is wrong, or the user is disabled or locked out "
                + "after repeated failures (custos.console.login.*); nothing was done";
        String twoFailuresLock = "--custos.console.login.max-failures=2";

        CommandResult wrong = asConsoleUser("locked-out-admin", "not the password", "approvals", "approve",
                String.valueOf(id), twoFailuresLock);
        CommandResult wrongAgain = asConsoleUser("locked-out-admin", "still not it", "approvals", "approve",
                String.valueOf(id), twoFailuresLock);
        CommandResult rightButLocked = asConsoleUser("locked-out-admin", PASSWORD, "approvals", "approve",
                String.valueOf(id), twoFailuresLock);
        HttpResponse<String> webLoginLocked = api.send(api.get("/api/v1/approvals", "locked-out-admin"));
        CommandResult notAnAdmin = asConsoleUser("ops", PASSWORD, "approvals", "reject", String.valueOf(id));

        for (CommandResult refused : List.of(wrong, wrongAgain, rightButLocked)) {
            assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(ExitCodes.FAILED);
            assertThat(refused.errLines()).containsExactly(refusal);
        }
        assertThat(webLoginLocked.statusCode()).as("the same lockout as the web login").isEqualTo(401);
        assertThat(notAnAdmin.exitCode()).as(notAnAdmin.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(notAnAdmin.errLines()).containsExactly("custos: the console user is no ADMIN: only an ADMIN makes, "
                + "approves or rejects a four-eyes request; nothing was done");
        assertThat(state(id)).isEqualTo("PENDING");
        assertThat(keys(keyset)).isEqualTo(1);
    }

    @Test
    void aGatedRequestFromTheShellWithoutAConsoleLoginIsRefusedAndStoresNothing() throws Exception {
        Path keyset = newKeyset("no-login.json");
        long requestsBefore = requests();

        CommandResult refused = installation.custos("backup", "key", "rotate", keyset.toString(), "--reason",
                "no login", REQUIRED);

        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.errLines()).singleElement().asString().startsWith("custos: a key-rotation request from the "
                + "command line needs the console ADMIN who does it: --user NAME");
        assertThat(requests()).isEqualTo(requestsBefore);
        assertThat(keys(keyset)).isEqualTo(1);
    }

    @Test
    void anUnknownRequestIsAUsageErrorOnTheCommandLineAnd404InTheApi() throws Exception {
        CommandResult unknown = asConsoleUser("admin", PASSWORD, "approvals", "approve", "987654");
        HttpResponse<String> approved = api.send(api.post("/api/v1/approvals/987654/approve", "admin"));

        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.errLines()).containsExactly("custos: no approval request 987654 (custos approvals list "
                + "shows them)");
        assertThat(approved.statusCode()).isEqualTo(404);
    }

    @Test
    void adminsDecideAdminsAndAuditorsReadAndNoOtherRoleReachesTheApprovals() throws Exception {
        Path keyset = newKeyset("roles.json");
        long id = storedRequest(gated("backup", "key", "rotate", keyset.toString(), "--reason", "role matrix"));
        long auditBefore = auditRows();

        assertThat(api.send(api.get("/api/v1/approvals", null)).statusCode()).isEqualTo(401);
        for (String user : List.of("admin", "auditor")) {
            assertThat(api.send(api.get("/api/v1/approvals", user)).statusCode()).as(user).isEqualTo(200);
        }
        for (String user : List.of("ops", "manager")) {
            assertThat(api.send(api.get("/api/v1/approvals", user)).statusCode()).as(user).isEqualTo(403);
        }
        for (String decision : List.of("approve", "reject")) {
            String path = "/api/v1/approvals/" + id + "/" + decision;
            assertThat(api.send(api.post(path, null)).statusCode()).isEqualTo(401);
            for (String user : List.of("ops", "manager", "auditor")) {
                HttpResponse<String> refused = api.send(api.post(path, user));
                assertThat(refused.statusCode()).as(user + " " + decision).isEqualTo(403);
                assertThat(json(refused).path("detail").asString()).isEqualTo("your role does not allow this");
            }
        }

        assertThat(state(id)).isEqualTo("PENDING");
        assertThat(auditRows()).as("refused decisions leave no row").isEqualTo(auditBefore);
        assertThat(keys(keyset)).isEqualTo(1);
    }

    private static String launch(String period, boolean rerun, String reason) {
        ObjectNode body = JSON.createObjectNode().put("job", JOB).put("period", period).put("rerun", rerun);
        if (reason != null) {
            body.put("reason", reason);
        }
        return body.toString();
    }

    /** A command of an installation requiring approvals, as the console ADMIN {@link #REQUESTER}. */
    private static CommandResult gated(String... args) {
        return asConsoleUser(REQUESTER, PASSWORD, Stream.concat(Stream.of(args), Stream.of(REQUIRED))
                .toArray(String[]::new));
    }

    /** {@code custos args... --user user --password-stdin}, the password on standard input. */
    private static CommandResult asConsoleUser(String user, String password, String... args) {
        String[] withLogin = Stream.concat(Stream.of(args), Stream.of("--user", user, "--password-stdin"))
                .toArray(String[]::new);
        return CommandResult.withStdin(password + "\n", () -> installation.custos(withLogin));
    }

    private static long storedRequest(CommandResult result) {
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(ExitCodes.AWAITING_APPROVAL);
        Matcher stored = STORED.matcher(result.out());
        assertThat(stored.find()).as(result.describe()).isTrue();
        assertThat(stored.group(2)).isEqualTo(stored.group(1));
        return Long.parseLong(stored.group(1));
    }

    private static Path newKeyset(String name) {
        Path keyset = dir.resolve(name);
        CommandResult created = CommandResult.custos("backup", "key", "create", keyset.toString());
        assertThat(created.exitCode()).as(created.describe()).isZero();
        return keyset;
    }

    private static int keys(Path keyset) throws IOException {
        return JSON.readTree(Files.readString(keyset)).path("key").size();
    }

    private static JsonNode listed(long id, String user) throws Exception {
        HttpResponse<String> list = api.send(api.get("/api/v1/approvals", user));
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        return json(list).valueStream().filter(row -> row.path("id").asLong() == id).findFirst().orElseThrow();
    }

    private static String state(long id) {
        List<String> states = new ArrayList<>();
        installation.query("SELECT state FROM " + table() + " WHERE id = ?", rs -> states.add(rs.getString(1)), id);
        return states.get(0);
    }

    private static long requests() {
        return installation.queryLong("SELECT COUNT(*) FROM " + table());
    }

    private static long auditRows() {
        return installation.queryLong("SELECT COUNT(*) FROM " + audit());
    }

    private static long lastAuditId() {
        return installation.queryLong("SELECT COALESCE(MAX(id), 0) FROM " + audit());
    }

    /** Actor, role, action, target, outcome and reason of the newest audit row. */
    private static List<String> lastAudit() {
        List<String> row = new ArrayList<>();
        installation.query("SELECT actor, role, action, target, outcome, reason FROM " + audit()
                + " ORDER BY id DESC LIMIT 1", rs -> {
            for (int i = 1; i <= 6; i++) {
                row.add(rs.getString(i));
            }
        });
        return row;
    }

    private static String lastAuditClientAddress() {
        List<String> address = new ArrayList<>();
        installation.query("SELECT client_address FROM " + audit() + " ORDER BY id DESC LIMIT 1",
                rs -> address.add(rs.getString(1)));
        return address.get(0);
    }

    private static String table() {
        return installation.database().resultsSchema() + ".approval_request";
    }

    private static String audit() {
        return installation.database().resultsSchema() + ".operator_audit";
    }

    private static void addUser(String name, String role) {
        CommandResult added = CommandResult.withStdin(PASSWORD + "\n",
                () -> installation.custos("user", "add", name, "--role", role, "--password-stdin"));
        assertThat(added.exitCode()).as(added.describe()).isZero();
    }
}
