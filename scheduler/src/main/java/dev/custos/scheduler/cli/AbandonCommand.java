package dev.custos.scheduler.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.custos.scheduler.audit.OperatorAuditLog;
import dev.custos.scheduler.launch.ControlLauncher;

@Command(name = "abandon", mixinStandardHelpOptions = true,
        description = "Give up a failed or stopped execution for good: it is marked ABANDONED (it can no longer be "
                + "restarted) and its staged inputs, which hold personal data, are deleted. 'custos run' of the "
                + "period then starts a new run.")
final class AbandonCommand extends SpringCommand {

    @Parameters(paramLabel = "EXECUTION_ID", description = "the failed or stopped execution (its ID in 'custos executions')")
    long executionId;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "Why, kept in the run's exit message (short; no names or other personal data).")
    String reason;

    @Override
    Mode mode() {
        return Mode.RUN;
    }

    @Override
    int call(CustosContext context) {
        ControlLauncher launcher = context.bean(ControlLauncher.class);
        ControlLauncher.Abandonment abandoned = context.bean(OperatorAuditLog.class).carryOut(
                OperatorAuditLog.Actor.shell(), "abandon", "execution " + executionId, null, reason,
                () -> launcher.abandon(executionId, reason),
                done -> done.alreadyAbandoned() ? "ALREADY_ABANDONED" : "ABANDONED");
        out().printf("%s %s: execution %d %s; its staging rows are deleted%n", abandoned.job(), abandoned.period(),
                abandoned.executionId(), abandoned.alreadyAbandoned() ? "was already ABANDONED" : "ABANDONED");
        out().printf("run the period again with: custos run %s --period %s%n", abandoned.job(), abandoned.period());
        return ExitCodes.OK;
    }
}
