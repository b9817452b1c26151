package dev.custos.scheduler.web;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import dev.custos.common.CustosException;
import dev.custos.common.command.CommandOutput;
import dev.custos.common.job.RunParameters;
import dev.custos.common.period.Period;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.RunFilter;
import dev.custos.common.results.RunRow;
import dev.custos.scheduler.approval.OperatorRuns;
import dev.custos.scheduler.audit.OperatorAuditLog;
import dev.custos.scheduler.security.Authenticated;
import dev.custos.scheduler.launch.ControlCatalog;
import dev.custos.scheduler.launch.ControlLauncher;
import dev.custos.scheduler.launch.ExecutionProgress;
import dev.custos.scheduler.launch.StartedBetween;
import dev.custos.scheduler.launch.RunOutcome;
import dev.custos.scheduler.launch.PreparedRun;

/**
 * The executions pages: the list {@code custos executions} shows (the same repository query) with
 * filters and pages; an execution's page with its steps, the failed step and its message, the
 * rejects, the buttons of the actions the user's role allows (an ADMIN's restart, stop, abandon and
 * rerun with a reason; an OPS's launch on the list), each through the {@link OperatorRuns} the API
 * uses, and, while it runs, a fragment the page polls every two seconds with the current step and
 * counts. A refusal is one message on the page. Times in ISO-8601 UTC with {@code Z}.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ExecutionPages {

    static final int PAGE_SIZE = 25;
    private static final int SUMMARY_LENGTH = 300;
    /** How long a restart's answer waits for its execution to start, so that the browser can follow it. */
    private static final Duration RESTART_START_WAIT = Duration.ofMinutes(1);

    private final ResultsRepository results;
    private final ControlCatalog catalog;
    private final ControlLauncher launcher;
    private final OperatorRuns runs;

    ExecutionPages(ResultsRepository results, ControlCatalog catalog, ControlLauncher launcher,
                   OperatorRuns runs) {
        this.results = results;
        this.catalog = catalog;
        this.launcher = launcher;
        this.runs = runs;
    }

    /** The filters as typed, blank ones as null. */
    public record Filters(String job, String status, String period, String from, String to) {
    }

    public record Row(long executionId, String job, String period, int rerun, String status, String startedAt,
                      String endedAt, String duration, long read, long written, long skipped, String message) {
    }

    public record Detail(long executionId, String job, String period, int rerun, String status,
                         String startedAt, String endedAt, String duration, String exitSummary, long rejects,
                         String failedStep, List<Step> steps, boolean running, boolean restartable) {

        /** A completed run: its period may be run again (rerun) by an ADMIN. */
        public boolean completed() {
            return "COMPLETED".equals(status);
        }
    }

    public record Step(String name, String status, long read, long written, long skipped, long commits,
                       long rollbacks, String startedAt, String duration, String exitSummary) {
    }

    @GetMapping("/executions")
    String list(@RequestParam(required = false) String job, @RequestParam(required = false) String status,
                @RequestParam(required = false) String period, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page, Model model) {
        Filters filters = new Filters(blankToNull(job), blankToNull(status), blankToNull(period), blankToNull(from),
                blankToNull(to));
        model.addAttribute("filters", filters);
        model.addAttribute("jobs", catalog.controls().stream().map(control -> control.jobName()).toList());
        model.addAttribute("statuses", RunFilter.STATUSES);
        model.addAttribute("page", Math.max(page, 0));
        List<Row> rows = List.of();
        boolean more = false;
        try {
            List<RunRow> runs = results.runs(filter(filters, Math.max(page, 0)));
            more = runs.size() > PAGE_SIZE;
            rows = runs.stream().limit(PAGE_SIZE).map(ExecutionPages::row).toList();
        } catch (CustosException | IllegalArgumentException e) {
            model.addAttribute("problem", e.getMessage());
        }
        model.addAttribute("rows", rows);
        model.addAttribute("more", more);
        return "executions";
    }

    private RunFilter filter(Filters filters, int page) {
        if (filters.job() != null) {
            catalog.control(filters.job());
        }
        String status = filters.status() == null ? null : filters.status().toUpperCase(Locale.ROOT);
        if (status != null && !RunFilter.STATUSES.contains(status)) {
            throw new IllegalArgumentException("unknown status '" + filters.status() + "': status is one of "
                    + String.join(", ", RunFilter.STATUSES));
        }
        String period = filters.period() == null ? null : Period.parse(filters.period()).toString();
        StartedBetween started = StartedBetween.of(filters.from(), filters.to());
        return new RunFilter(filters.job(), period, status, PAGE_SIZE + 1, page * PAGE_SIZE, started.from(),
                started.before());
    }

    @GetMapping("/executions/{id}")
    String detail(@PathVariable long id, Model model) {
        JobExecution execution = execution(id);
        List<Step> steps = execution.getStepExecutions().stream().sorted(Comparator.comparing(StepExecution::getId))
                .map(ExecutionPages::step).toList();
        String failedStep = execution.getStepExecutions().stream()
                .filter(step -> step.getStatus() == BatchStatus.FAILED).max(Comparator.comparing(StepExecution::getId))
                .map(StepExecution::getStepName).orElse(null);
        RunParameters parameters = RunParameters.from(execution.getJobParameters());
        boolean ended = execution.getStatus() == BatchStatus.FAILED || execution.getStatus() == BatchStatus.STOPPED;
        model.addAttribute("execution", new Detail(execution.getId(), execution.getJobInstance().getJobName(),
                parameters.period().toString(), parameters.rerun(),
                execution.getStatus().name(), CommandOutput.utc(execution.getStartTime()),
                CommandOutput.utc(execution.getEndTime()), duration(execution.getStartTime(), execution.getEndTime()),
                summary(execution.getExitStatus().getExitDescription()),
                results.rejectCount(execution.getJobInstance().getInstanceId()), failedStep, steps,
                execution.isRunning(), ended));
        model.addAttribute("progress", ExecutionProgress.of(execution));
        return "execution";
    }

    /** The live part of a running execution's page; once the run ended, htmx reloads the whole page. */
    @GetMapping("/executions/{id}/progress")
    String progress(@PathVariable long id, Model model, HttpServletResponse response) {
        JobExecution execution = execution(id);
        ExecutionProgress progress = ExecutionProgress.of(execution);
        if (!progress.running()) {
            response.setHeader("HX-Refresh", "true");
        }
        model.addAttribute("progress", progress);
        return "execution :: progress";
    }

    @PostMapping("/executions/{id}/restart")
    String restart(@PathVariable long id, Authentication user, HttpServletRequest request,
                   RedirectAttributes flash) {
        try {
            PreparedRun restart = runs.restart(actor(user, request), id);
            Optional<RunOutcome> done = restart.nothingToRun();
            if (done.isPresent()) {
                flash.addFlashAttribute("notice", done.get().message());
                return "redirect:/executions/" + done.get().executionId();
            }
            // the browser follows the new execution's page while it runs
            OptionalLong started = restart.awaitExecution(RESTART_START_WAIT);
            if (started.isEmpty()) {
                flash.addFlashAttribute("notice", "the restart was accepted and has not started yet; see the "
                        + "executions list");
                return "redirect:/executions/" + id;
            }
            flash.addFlashAttribute("notice", "Execution " + id + " restarted as execution " + started.getAsLong());
            return "redirect:/executions/" + started.getAsLong();
        } catch (ControlLauncher.UnknownExecutionException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        } catch (CustosException e) {
            flash.addFlashAttribute("problem", e.getMessage());
            return "redirect:/executions/" + id;
        }
    }

    /** A launch of a period with no completed run (OPS): it runs in the background; the list shows the period's runs. */
    @PostMapping("/executions")
    String launch(@RequestParam(defaultValue = "") String job, @RequestParam(defaultValue = "") String period,
                  Authentication user, HttpServletRequest request, RedirectAttributes flash) {
        if (job.isBlank()) {
            flash.addFlashAttribute("problem", "choose the job to launch");
            return "redirect:/executions";
        }
        try {
            OperatorRuns.Launched launched = runs.launch(actor(user, request), job.strip(), blankToNull(period), false,
                    null);
            flash.addFlashAttribute("notice", "%s %s launched: it runs in the background".formatted(launched.job(),
                    launched.period()));
            return "redirect:" + periodRuns(launched);
        } catch (CustosException e) {
            flash.addFlashAttribute("problem", e.getMessage());
            return "redirect:/executions";
        }
    }

    @PostMapping("/executions/{id}/rerun")
    String rerun(@PathVariable long id, @RequestParam(defaultValue = "") String reason, Authentication user,
                 HttpServletRequest request, RedirectAttributes flash) {
        JobExecution execution = execution(id);
        String job = execution.getJobInstance().getJobName();
        String period = RunParameters.from(execution.getJobParameters()).period().toString();
        if (reason.isBlank()) {
            flash.addFlashAttribute("problem", "a rerun needs a reason (why the period is run again; no personal data)");
            return "redirect:/executions/" + id;
        }
        try {
            OperatorRuns.Launched launched = runs.launch(actor(user, request), job, period, true, reason.strip());
            if (launched.awaitingApproval()) {
                flash.addFlashAttribute("notice", "The rerun of %s %s is waiting for a second admin's approval, request %d"
                        .formatted(job, period, launched.approvalRequest()));
                return "redirect:/executions/" + id;
            }
            flash.addFlashAttribute("notice", "%s %s rerun: it runs in the background".formatted(job, period));
            return "redirect:" + periodRuns(launched);
        } catch (CustosException e) {
            flash.addFlashAttribute("problem", e.getMessage());
            return "redirect:/executions/" + id;
        }
    }

    @PostMapping("/executions/{id}/stop")
    String stop(@PathVariable long id, Authentication user, HttpServletRequest request, RedirectAttributes flash) {
        execution(id);
        try {
            runs.stop(actor(user, request), id);
            flash.addFlashAttribute("notice", "Execution " + id + " is stopping: its steps end at their next chunk");
        } catch (CustosException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/executions/" + id;
    }

    @PostMapping("/executions/{id}/abandon")
    String abandon(@PathVariable long id, @RequestParam(defaultValue = "") String reason, Authentication user,
                   HttpServletRequest request, RedirectAttributes flash) {
        execution(id);
        try {
            ControlLauncher.Abandonment abandoned = runs.abandon(actor(user, request), id, blankToNull(reason));
            flash.addFlashAttribute("notice", abandoned.alreadyAbandoned() ? "Execution " + id + " was already abandoned"
                    : "Execution " + id + " abandoned: a run of " + abandoned.period() + " starts afresh");
        } catch (CustosException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/executions/" + id;
    }

    private static String periodRuns(OperatorRuns.Launched launched) {
        return UriComponentsBuilder.fromPath("/executions").queryParam("job", launched.job())
                .queryParam("period", launched.period().toString()).build().encode().toUriString();
    }

    private static OperatorAuditLog.Actor actor(Authentication user, HttpServletRequest request) {
        return Authenticated.actor(user, request);
    }

    private JobExecution execution(long id) {
        try {
            return launcher.execution(id);
        } catch (ControlLauncher.UnknownExecutionException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }

    private static Row row(RunRow run) {
        return new Row(run.executionId(), run.job(), run.period(), run.rerun(), run.status(),
                CommandOutput.utc(run.startedAt()), CommandOutput.utc(run.endedAt()),
                duration(run.startedAt(), run.endedAt()), run.readCount(), run.writeCount(), run.skipCount(),
                summary(run.exitMessage()));
    }

    private static Step step(StepExecution step) {
        return new Step(step.getStepName(), step.getStatus().name(), step.getReadCount(), step.getWriteCount(),
                step.getSkipCount(), step.getCommitCount(), step.getRollbackCount(), CommandOutput.utc(step.getStartTime()),
                duration(step.getStartTime(), step.getEndTime()), summary(step.getExitStatus().getExitDescription()));
    }

    /** "12.3 s", "4 min 05 s"; null while running. */
    static String duration(LocalDateTime start, LocalDateTime end) {
        if (start == null || end == null) {
            return null;
        }
        Duration duration = Duration.between(start, end);
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
        }
        return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }

    /** A message's first line, cut to a length a table cell shows (a Batch exit description can hold a stack trace). */
    static String summary(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String first = text.strip().lines().findFirst().orElse("");
        return first.length() <= SUMMARY_LENGTH ? first : first.substring(0, SUMMARY_LENGTH - 1) + "…";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
