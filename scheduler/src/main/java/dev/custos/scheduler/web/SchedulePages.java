package dev.custos.scheduler.web;

import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

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

import dev.custos.common.CustosException;
import dev.custos.common.command.CommandOutput;
import dev.custos.common.period.Period;
import dev.custos.scheduler.approval.OperatorRuns;
import dev.custos.scheduler.audit.OperatorAuditLog;
import dev.custos.scheduler.security.Authenticated;
import dev.custos.scheduler.launch.ControlCatalog;
import dev.custos.scheduler.monitoring.ControlDeadlines;
import dev.custos.scheduler.quartz.ScheduleService;
import dev.custos.scheduler.quartz.ScheduleService.ScheduleView;

/**
 * The schedules pages: the stored schedules {@code custos schedules} lists, and for OPS (and
 * ADMIN) pause, resume, trigger now and reschedule through the same {@link ScheduleService} as the
 * API and the command line, each audited under the same action and target names once carried out.
 * The reschedule form previews the next five fire times as the cron is typed. An ADMIN backfills a
 * range of periods through the {@link OperatorRuns} the API uses.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SchedulePages {

    static final int FIRE_TIMES = 5;

    private final ScheduleService schedules;
    private final ControlCatalog catalog;
    private final OperatorAuditLog auditLog;
    private final OperatorRuns runs;
    private final ControlDeadlines deadlines;

    SchedulePages(ScheduleService schedules, ControlCatalog catalog, OperatorAuditLog auditLog, OperatorRuns runs,
                  ControlDeadlines deadlines) {
        this.schedules = schedules;
        this.deadlines = deadlines;
        this.catalog = catalog;
        this.auditLog = auditLog;
        this.runs = runs;
    }

    public record Schedule(String job, String cron, String configuredCron, boolean rescheduled, String zone,
                           String state, String misfire, String nextFire, String deadline, String previousFire) {

        public boolean paused() {
            return "PAUSED".equals(state);
        }

        public boolean scheduled() {
            return cron != null;
        }
    }

    /** The preview of a cron being typed: five UTC times, or why the cron is refused. */
    public record Preview(String cron, List<String> fireTimes, String problem) {
    }

    @GetMapping("/schedules")
    String list(Model model) {
        model.addAttribute("schedules", schedules.list().stream().map(this::schedule).toList());
        return "schedules";
    }

    @GetMapping("/schedules/{job}")
    String reschedulePage(@PathVariable String job, Model model) {
        Schedule schedule = schedules.list().stream().filter(view -> view.job().equals(known(job)))
                .map(this::schedule).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no schedule of " + job));
        model.addAttribute("schedule", schedule);
        model.addAttribute("preview", schedule.scheduled() ? preview(job, schedule.cron()) : null);
        return "schedule";
    }

    @GetMapping("/schedules/{job}/preview")
    String preview(@PathVariable String job, @RequestParam(defaultValue = "") String cron, Model model) {
        model.addAttribute("preview", preview(known(job), cron));
        return "schedule :: preview";
    }

    @PostMapping("/schedules/{job}/pause")
    String pause(@PathVariable String job, Authentication user, HttpServletRequest request, RedirectAttributes flash) {
        return act(flash, "/schedules", () -> auditLog.carryOutInOneTransaction(actor(user, request), "pause",
                target(job), null, null, () -> {
                    schedules.pause(known(job));
                    return "PAUSED";
                }, state -> state), state -> "Schedule of " + job + " paused");
    }

    @PostMapping("/schedules/{job}/resume")
    String resume(@PathVariable String job, Authentication user, HttpServletRequest request, RedirectAttributes flash) {
        return act(flash, "/schedules", () -> auditLog.carryOutInOneTransaction(actor(user, request), "resume",
                target(job), null, null, () -> {
                    schedules.resume(known(job));
                    return "RESUMED";
                }, state -> state), state -> "Schedule of " + job + " resumed");
    }

    @PostMapping("/schedules/{job}/trigger")
    String trigger(@PathVariable String job, Authentication user, HttpServletRequest request, RedirectAttributes flash) {
        return act(flash, "/schedules", () -> auditLog.carryOut(actor(user, request), "trigger", target(job), null,
                null, () -> schedules.triggerNow(known(job)), covered -> "TRIGGERED " + covered),
                (Period period) -> job + " " + period + " triggered: it runs now on a node of the cluster");
    }

    @PostMapping("/schedules/{job}/cron")
    String reschedule(@PathVariable String job, @RequestParam(defaultValue = "") String cron, Authentication user,
                      HttpServletRequest request, RedirectAttributes flash) {
        String typed = cron.trim();
        try {
            auditLog.carryOutInOneTransaction(actor(user, request), "reschedule", target(job), "cron=" + typed, null, () -> {
                schedules.reschedule(known(job), typed);
                return typed;
            }, done -> "RESCHEDULED");
            flash.addFlashAttribute("notice", "Schedule of " + job + " is now " + typed);
            return "redirect:/schedules";
        } catch (CustosException e) {
            flash.addFlashAttribute("problem", e.getMessage());
            flash.addFlashAttribute("typedCron", typed);
            return "redirect:/schedules/" + job;
        }
    }

    /** A backfill (ADMIN): refused up front, naming the folder, while a period has no inputs; four-eyes as the API's. */
    @PostMapping("/schedules/{job}/backfill")
    String backfill(@PathVariable String job, @RequestParam(defaultValue = "") String from,
                    @RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "") String reason,
                    Authentication user, HttpServletRequest request, RedirectAttributes flash) {
        String known = known(job);
        if (from.isBlank() || to.isBlank()) {
            flash.addFlashAttribute("problem", "a backfill needs the first and last period, e.g. 2026-01 to 2026-03");
        } else if (reason.isBlank()) {
            flash.addFlashAttribute("problem", "a backfill needs a reason (why these periods are run; no personal data)");
        } else {
            act(flash, "/schedules", () -> runs.backfill(actor(user, request), known, from.strip(), to.strip(),
                    reason.strip()), launched -> launched.awaitingApproval()
                    ? "The backfill of %s is waiting for a second admin's approval, request %d".formatted(known,
                            launched.approvalRequest())
                    : "Backfill of %s accepted: %d periods run in the background in order".formatted(known,
                            launched.periods().size()));
        }
        return "redirect:/schedules";
    }

    private static <T> String act(RedirectAttributes flash, String back, Supplier<T> action,
                                  Function<T, String> notice) {
        try {
            flash.addFlashAttribute("notice", notice.apply(action.get()));
        } catch (CustosException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:" + back;
    }

    private Preview preview(String job, String cron) {
        try {
            return new Preview(cron.trim(), schedules.preview(job, cron, FIRE_TIMES).stream().map(CommandOutput::utc)
                    .toList(), null);
        } catch (CustosException e) {
            return new Preview(cron.trim(), List.of(), e.getMessage());
        }
    }

    /** The job, when it is one of the controls; a page of another is not found. */
    private String known(String job) {
        try {
            return catalog.control(job).jobName();
        } catch (ControlCatalog.UnknownJobException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }

    private static OperatorAuditLog.Actor actor(Authentication user, HttpServletRequest request) {
        return Authenticated.actor(user, request);
    }

    private static String target(String job) {
        return "schedule " + job;
    }

    /** A schedule with the deadline of its next fire's period, as {@code custos schedules} and the API show it. */
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
}
