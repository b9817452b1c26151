package dev.custos.scheduler.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.custos.scheduler.audit.OperatorAuditLog;
import dev.custos.scheduler.quartz.ScheduleService;

@Command(name = "reschedule", mixinStandardHelpOptions = true,
        description = "Change a job's stored cron (kept across restarts until the configured cron changes).")
final class RescheduleCommand extends SpringCommand {

    @Parameters(paramLabel = "JOB", description = "job name, e.g. backup")
    String job;

    @Option(names = "--cron", required = true, paramLabel = "EXPR", description = "Quartz cron, seconds first, e.g. '0 30 1 * * ?'")
    String cron;

    @Override
    Mode mode() {
        return Mode.SCHEDULES;
    }

    @Override
    int call(CustosContext context) {
        ScheduleService schedules = context.bean(ScheduleService.class);
        schedules.storeMissing();
        var next = context.bean(OperatorAuditLog.class).carryOutInOneTransaction(OperatorAuditLog.Actor.shell(),
                "reschedule", "schedule " + job, "cron=" + cron.trim(), null, () -> schedules.reschedule(job, cron),
                nextFire -> "RESCHEDULED");
        out().println(job + ": " + cron.trim() + ", next fire " + next);
        return ExitCodes.OK;
    }
}
