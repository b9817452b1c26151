package dev.custos.scheduler.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import dev.custos.scheduler.audit.OperatorAuditLog;
import dev.custos.scheduler.launch.ControlLauncher;
import dev.custos.scheduler.launch.RunOutcome;

@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Resume a failed or stopped execution at its failed step (stale executions of dead "
                + "processes are marked FAILED first).")
final class RestartCommand extends SpringCommand {

    @Parameters(paramLabel = "EXECUTION_ID", description = "the failed or stopped execution to resume (its ID in 'custos executions')")
    long executionId;

    @Override
    Mode mode() {
        return Mode.RUN;
    }

    @Override
    int call(CustosContext context) {
        ControlLauncher launcher = context.bean(ControlLauncher.class);
        RunOutcome outcome = context.bean(OperatorAuditLog.class).carryOut(OperatorAuditLog.Actor.shell(), "restart",
                "execution " + executionId, null, null, () -> launcher.restart(executionId), RunOutcome::auditOutcome);
        return OutcomePrinter.print(outcome, out(), err());
    }
}
