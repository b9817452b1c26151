package dev.custos.scheduler.cli;

import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.custos.common.command.CommandOutput;
import dev.custos.scheduler.monitoring.ControlDeadlines;
import dev.custos.scheduler.quartz.ScheduleService;
import dev.custos.scheduler.quartz.ScheduleService.ScheduleView;

@Command(name = "schedules", mixinStandardHelpOptions = true,
        description = "List the stored schedules (a missing one is stored first). CRON is the stored trigger's (what "
                + "fires), CONFIGURED the configuration's (custos.scheduling.jobs.<job>.cron or the job's default), "
                + "'(same)' when they agree. They differ after 'custos reschedule' (kept until the configured cron "
                + "changes), or when the configuration changed and no 'custos serve' node has started since: a node "
                + "replaces the stored cron with a changed configured one when it starts; this command does not. A "
                + "job without a schedule (disabled in the configuration) is NOT_SCHEDULED, with '-' (text) or null "
                + "(JSON) for what it does not have. DEADLINE is when the period the next fire runs must have completed "
                + "(its end plus the control's deadline, custos.deadlines.<job>); later, serve raises it overdue. "
                + "Times in ISO-8601 UTC.")
final class SchedulesCommand extends SpringCommand {

    private static final String FORMAT = "%-26s %-22s %-22s %-16s %-13s %-14s %-21s %-21s %s%n";
    private static final String SAME = "(same)";
    private static final String NONE = "-";

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = CommandOutput.FORMAT_DESCRIPTION)
    CommandOutput.Format format;

    @Override
    Mode mode() {
        return Mode.SCHEDULES;
    }

    @Override
    int call(CustosContext context) {
        ScheduleService schedules = context.bean(ScheduleService.class);
        ControlDeadlines deadlines = context.bean(ControlDeadlines.class);
        schedules.storeMissing();
        List<ScheduleView> views = schedules.list();
        if (format == CommandOutput.Format.json) {
            CommandOutput.printJson(out(), views.stream().map(view -> json(view, deadline(deadlines, view))).toList());
            return ExitCodes.OK;
        }
        out().printf(FORMAT, "JOB", "CRON", "CONFIGURED", "ZONE", "STATE", "MISFIRE", "NEXT", "DEADLINE", "PREVIOUS");
        for (ScheduleView view : views) {
            out().printf(FORMAT, view.job(), text(view.cron()), view.rescheduled() || view.cron() == null
                    ? text(view.configuredCron()) : SAME, view.zone(), view.state(), text(view.misfire()),
                    text(time(view.nextFire())), text(deadline(deadlines, view)), text(time(view.previousFire())));
        }
        return ExitCodes.OK;
    }

    /** When the period of the next fire is due; none without a next fire. */
    private static String deadline(ControlDeadlines deadlines, ScheduleView view) {
        if (view.nextFire() == null) {
            return null;
        }
        return CommandOutput.utc(deadlines.dueFor(view.job(), view.nextFire().toInstant(), ZoneId.of(view.zone())).dueBy());
    }

    private static Map<String, Object> json(ScheduleView view, String deadline) {
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("job", view.job());
        schedule.put("cron", view.cron());
        schedule.put("configuredCron", view.configuredCron());
        schedule.put("rescheduled", view.rescheduled());
        schedule.put("zone", view.zone());
        schedule.put("state", view.state());
        schedule.put("misfire", view.misfire() == null ? null : view.misfire().name());
        schedule.put("nextFire", time(view.nextFire()));
        schedule.put("deadline", deadline);
        schedule.put("previousFire", time(view.previousFire()));
        return schedule;
    }

    private static String text(Object value) {
        return value == null ? NONE : value.toString();
    }

    private static String time(Date date) {
        return date == null ? null : CommandOutput.utc(date.toInstant());
    }
}
