package dev.custos.scheduler.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import dev.custos.scheduler.audit.OperatorAuditLog;
import dev.custos.scheduler.quartz.ScheduleService;

@Command(name = "resume", mixinStandardHelpOptions = true, description = "Let a paused schedule fire again.")
final class ResumeCommand extends SpringCommand {

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
        context.bean(OperatorAuditLog.class).carryOutInOneTransaction(OperatorAuditLog.Actor.shell(), "resume",
                "schedule " + job, null, null, () -> {
                    schedules.resume(job);
                    return "RESUMED";
                }, outcome -> outcome);
        out().println(job + ": resumed");
        return ExitCodes.OK;
    }
}
