package dev.custos.scheduler.cli;

import java.text.SimpleDateFormat;
import java.util.Date;

import picocli.CommandLine.Command;

import dev.custos.scheduler.quartz.ScheduleService;

@Command(name = "schedules", mixinStandardHelpOptions = true,
        description = "List the stored schedules (created or aligned with the configuration first).")
final class SchedulesCommand extends SpringCommand {

    @Override
    Mode mode() {
        return Mode.SCHEDULES;
    }

    @Override
    int call(CustosContext context) {
        ScheduleService schedules = context.bean(ScheduleService.class);
        schedules.storeMissing();
        SimpleDateFormat time = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss z");
        out().printf("%-26s %-22s %-16s %-8s %-14s %-24s %s%n", "JOB", "CRON", "ZONE", "STATE", "MISFIRE",
                "NEXT", "PREVIOUS");
        for (var view : schedules.list()) {
            out().printf("%-26s %-22s %-16s %-8s %-14s %-24s %s%n", view.job(), view.cron(), view.zone(), view.state(),
                    view.misfire(), format(time, view.nextFire()), format(time, view.previousFire()));
        }
        return ExitCodes.OK;
    }

    private static String format(SimpleDateFormat format, Date date) {
        return date == null ? "-" : format.format(date);
    }
}
