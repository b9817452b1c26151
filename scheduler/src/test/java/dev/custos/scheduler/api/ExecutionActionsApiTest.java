package dev.custos.scheduler.api;

import static dev.custos.scheduler.ApiCalls.assertProblem;
import static dev.custos.scheduler.ApiCalls.assertRefused;
import static dev.custos.scheduler.ApiCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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
import dev.custos.jobs.reconciliation.sample.ReconciliationSampleData;
import dev.custos.jobs.training.sample.TrainingSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.ApiCalls;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.ServeInProcess;

/**
 * The actions of {@code /api/v1/executions} and the backfill of {@code /api/v1/schedules} on
 * {@code custos serve} (random port, MariaDB, a real HTTP client), for every role: OPS launches,
 * ADMIN also reruns with a reason, restarts, stops, abandons and backfills; MANAGER and AUDITOR get
 * 403 and a caller without credentials 401. Runs are accepted at 202 and go on in the background;
 * each action carried out writes one operator audit row when accepted, a refusal none. A run
 * stopped between the chunk commits of an import and restarted publishes what an uninterrupted run
 * does. Each test works on its own periods of training-coverage (or permission-reconciliation).
 */
@Timeout(600)
class ExecutionActionsApiTest {

    private static final String JOB = "training-coverage";
    private static final String PASSWORD = "correct horse battery";
    private static final List<String> NOT_OPS = List.of("manager", "auditor");
    private static final List<String> NOT_ADMIN = List.of("ops", "manager", "auditor");
    private static final Duration RUN_DEADLINE = Duration.ofMinutes(3);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Small chunks, so that a stop lands between commits in the middle of an import step. */
    private static final String CHUNK_SIZE = "--custos.chunk-size=20";
    private static final String IMPORT_UNDER_WAY = """
            SELECT COALESCE(MAX(JOB_EXECUTION_ID), 0) FROM BATCH_STEP_EXECUTION
            WHERE STEP_NAME = ? AND STATUS = 'STARTED' AND COMMIT_COUNT >= 3""";
    private static final String STEP_STATUS = """
            SELECT COUNT(*) FROM BATCH_STEP_EXECUTION
            WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = ? AND STATUS = 'STOPPED' AND READ_COUNT > 0""";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    static Path dir;

    static Installation installation;
    static ServeInProcess serve;
    static ApiCalls api;

