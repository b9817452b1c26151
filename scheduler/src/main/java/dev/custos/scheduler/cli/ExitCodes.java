package dev.custos.scheduler.cli;

import dev.custos.common.CustosException;
import dev.custos.common.command.CommandException;
import dev.custos.common.command.ControlCommandLine;
import dev.custos.common.period.InvalidPeriodException;
import dev.custos.common.store.BlobStoreException;
import dev.custos.scheduler.approval.FourEyes.UnknownApprovalException;
import dev.custos.scheduler.launch.ControlCatalog.UnknownJobException;
import dev.custos.scheduler.launch.ControlLauncher.UnknownExecutionException;
import dev.custos.scheduler.launch.ControlLauncher.UnknownRunOptionException;
import dev.custos.scheduler.quartz.ScheduleService.InvalidCronException;

/** Exit codes, decided in this one place. */
public final class ExitCodes {

    public static final int OK = 0;
    /** A run ended FAILED or STOPPED, or an operation failed. */
    public static final int FAILED = 1;
    /** Bad arguments: unknown command, job, period, execution id or cron. */
    public static final int USAGE = 2;
    /** The period was already completed; nothing was run. */
    public static final int ALREADY_COMPLETED = 3;
    /** The database or store could not be reached or refused the credentials, or the configuration is wrong. */
    public static final int ENVIRONMENT = 4;
    /** The action waits for a second admin's approval: a request was stored, nothing was carried out. */
    public static final int AWAITING_APPROVAL = ControlCommandLine.AWAITING_APPROVAL;

    private ExitCodes() {
    }

    /** A command's exit code as the operator audit log's outcome of the action it carried out. */
    static String outcome(int code) {
        return switch (code) {
            case OK -> "COMPLETED";
            case ALREADY_COMPLETED -> "ALREADY_COMPLETED";
            default -> "FAILED (exit " + code + ")";
        };
    }

    static int of(CustosException e) {
        if (e instanceof UsageException || e instanceof UnknownJobException || e instanceof InvalidPeriodException
                || e instanceof UnknownExecutionException || e instanceof InvalidCronException
                || e instanceof UnknownRunOptionException || e instanceof UnknownApprovalException) {
            return USAGE;
        }
        if (e instanceof EnvironmentException || e instanceof BlobStoreException) {
            return ENVIRONMENT;
        }
        if (e instanceof CommandException command) {
            return command.kind() == CommandException.Kind.USAGE ? USAGE : ENVIRONMENT;
        }
        return FAILED;
    }
}
