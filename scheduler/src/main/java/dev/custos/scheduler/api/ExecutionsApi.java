package dev.custos.scheduler.api;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.UriComponentsBuilder;

import io.swagger.v3.oas.annotations.Operation;

import dev.custos.common.command.CommandOutput;
import dev.custos.common.period.Period;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.RunFilter;
import dev.custos.common.results.RunRow;
import dev.custos.scheduler.approval.OperatorRuns;
import dev.custos.scheduler.audit.OperatorAuditLog;
import dev.custos.scheduler.security.Authenticated;
import dev.custos.scheduler.security.Role;
import dev.custos.scheduler.launch.ControlCatalog;
import dev.custos.scheduler.launch.ControlLauncher;
import dev.custos.scheduler.launch.ExecutionProgress;
import dev.custos.scheduler.launch.PreparedRun;
import dev.custos.scheduler.launch.RunOutcome;
import dev.custos.scheduler.launch.StartedBetween;

/**
 * {@code /api/v1/executions}: the runs {@code custos executions} lists (the same repository query),
 * an execution's steps with their counts and its live progress; launch, restart, stop and abandon
 * through the launcher {@code custos run}, {@code restart} and {@code abandon} use, each recorded in
 * the operator audit log once carried out: a launch or restart when it is accepted (its period
 * held and its run handed to a background thread), not when the run ends. Times in ISO-8601 UTC
 * with {@code Z}.
 */
