package dev.custos.scheduler.api;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.swagger.v3.oas.annotations.Operation;

import dev.custos.common.command.CommandOutput;
import dev.custos.common.period.Period;
import dev.custos.scheduler.approval.OperatorRuns;
import dev.custos.scheduler.audit.OperatorAuditLog;
import dev.custos.scheduler.security.Authenticated;
import dev.custos.scheduler.launch.Backfill;
import dev.custos.scheduler.monitoring.ControlDeadlines;
import dev.custos.scheduler.quartz.ScheduleService;
import dev.custos.scheduler.quartz.ScheduleService.ScheduleView;

/**
 * {@code /api/v1/schedules}: the stored schedules {@code custos schedules} lists, and pause, resume,
 * reschedule and trigger-now through the same {@link ScheduleService}, and backfill through the
 * {@link Backfill} {@code custos backfill} uses ({@link OperatorRuns}, as the console), each recorded in the operator audit log once carried
 * out (the same action and target names as the command line's); pause, resume and reschedule
 * change only the database, and are committed with their audit row in one transaction. Times in
 * ISO-8601 UTC with {@code Z}.
 */
@RestController
@RequestMapping("/api/v1/schedules")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SchedulesApi {

    static final int FIRE_TIMES = 5;

    private final ScheduleService schedules;
    private final ControlDeadlines deadlines;
    private final OperatorAuditLog auditLog;
    private final OperatorRuns runs;

    SchedulesApi(ScheduleService schedules, ControlDeadlines deadlines, OperatorAuditLog auditLog, OperatorRuns runs) {
        this.schedules = schedules;
        this.deadlines = deadlines;
        this.auditLog = auditLog;
        this.runs = runs;
    }

    /** The fields of {@code custos schedules --format json}. */
    record Schedule(String job, String cron, String configuredCron, boolean rescheduled, String zone, String state,
                    String misfire, String nextFire, String deadline, String previousFire) {
    }

    record StateChange(String job, String state) {
    }

    record CronChange(String cron) {
    }

    record FireTimes(String job, String cron, List<String> nextFireTimes) {
    }

    record Triggered(String job, String period) {
    }

    record BackfillRequest(String from, String to, String reason) {
    }

    /**
     * A backfill accepted: the periods it runs, in order (the completed ones are skipped when their turn comes);
     * {@code AWAITING_APPROVAL} with the four-eyes request stored instead where backfills need a second admin.
     */
    record Backfilling(String job, List<String> periods, String status, Long approvalRequest) {
    }

    @GetMapping
    List<Schedule> list() {
        return schedules.list().stream().map(this::schedule).toList();
    }

    @PostMapping("/{job}/pause")
    StateChange pause(@PathVariable String job, Authentication user, HttpServletRequest request) {
        return auditLog.carryOutInOneTransaction(actor(user, request), "pause", target(job), null, null, () -> {
            schedules.pause(job);
            return new StateChange(job, "PAUSED");
        }, StateChange::state);
    }

    @PostMapping("/{job}/resume")
    StateChange resume(@PathVariable String job, Authentication user, HttpServletRequest request) {
        return auditLog.carryOutInOneTransaction(actor(user, request), "resume", target(job), null, null, () -> {
            schedules.resume(job);
            return new StateChange(job, "RESUMED");
        }, StateChange::state);
    }

    @PutMapping("/{job}/cron")
    FireTimes reschedule(@PathVariable String job, @RequestBody CronChange change, Authentication user,
                         HttpServletRequest request) {
        String cron = change.cron() == null ? null : change.cron().trim();
        return auditLog.carryOutInOneTransaction(actor(user, request), "reschedule", target(job), "cron=" + cron, null, () -> {
            schedules.reschedule(job, cron);
            return new FireTimes(job, cron, utc(schedules.nextFireTimes(job, FIRE_TIMES)));
        }, fireTimes -> "RESCHEDULED");
    }

    @GetMapping("/{job}/preview")
    FireTimes preview(@PathVariable String job, @RequestParam String cron) {
        return new FireTimes(job, cron.trim(), utc(schedules.preview(job, cron, FIRE_TIMES)));
    }

    @PostMapping("/{job}/trigger")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Triggered trigger(@PathVariable String job, Authentication user, HttpServletRequest request) {
        Period period = auditLog.carryOut(actor(user, request), "trigger", target(job), null, null,
                () -> schedules.triggerNow(job), covered -> "TRIGGERED " + covered);
        return new Triggered(job, period.toString());
    }

    @PostMapping("/{job}/backfill")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Run every period from 'from' to 'to' in order in the background (ADMIN; 202)",
            description = "As custos backfill: completed periods are skipped and the backfill stops at the first run "
                    + "that does not complete; each period reads <custos.inbox>/<job>/<period>/. Refused (409, naming "
                    + "the folder) before anything runs while a period still to run has no input files. A reason is "
                    + "required (no personal data).")
    Backfilling backfill(@PathVariable String job, @RequestBody BackfillRequest change, Authentication user,
                         HttpServletRequest request) {
        if (change.from() == null || change.to() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "from and to are required, e.g. {\"from\": \"2026-01\", \"to\": \"2026-03\", \"reason\": ...}");
        }
        String reason = change.reason() == null || change.reason().isBlank() ? null : change.reason().strip();
        if (reason == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "a backfill needs a reason (why these periods are run; no personal data)");
        }
        OperatorRuns.Launched launched = runs.backfill(actor(user, request), job, change.from().strip(),
                change.to().strip(), reason);
        return new Backfilling(job, launched.periods().stream().map(Period::toString).toList(),
                launched.awaitingApproval() ? "AWAITING_APPROVAL" : "ACCEPTED", launched.approvalRequest());
    }

    private static OperatorAuditLog.Actor actor(Authentication user, HttpServletRequest request) {
        return Authenticated.actor(user, request);
    }

    private static String target(String job) {
        return "schedule " + job;
    }

    private Schedule schedule(ScheduleView view) {
        String deadline = view.nextFire() == null ? null : CommandOutput.utc(deadlines.dueFor(view.job(),
                view.nextFire().toInstant(), ZoneId.of(view.zone())).dueBy());
        return new Schedule(view.job(), view.cron(), view.configuredCron(), view.rescheduled(), view.zone(),
                view.state(), view.misfire() == null ? null : view.misfire().name(), utc(view.nextFire()), deadline,
                utc(view.previousFire()));
    }

    private static String utc(Date date) {
        return date == null ? null : CommandOutput.utc(date.toInstant());
    }

    private static List<String> utc(List<Instant> times) {
        return times.stream().map(CommandOutput::utc).toList();
    }
}
