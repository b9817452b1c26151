package dev.custos.scheduler.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import dev.custos.scheduler.audit.OperatorAuditLog;
import dev.custos.scheduler.quartz.ScheduleService;

@Command(name = "pause", mixinStandardHelpOptions = true, description = "Stop a job's schedule from firing.")
final class PauseCommand extends SpringCommand {

    @Parameters(paramLabel = "JOB", description = "job name, e.g. backup")
    String job;

    @Override
    Mode mode() {
        return Mode.SCHEDULES;
    }

    @Override
    int call(CustosContext context) {
        ScheduleService schedules = context.bean(ScheduleService.class);
        schedules.storeMissing();
        context.bean(OperatorAuditLog.class).carryOutInOneTransaction(OperatorAuditLog.Actor.shell(), "pause",
                "schedule " + job, null, null, () -> {
                    schedules.pause(job);
                    return "PAUSED";
                }, outcome -> outcome);
        out().println(job + ": paused");
        return ExitCodes.OK;
    }
}
