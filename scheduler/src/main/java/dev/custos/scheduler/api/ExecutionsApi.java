package dev.custos.scheduler.api;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.custos.common.command.CommandOutput;
import dev.custos.common.period.Period;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.RunFilter;
import dev.custos.common.results.RunRow;
import dev.custos.scheduler.audit.OperatorAuditLog;
import dev.custos.scheduler.launch.ControlCatalog;
import dev.custos.scheduler.launch.ControlLauncher;
import dev.custos.scheduler.launch.RunOutcome;

/**
 * {@code /api/v1/executions}: the runs {@code custos executions} lists (the same repository query),
 * an execution's steps with their counts, and restart through the launcher {@code custos restart}
 * uses, recorded in the operator audit log once carried out. Times in ISO-8601 UTC with {@code Z}.
 */
@RestController
@RequestMapping("/api/v1/executions")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ExecutionsApi {

    static final int MAX_PAGE_SIZE = 500;

    private final ResultsRepository results;
    private final ControlCatalog catalog;
    private final ControlLauncher launcher;
    private final OperatorAuditLog auditLog;

    ExecutionsApi(ResultsRepository results, ControlCatalog catalog,
                  ControlLauncher launcher, OperatorAuditLog auditLog) {
        this.results = results;
        this.catalog = catalog;
        this.launcher = launcher;
        this.auditLog = auditLog;
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

    record Restart(String job, String period, long executionId, String status, String message) {
    }

    @GetMapping
    ExecutionPage list(@RequestParam(required = false) String job, @RequestParam(required = false) String status,
                       @RequestParam(required = false) String period, @RequestParam(defaultValue = "0") int page,
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
        List<Execution> executions = results.runs(new RunFilter(job, periodFilter, statusFilter, size, page * size))
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

    @PostMapping("/{id}/restart")
    Restart restart(@PathVariable long id, Authentication user, HttpServletRequest request) {
        OperatorAuditLog.Actor actor = new OperatorAuditLog.Actor(user.getName(), Roles.of(user), request.getRemoteAddr());
        RunOutcome outcome = auditLog.carryOut(actor, "restart", "execution " + id, null, null,
                () -> launcher.restart(id), RunOutcome::auditOutcome);
        return new Restart(outcome.job(), outcome.period(), outcome.executionId(), outcome.status(), outcome.message());
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