@RestController
@RequestMapping("/api/v1/executions")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ExecutionsApi {

    static final int MAX_PAGE_SIZE = 500;

    private final ResultsRepository results;
    private final ControlCatalog catalog;
    private final ControlLauncher launcher;
    private final OperatorRuns runs;
    private final ProgressEvents progressEvents;

    ExecutionsApi(ResultsRepository results, ControlCatalog catalog, ControlLauncher launcher, OperatorRuns runs,
                  ProgressEvents progressEvents) {
        this.results = results;
        this.catalog = catalog;
        this.launcher = launcher;
        this.runs = runs;
        this.progressEvents = progressEvents;
    }

    record ExecutionPage(List<Execution> executions, int page, int size) {
    }

    record Execution(long executionId, String job, String period, int rerun, String status, String startedAt,
                     String endedAt, Double seconds, long read, long written, long skipped, String message) {
    }

    record ExecutionDetail(long executionId, String job, String period, String status, String startedAt,
                           String endedAt, Double seconds, String exitMessage, long rejects, List<Step> steps) {
    }

    record Step(String name, String status, long read, long written, long skipped, long commits, long rollbacks,
                String startedAt, String endedAt, Double seconds, String exitMessage) {
    }

    /** What a launch asks for: the job, the period (default: the one that last closed), and for a rerun its reason. */
    record LaunchRequest(String job, String period, Boolean rerun, String reason) {
    }

    record AbandonRequest(String reason) {
    }

    /**
     * An action taken: the run's job and period, the execution when known (a launch's is created
     * in the background: Location lists the period's executions), and what became of it.
     */
    /** {@code approvalRequest}: the four-eyes request stored instead of the run (status {@code AWAITING_APPROVAL}). */
    record Accepted(String job, String period, Long executionId, String status, Long approvalRequest) {

        Accepted(String job, String period, Long executionId, String status) {
            this(job, period, executionId, status, null);
        }
    }

    @GetMapping
    @Operation(summary = "List runs, newest first",
            description = "Filters: job, status, period, and the start time from (included) and to (excluded when an "
                    + "instant, the whole day included when a date), each an ISO date (2026-11-24, a UTC day) or "
                    + "instant (2026-11-24T08:00:00Z).")
    ExecutionPage list(@RequestParam(required = false) String job, @RequestParam(required = false) String status,
                       @RequestParam(required = false) String period, @RequestParam(required = false) String from,
                       @RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page,
                       @RequestParam(defaultValue = "50") int size) {
        if (job != null) {
            catalog.control(job);
        }
        String statusFilter = status == null ? null : status.toUpperCase(Locale.ROOT);
        if (statusFilter != null && !RunFilter.STATUSES.contains(statusFilter)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "unknown status '" + status + "': status is one of " + String.join(", ", RunFilter.STATUSES));
        }
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE || (long) page * size > Integer.MAX_VALUE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "page is 0 or more and size from 1 to " + MAX_PAGE_SIZE);
        }
        String periodFilter = period == null ? null : Period.parse(period).toString();
        StartedBetween started = StartedBetween.of(from, to);
        List<Execution> executions = results.runs(new RunFilter(job, periodFilter, statusFilter, size, page * size,
                        started.from(), started.before()))
                .stream().map(ExecutionsApi::execution).toList();
        return new ExecutionPage(executions, page, size);
    }

    @GetMapping("/{id}")
    ExecutionDetail detail(@PathVariable long id) {
        JobExecution execution = launcher.execution(id);
        List<Step> steps = execution.getStepExecutions().stream()
                .sorted(Comparator.comparing(StepExecution::getId)).map(ExecutionsApi::step).toList();
        return new ExecutionDetail(execution.getId(), execution.getJobInstance().getJobName(),
                execution.getJobParameters().getString("period"), execution.getStatus().name(),
                CommandOutput.utc(execution.getStartTime()), CommandOutput.utc(execution.getEndTime()),
                seconds(execution.getStartTime(), execution.getEndTime()),
                blankToNull(execution.getExitStatus().getExitDescription()),
                results.rejectCount(execution.getJobInstance().getInstanceId()), steps);
    }

    @PostMapping
    @Operation(summary = "Launch a run of a period (202; the run goes on in the background)",
            description = "OPS launches a period that has no completed run; a rerun of a completed period (rerun: true) "
                    + "needs ADMIN and a reason. Without a period, the one that last closed. A period held by another "
                    + "run, or already completed without rerun, is 409. Location lists the period's executions.")
    ResponseEntity<Accepted> launch(@RequestBody LaunchRequest request, Authentication user,
                                    HttpServletRequest http) {
        if (request.job() == null || request.job().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "job is required, e.g. {\"job\": \"backup\"}");
        }
        boolean rerun = Boolean.TRUE.equals(request.rerun());
        String reason = blankToNull(request.reason());
        if (rerun && !Authenticated.roles(user).contains(Role.ADMIN)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "a rerun of a completed period needs the ADMIN role");
        }
        if (rerun && reason == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "a rerun needs a reason (why the period is run again; no personal data)");
        }
        OperatorRuns.Launched launched = runs.launch(actor(user, http), request.job().strip(),
                request.period() == null ? null : request.period().strip(), rerun, reason);
        if (launched.awaitingApproval()) {
            return accepted(new Accepted(launched.job(), launched.period().toString(), null, "AWAITING_APPROVAL",
                    launched.approvalRequest()));
        }
        return accepted(new Accepted(launched.job(), launched.period().toString(), null,
                rerun ? "RERUN_ACCEPTED" : "ACCEPTED"));
    }

    @PostMapping("/{id}/restart")
    @Operation(summary = "Resume a failed or stopped execution at its failed step (ADMIN; 202, goes on in the background)",
            description = "A period that has completed meanwhile has nothing to resume: 200 with the execution that "
                    + "completed it. Running, abandoned or superseded executions are 409.")
    ResponseEntity<Accepted> restart(@PathVariable long id, Authentication user, HttpServletRequest http) {
        PreparedRun prepared = runs.restart(actor(user, http), id);
        Optional<RunOutcome> done = prepared.nothingToRun();
        if (done.isPresent()) {
            return ResponseEntity.ok(new Accepted(prepared.job(), prepared.period(), done.get().executionId(),
                    "NOTHING_TO_RESUME"));
        }
        return accepted(new Accepted(prepared.job(), prepared.period(), id, "ACCEPTED"));
    }

    @PostMapping("/{id}/stop")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Ask a running execution to stop (ADMIN; 202)",
            description = "It ends STOPPED where its state is saved whole: a chunked step at its next chunk's commit, "
                    + "a single-transaction step once its work is committed; a restart resumes it there with the "
                    + "results of an uninterrupted run. An execution that is not running is 409.")
    Accepted stop(@PathVariable long id, Authentication user, HttpServletRequest http) {
        ControlLauncher.Stopping stopping = runs.stop(actor(user, http), id);
        return new Accepted(stopping.job(), stopping.period(), stopping.executionId(), "STOPPING");
    }

    @PostMapping("/{id}/abandon")
    @Operation(summary = "Give up a failed or stopped execution for good (ADMIN), as custos abandon does",
            description = "It is marked ABANDONED and its staged inputs are deleted; a run of the period then starts "
                    + "afresh. The optional reason (no personal data) is kept in its exit message. A running or "
                    + "completed run is 409.")
    Accepted abandon(@PathVariable long id, @RequestBody(required = false) AbandonRequest request, Authentication user,
                     HttpServletRequest http) {
        String reason = request == null ? null : blankToNull(request.reason());
        ControlLauncher.Abandonment abandoned = runs.abandon(actor(user, http), id, reason);
        return new Accepted(abandoned.job(), abandoned.period(), abandoned.executionId(),
                abandoned.alreadyAbandoned() ? "ALREADY_ABANDONED" : "ABANDONED");
    }

    @GetMapping("/{id}/progress")
    @Operation(summary = "Where a run is: its status and current step with the step's counts")
    ExecutionProgress progress(@PathVariable long id) {
        return ExecutionProgress.of(launcher.execution(id));
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-sent events: the progress about every second until the run ends",
            description = "Each event is named 'progress' and carries the progress document; the stream completes after "
                    + "the event that shows the run ended, and after " + ProgressEvents.MAX_MINUTES + " minutes at most "
                    + "(reconnect to follow a longer run).")
    SseEmitter events(@PathVariable long id) {
        launcher.execution(id);
        return progressEvents.follow(() -> ExecutionProgress.of(launcher.execution(id)));
    }

    private ResponseEntity<Accepted> accepted(Accepted accepted) {
        URI executions = UriComponentsBuilder.fromPath("/api/v1/executions").queryParam("job", accepted.job())
                .queryParam("period", accepted.period()).build().encode().toUri();
        return ResponseEntity.accepted().location(executions).body(accepted);
    }

    private static OperatorAuditLog.Actor actor(Authentication user, HttpServletRequest request) {
        return Authenticated.actor(user, request);
    }

    private static Execution execution(RunRow run) {
        return new Execution(run.executionId(), run.job(), run.period(), run.rerun(), run.status(),
                CommandOutput.utc(run.startedAt()), CommandOutput.utc(run.endedAt()),
                seconds(run.startedAt(), run.endedAt()), run.readCount(), run.writeCount(), run.skipCount(),
                run.exitMessage());
    }

    private static Step step(StepExecution step) {
        return new Step(step.getStepName(), step.getStatus().name(), step.getReadCount(), step.getWriteCount(),
                step.getSkipCount(), step.getCommitCount(), step.getRollbackCount(), CommandOutput.utc(step.getStartTime()),
                CommandOutput.utc(step.getEndTime()), seconds(step.getStartTime(), step.getEndTime()),
                blankToNull(step.getExitStatus().getExitDescription()));
    }

    private static Double seconds(LocalDateTime start, LocalDateTime end) {
        return start == null || end == null ? null : Duration.between(start, end).toMillis() / 1000.0;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