    @BeforeAll
    static void serveAnInstallationWithAUserOfEachRole() {
        installation = Installation.create(ExecutionActionsApiTest.class, dir.resolve("custos"));
        for (String role : List.of("admin", "ops", "manager", "auditor")) {
            CommandResult added = CommandResult.withStdin(PASSWORD + "\n",
                    () -> installation.custos("user", "add", role, "--role", role.toUpperCase(), "--password-stdin"));
            assertThat(added.exitCode()).as(added.describe()).isZero();
        }
        serve = ServeInProcess.start(installation, CHUNK_SIZE);
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
    void opsLaunchesAPeriodAtOnceAndOnlyAnAdminWithAReasonRunsACompletedPeriodAgain() throws Exception {
        String period = "2026-Q1";
        writeInputs(period);
        long rowsBefore = auditRows();
        assertThat(api.send(api.post("/api/v1/executions", null, launch(period, null, null))).statusCode()).isEqualTo(401);
        for (String user : NOT_OPS) {
            assertRefused(api.send(api.post("/api/v1/executions", user, launch(period, null, null))), user);
        }
        assertThat(auditRows()).as("refusals are not audited").isEqualTo(rowsBefore);

        HttpResponse<String> launched = api.send(api.post("/api/v1/executions", "ops", launch(period, null, null)));

        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(202);
        assertThat(json(launched).path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(json(launched).path("period").asString()).isEqualTo(period);
        assertThat(launched.headers().firstValue("Location")).hasValue("/api/v1/executions?job=" + JOB + "&period=" + period);
        Installation.Run first = awaitRun(period, run -> run.status().equals("COMPLETED"));

        HttpResponse<String> again = api.send(api.post("/api/v1/executions", "ops", launch(period, null, null)));
        assertProblem(again, 409);
        assertThat(json(again).path("detail").asString())
                .contains(JOB + " " + period + " already completed by execution " + first.executionId());
        assertRefused(api.send(api.post("/api/v1/executions", "ops", launch(period, true, "corrected roster"))), "ops");
        HttpResponse<String> withoutReason = api.send(api.post("/api/v1/executions", "admin", launch(period, true, " ")));
        assertProblem(withoutReason, 400);
        assertThat(json(withoutReason).path("detail").asString()).contains("a rerun needs a reason");
        assertThat(auditRows()).as("only the launch").isEqualTo(rowsBefore + 1);

        HttpResponse<String> rerun = api.send(api.post("/api/v1/executions", "admin", launch(period, true, "corrected roster")));

        assertThat(rerun.statusCode()).as(rerun.body()).isEqualTo(202);
        assertThat(json(rerun).path("status").asString()).isEqualTo("RERUN_ACCEPTED");
        awaitRun(period, run -> run.status().equals("COMPLETED") && run.executionId() > first.executionId());
        assertThat(installation.queryLong("SELECT MAX(rerun) FROM " + installation.database().resultsSchema()
                + ".run WHERE job = ? AND period = ?", JOB, period)).isEqualTo(1);
        assertThat(latestAuditRows(2)).containsExactly(
                "admin|ADMIN|rerun|" + JOB + " " + period + "|corrected roster|ACCEPTED",
                "ops|OPS|launch|" + JOB + " " + period + "|null|ACCEPTED");

        HttpResponse<String> abandonCompleted = api.send(api.post("/api/v1/executions/" + first.executionId() + "/abandon",
                "admin", "{}"));
        assertProblem(abandonCompleted, 409);
        assertThat(json(abandonCompleted).path("detail").asString()).contains("cannot be abandoned");
        assertThat(auditRows()).isEqualTo(rowsBefore + 2);
    }

    @Test
    void anAdminStopsARunningExecutionWhileItsProgressStreamsThenRestartsItInTheBackground() throws Exception {
        String period = "2026-Q2";
        writeInputs(period);
        long rowsBefore = auditRows();
        Installation.Run running;
        HttpResponse<Stream<String>> events;
        // the run waits for this lock at its first staging write: it is running, for as long as the test needs
        try (Connection connection = installation.database().connect(); Statement lock = connection.createStatement()) {
            lock.execute("LOCK TABLES " + installation.database().resultsSchema() + ".tc_employee_stage WRITE");
            assertThat(api.send(api.post("/api/v1/executions", "admin", launch(period, null, null))).statusCode()).isEqualTo(202);
            running = awaitRun(period, run -> run.status().equals("STARTED"));
            long id = running.executionId();

            for (String user : List.of("ops", "admin", "auditor")) {
                HttpResponse<String> progress = api.send(api.get("/api/v1/executions/" + id + "/progress", user));
                assertThat(progress.statusCode()).as(user + ": " + progress.body()).isEqualTo(200);
                assertThat(json(progress).path("running").asBoolean()).isTrue();
                assertThat(json(progress).path("period").asString()).isEqualTo(period);
            }
            assertRefused(api.send(api.get("/api/v1/executions/" + id + "/progress", "manager")), "manager");
            assertRefused(api.send(api.get("/api/v1/executions/" + id + "/events", "manager")), "manager");
            assertThat(api.send(api.get("/api/v1/executions/" + id + "/events", null)).statusCode()).isEqualTo(401);
            events = HTTP.send(api.get("/api/v1/executions/" + id + "/events", "auditor"), HttpResponse.BodyHandlers.ofLines());
            assertThat(events.statusCode()).isEqualTo(200);
            assertThat(events.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));

            assertThat(api.send(api.post("/api/v1/executions/" + id + "/stop", null, "")).statusCode()).isEqualTo(401);
            for (String user : NOT_ADMIN) {
                assertRefused(api.send(api.post("/api/v1/executions/" + id + "/stop", user, "")), user);
            }
            HttpResponse<String> stopping = api.send(api.post("/api/v1/executions/" + id + "/stop", "admin", ""));
            assertThat(stopping.statusCode()).as(stopping.body()).isEqualTo(202);
            assertThat(json(stopping).path("status").asString()).isEqualTo("STOPPING");
            lock.execute("UNLOCK TABLES");
        }
        List<JsonNode> progress = progressEvents(events.body());
        assertThat(progress).as("an event about every second").isNotEmpty();
        assertThat(progress.get(0).path("executionId").asLong()).isEqualTo(running.executionId());
        JsonNode last = progress.get(progress.size() - 1);
        assertThat(last.path("running").asBoolean()).as("the stream completes once the run ended: " + last).isFalse();
        assertThat(last.path("status").asString()).isEqualTo("STOPPED");
        assertThat(last.path("step").path("name").asString()).isNotBlank();
        awaitRun(period, run -> run.status().equals("STOPPED"));

        HttpResponse<String> stopStopped = api.send(api.post("/api/v1/executions/" + running.executionId() + "/stop", "admin", ""));
        assertProblem(stopStopped, 409);
        assertThat(json(stopStopped).path("detail").asString()).contains("is not running (STOPPED)");

        for (String user : NOT_ADMIN) {
            assertRefused(api.send(api.post("/api/v1/executions/" + running.executionId() + "/restart", user, "")), user);
        }
        HttpResponse<String> restarted = api.send(api.post("/api/v1/executions/" + running.executionId() + "/restart",
                "admin", ""));
        assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(202);
        assertThat(json(restarted).path("status").asString()).isEqualTo("ACCEPTED");
        Installation.Run resumed = awaitRun(period, run -> run.executionId() > running.executionId()
                && !run.status().equals("STARTED"));
        assertThat(resumed.status()).as(resumed.exitMessage()).isEqualTo("COMPLETED");

        assertThat(latestAuditRows(3)).containsExactly(
                "admin|ADMIN|restart|execution " + running.executionId() + "|null|ACCEPTED",
                "admin|ADMIN|stop|execution " + running.executionId() + "|null|STOPPING",
                "admin|ADMIN|launch|" + JOB + " " + period + "|null|ACCEPTED");
        assertThat(auditRows()).isEqualTo(rowsBefore + 3);
    }

    @Test
    void aTrainingRunStoppedBetweenTheCommitsOfItsImportResumesThereAndPublishesWhatAnUninterruptedRunWould()
            throws Exception {
        String period = "2025-Q3";
        TrainingSampleData.write(installation.inbox(JOB, period), Period.parse(period),
                new TrainingSampleData.Sizes(2_000, 8, 4_000), 7, true);

        Map<String, Double> figures = stopMidImportRestartAndRerun(JOB, period, "trainingRosterImportStep",
                "tc_employee_stage", List.of("gaps.csv", "coverage_by_department.csv", "rejects.csv"));

        assertThat(figures.get("in_scope")).isPositive();
    }

    @Test
    void aReconciliationRunStoppedBetweenTheCommitsOfItsImportResumesThereAndPublishesWhatAnUninterruptedRunWould()
            throws Exception {
        String job = "permission-reconciliation";
        String month = "2025-09";
        ReconciliationSampleData.write(installation.inbox(job, month), Period.parse(month),
                new ReconciliationSampleData.Sizes(2_000, 3_000), 2025, 9, true);

        Map<String, Double> figures = stopMidImportRestartAndRerun(job, month, "reconciliationRosterImportStep",
                "rc_employee_stage", List.of("revocations.csv", "rejects.csv"));

        assertThat(figures.get("findings.LEAVER_ACCESS")).isPositive();
    }

    @Test
    void aRunStoppedWhileItPublishesEndsStoppedAfterPublishingAndItsRestartCompletesLikeAnUninterruptedRun()
            throws Exception {
        String period = "2024-Q4";
        TrainingSampleData.write(installation.inbox(JOB, period), Period.parse(period), TrainingSampleData.Sizes.demo(),
                11, true);
        List<String> files = List.of("gaps.csv", "coverage_by_department.csv", "rejects.csv");
        assertThat(api.send(api.post("/api/v1/executions", "admin", launch(period, null, null))).statusCode()).isEqualTo(202);
        long id = awaitImportUnderWay("trainingRosterImportStep");
        // the publish step, one transaction, waits for this lock when it reads the period's results
        try (Connection connection = installation.database().connect(); Statement lock = connection.createStatement()) {
            lock.execute("LOCK TABLES " + installation.database().resultsSchema() + ".period_result WRITE");
            awaitStepStarted(id, "trainingPublishStep");
            HttpResponse<String> stopping = api.send(api.post("/api/v1/executions/" + id + "/stop", "admin", ""));
            assertThat(stopping.statusCode()).as(stopping.body()).isEqualTo(202);
            lock.execute("UNLOCK TABLES");
        }
        Installation.Run stopped = awaitRun(period, run -> !run.status().equals("STARTED"));
        assertThat(stopped.status()).as(stopped.exitMessage()).isEqualTo("STOPPED");

        HttpResponse<String> restarted = api.send(api.post("/api/v1/executions/" + id + "/restart", "admin", ""));

        assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(202);
        Installation.Run resumed = awaitRun(period, run -> run.executionId() > id && !run.status().equals("STARTED"));
        assertThat(resumed.status()).as(resumed.exitMessage()).isEqualTo("COMPLETED");
        Map<String, Double> figures = installation.publishedMetrics(JOB, period);
        Map<String, byte[]> written = outboxFiles(JOB, period, files);
        assertThat(api.send(api.post("/api/v1/executions", "admin", launch(period, true, "reference run"))).statusCode())
                .isEqualTo(202);
        assertThat(awaitRun(period, run -> run.executionId() > resumed.executionId() && !run.status().equals("STARTED"))
                .status()).isEqualTo("COMPLETED");
        assertThat(figures).isNotEmpty().isEqualTo(installation.publishedMetrics(JOB, period));
        Map<String, byte[]> reference = outboxFiles(JOB, period, files);
        for (String file : files) {
            assertThat(written.get(file)).as(file + " of the stopped and resumed run").isEqualTo(reference.get(file));
        }
        assertThat(installation.queryLong("SELECT COUNT(*) FROM " + installation.database().resultsSchema()
                + ".tc_employee_stage WHERE job_instance_id = (SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION "
                + "WHERE JOB_EXECUTION_ID = ?)", id)).as("staging emptied by the cleanup").isZero();
    }

    private static void awaitStepStarted(long execution, String step) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
        while (installation.queryLong("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? "
                + "AND STEP_NAME = ? AND STATUS = 'STARTED'", execution, step) == 0) {
            assertThat(System.nanoTime()).as(step + " of execution " + execution + " started").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /**
     * Stops a run of the period once its import has committed a few chunks, restarts it, then runs
     * the period again uninterrupted (a rerun of the same inputs): the figures and files of the
     * stopped and resumed run must be the rerun's. Returns the published figures.
     */
    private static Map<String, Double> stopMidImportRestartAndRerun(String job, String period, String importStep,
                                                                   String stagingTable, List<String> files)
            throws Exception {
        long id;
        // the import's first chunk waits for this lock at its staging write: the stop is asked while it waits, and
        // takes effect when that chunk commits, whatever the machine's speed
        try (Connection connection = installation.database().connect(); Statement lock = connection.createStatement()) {
            lock.execute("LOCK TABLES " + installation.database().resultsSchema() + "." + stagingTable + " WRITE");
            assertThat(api.send(api.post("/api/v1/executions", "admin", launch(job, period, null, null))).statusCode())
                    .isEqualTo(202);
            id = installation.awaitRun(job, period, run -> run.status().equals("STARTED")).executionId();
            awaitStepStarted(id, importStep);

            HttpResponse<String> stopping = api.send(api.post("/api/v1/executions/" + id + "/stop", "admin", ""));

            assertThat(stopping.statusCode()).as(stopping.body()).isEqualTo(202);
            lock.execute("UNLOCK TABLES");
        }
        Installation.Run stopped = installation.awaitRun(job, period, run -> !run.status().equals("STARTED"));
        assertThat(stopped.status()).as(stopped.exitMessage()).isEqualTo("STOPPED");
        assertThat(installation.queryLong(STEP_STATUS, id, importStep)).as("stopped in the middle of " + importStep)
                .isEqualTo(1);
        HttpResponse<String> restarted = api.send(api.post("/api/v1/executions/" + id + "/restart", "admin", ""));
        assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(202);
        Installation.Run resumed = installation.awaitRun(job, period, run -> run.executionId() > id && !run.status().equals("STARTED"));
        assertThat(resumed.status()).as(resumed.exitMessage()).isEqualTo("COMPLETED");
        Map<String, Double> figures = installation.publishedMetrics(job, period);
        Map<String, byte[]> written = outboxFiles(job, period, files);

        HttpResponse<String> rerun = api.send(api.post("/api/v1/executions", "admin", launch(job, period, true, "reference run")));

        assertThat(rerun.statusCode()).as(rerun.body()).isEqualTo(202);
        Installation.Run uninterrupted = installation.awaitRun(job, period, run -> run.executionId() > resumed.executionId()
                && !run.status().equals("STARTED"));
        assertThat(uninterrupted.status()).as(uninterrupted.exitMessage()).isEqualTo("COMPLETED");
        assertThat(figures.get("rows_rejected")).isPositive();
        assertThat(figures.get("rows_read")).isEqualTo(figures.get("rows_accepted") + figures.get("rows_rejected"));
        assertThat(figures).as("figures of the stopped and resumed run").isEqualTo(installation.publishedMetrics(job, period));
        Map<String, byte[]> reference = outboxFiles(job, period, files);
        for (String file : files) {
            assertThat(written.get(file)).as(file + " of the stopped and resumed run").isEqualTo(reference.get(file));
        }
        return figures;
    }

    /** The execution whose import step has committed a few chunks and is still going. */
    private static long awaitImportUnderWay(String importStep) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
        long execution;
        while ((execution = installation.queryLong(IMPORT_UNDER_WAY, importStep)) == 0) {
            assertThat(System.nanoTime()).as(importStep + " under way").isLessThan(deadline);
            Thread.sleep(5);
        }
        return execution;
    }

    private static Map<String, byte[]> outboxFiles(String job, String period, List<String> files) throws IOException {
        Map<String, byte[]> contents = new HashMap<>();
        for (String file : files) {
            contents.put(file, Files.readAllBytes(installation.outbox().resolve(job).resolve(period).resolve(file)));
        }
        return contents;
    }

    @Test
    void anAdminAbandonsAFailedRunWithAReasonAndItCanNoLongerBeRestarted() throws Exception {
        String period = "2026-Q3";
        Path inbox = writeInputs(period);
        Files.delete(inbox.resolve(TrainingSampleData.COMPLETIONS_FILE));
        assertThat(api.send(api.post("/api/v1/executions", "ops", launch(period, null, null))).statusCode()).isEqualTo(202);
        long failed = awaitRun(period, run -> run.status().equals("FAILED")).executionId();
        long rowsBefore = auditRows();

        assertThat(api.send(api.post("/api/v1/executions/" + failed + "/abandon", null, "{}")).statusCode()).isEqualTo(401);
        for (String user : NOT_ADMIN) {
            assertRefused(api.send(api.post("/api/v1/executions/" + failed + "/abandon", user, "{}")), user);
        }
        assertThat(auditRows()).isEqualTo(rowsBefore);

        HttpResponse<String> abandoned = api.send(api.post("/api/v1/executions/" + failed + "/abandon", "admin",
                "{\"reason\": \"export was truncated\"}"));

        assertThat(abandoned.statusCode()).as(abandoned.body()).isEqualTo(200);
        assertThat(json(abandoned).path("status").asString()).isEqualTo("ABANDONED");
        assertThat(installation.runs(JOB)).filteredOn(run -> run.executionId() == failed).singleElement()
                .satisfies(run -> {
                    assertThat(run.status()).isEqualTo("ABANDONED");
                    assertThat(run.exitMessage()).isEqualTo("abandoned: export was truncated");
                });
        HttpResponse<String> restart = api.send(api.post("/api/v1/executions/" + failed + "/restart", "admin", ""));
        assertProblem(restart, 409);
        assertThat(json(restart).path("detail").asString()).contains("was abandoned");
        assertThat(latestAuditRows(1)).containsExactly(
                "admin|ADMIN|abandon|execution " + failed + "|export was truncated|ABANDONED");
        assertThat(auditRows()).isEqualTo(rowsBefore + 1);
    }

    @Test
    void aBackfillIsRefusedNamingTheMissingFolderThenAcceptedAndRunsEveryPeriodInOrder() throws Exception {
        String backfill = "/api/v1/schedules/" + JOB + "/backfill";
        String range = "{\"from\": \"2025-Q1\", \"to\": \"2025-Q2\", \"reason\": \"onboarding history\"}";
        long rowsBefore = auditRows();
        assertThat(api.send(api.post(backfill, null, range)).statusCode()).isEqualTo(401);
        for (String user : NOT_ADMIN) {
            assertRefused(api.send(api.post(backfill, user, range)), user);
        }
        HttpResponse<String> withoutReason = api.send(api.post(backfill, "admin", "{\"from\": \"2025-Q1\", \"to\": \"2025-Q2\"}"));
        assertProblem(withoutReason, 400);
        assertThat(json(withoutReason).path("detail").asString()).contains("a backfill needs a reason");
        HttpResponse<String> wrongPeriod = api.send(api.post(backfill, "admin",
                "{\"from\": \"2025-13\", \"to\": \"2025-Q2\", \"reason\": \"onboarding history\"}"));
        assertProblem(wrongPeriod, 400);
        writeInputs("2025-Q1");

        HttpResponse<String> refused = api.send(api.post(backfill, "admin", range));

        assertProblem(refused, 409);
        assertThat(json(refused).path("detail").asString()).contains("refused, nothing was run")
                .contains(installation.inbox(JOB, "2025-Q2").toAbsolutePath().normalize().toString())
                .contains("is missing");
        assertThat(installation.runs(JOB)).noneMatch(run -> run.period().startsWith("2025"));
        assertThat(auditRows()).as("refusals are not audited").isEqualTo(rowsBefore);

        writeInputs("2025-Q2");
        HttpResponse<String> accepted = api.send(api.post(backfill, "admin", range));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(json(accepted).path("periods").valueStream().map(JsonNode::asString).toList())
                .containsExactly("2025-Q1", "2025-Q2");
        awaitRun("2025-Q2", run -> run.status().equals("COMPLETED"));
        List<String> order = installation.runs(JOB).stream().filter(run -> run.period().startsWith("2025"))
                .map(run -> run.period() + " " + run.status()).toList();
        assertThat(order).containsExactly("2025-Q1 COMPLETED", "2025-Q2 COMPLETED");
        assertThat(latestAuditRows(1)).containsExactly(
                "admin|ADMIN|backfill|schedule " + JOB + "|onboarding history|ACCEPTED");
        assertThat(auditRows()).isEqualTo(rowsBefore + 1);
    }

    @Test
    void theListFiltersOnStartTimeByDateOrInstantAndRefusesAnythingElseWithA400() throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        writeInputs("2025-Q4");
        assertThat(api.send(api.post("/api/v1/executions", "ops", launch("2025-Q4", null, null))).statusCode()).isEqualTo(202);
        long id = awaitRun("2025-Q4", run -> run.status().equals("COMPLETED")).executionId();

        assertThat(ids("/api/v1/executions?from=" + today + "&to=" + today)).contains(id);
        assertThat(ids("/api/v1/executions?from=" + yesterday + "T00:00:00Z")).contains(id);
        assertThat(ids("/api/v1/executions?to=" + yesterday)).doesNotContain(id);
        assertThat(ids("/api/v1/executions?from=" + today + "&size=1&page=0")).hasSize(1);

        HttpResponse<String> notADate = api.send(api.get("/api/v1/executions?from=last-week", "ops"));
        assertProblem(notADate, 400);
        assertThat(json(notADate).path("detail").asString()).contains("from 'last-week' is neither an ISO date");
        HttpResponse<String> backwards = api.send(api.get("/api/v1/executions?from=" + today + "&to=" + yesterday, "ops"));
        assertProblem(backwards, 400);
        assertThat(json(backwards).path("detail").asString()).contains("must be before");
    }

    @Test
    void theOpenApiDocumentListsTheActions() throws Exception {
        HttpResponse<String> document = api.send(api.get("/v3/api-docs", "auditor"));

        assertThat(document.statusCode()).as(document.body()).isEqualTo(200);
        JsonNode paths = json(document).path("paths");
        assertThat(paths.path("/api/v1/executions").has("post")).as(paths.propertyNames().toString()).isTrue();
        for (String path : List.of("/api/v1/executions/{id}/stop", "/api/v1/executions/{id}/abandon",
                "/api/v1/executions/{id}/progress", "/api/v1/executions/{id}/events", "/api/v1/schedules/{job}/backfill")) {
            assertThat(paths.has(path)).as(path + " in " + paths.propertyNames()).isTrue();
        }
        assertThat(paths.path("/api/v1/executions").path("get").path("parameters").findValuesAsString("name"))
                .contains("from", "to");
    }

    private static List<Long> ids(String path) throws Exception {
        HttpResponse<String> response = api.send(api.get(path, "auditor"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).path("executions").valueStream().map(run -> run.path("executionId").asLong()).toList();
    }

    /** The data of each {@code progress} event until the server completes the stream. */
    private static List<JsonNode> progressEvents(Stream<String> lines) {
        List<JsonNode> events = new ArrayList<>();
        try (lines) {
            String event = null;
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("event:")) {
                    event = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:") && "progress".equals(event)) {
                    events.add(JSON.readTree(line.substring("data:".length()).strip()));
                }
            }
        }
        return events;
    }

    private static Path writeInputs(String period) throws IOException {
        Path inbox = installation.inbox(JOB, period);
        TrainingSampleData.write(inbox, Period.parse(period), TrainingSampleData.Sizes.demo(), 42, true);
        return inbox;
    }

    private static Installation.Run awaitRun(String period, Predicate<Installation.Run> wanted) throws InterruptedException {
        return installation.awaitRun(JOB, period, wanted);
    }

    private static String launch(String period, Boolean rerun, String reason) {
        return launch(JOB, period, rerun, reason);
    }

    private static String launch(String job, String period, Boolean rerun, String reason) {
        ObjectNode body = JSON.createObjectNode().put("job", job).put("period", period);
        if (rerun != null) {
            body.put("rerun", rerun);
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        return JSON.writeValueAsString(body);
    }

    private static long auditRows() {
        return installation.queryLong("SELECT COUNT(*) FROM " + installation.database().resultsSchema() + ".operator_audit");
    }

    /** The newest rows, newest first, as actor|role|action|target|reason|outcome; each from this machine, in UTC. */
    private static List<String> latestAuditRows(int count) {
        List<String> rows = new ArrayList<>();
        installation.query("SELECT actor, role, action, target, reason, outcome, client_address FROM "
                + installation.database().resultsSchema() + ".operator_audit ORDER BY id DESC LIMIT ?", rs -> {
            assertThat(rs.getString("client_address")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
            rows.add(String.join("|", rs.getString("actor"), rs.getString("role"), rs.getString("action"),
                    rs.getString("target"), String.valueOf(rs.getString("reason")), rs.getString("outcome")));
        }, count);
        return rows;
    }
}
