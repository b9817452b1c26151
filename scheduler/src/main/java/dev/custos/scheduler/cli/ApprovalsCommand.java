package dev.custos.scheduler.cli;

import java.time.Instant;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.custos.common.command.CommandOutput;
import dev.custos.common.command.ConsoleLoginOptions;
import dev.custos.scheduler.approval.ApprovalRequest;
import dev.custos.scheduler.approval.CommandLineIdentity;
import dev.custos.scheduler.approval.FourEyes;

/**
 * {@code custos approvals list|approve ID|reject ID}: the four-eyes requests, decided by a console
 * ADMIN who proves it with their password ({@link CommandLineIdentity}; the OS user proves nothing),
 * audited under that name with the host and OS user; an approved request is carried out by this command.
 */
@Command(name = "approvals", mixinStandardHelpOptions = true,
        description = "Requests for actions that wait for a second admin's approval (custos.approvals.required): "
                + "list them, approve one (it is then carried out by this command) or reject one.",
        subcommands = {ApprovalsCommand.List.class, ApprovalsCommand.Approve.class, ApprovalsCommand.Reject.class})
final class ApprovalsCommand implements Runnable {

    private static final int LISTED = 200;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: list, approve or reject");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the newest 200 requests, newest first: id, state (a pending request past its expiry "
                    + "is EXPIRED), action, target, requester, requested and expiry times (ISO-8601 UTC), decided by, "
                    + "outcome, reason.")
    static final class List extends SpringCommand {

        @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
                description = CommandOutput.FORMAT_DESCRIPTION)
        CommandOutput.Format format;

        @Override
        Mode mode() {
            return Mode.RUN;
        }

        @Override
        int call(CustosContext context) {
            FourEyes fourEyes = context.bean(FourEyes.class);
            java.util.List<ApprovalRequest> requests = fourEyes.recent(LISTED);
            Instant now = fourEyes.now();
            if (format == CommandOutput.Format.json) {
                CommandOutput.printJson(out(), requests.stream().map(request -> request.document(now)).toList());
                return ExitCodes.OK;
            }
            out().printf("%-6s %-9s %-13s %-36s %-16s %-20s %-20s %-16s %s%n", "ID", "STATE", "ACTION", "TARGET",
                    "REQUESTER", "REQUESTED", "EXPIRES", "DECIDED_BY", "REASON");
            for (ApprovalRequest request : requests) {
                out().printf("%-6d %-9s %-13s %-36s %-16s %-20s %-20s %-16s %s%n", request.id(), request.stateAt(now),
                        request.action(), request.target(), request.requester(), CommandOutput.utc(request.requestedAt()),
                        CommandOutput.utc(request.expiresAt()), request.decidedBy() == null ? "-" : request.decidedBy(),
                        OutcomePrinter.oneLine(request.reason()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve request ID as the console ADMIN --user names (not the one who requested it; the "
                    + "password is asked for, or read with --password-stdin, and checked as the login page does, "
                    + "lockout included) and carry its action out here, once: exit 0 when it succeeded, 1 when it "
                    + "failed, the password is wrong or the request is yours, decided or expired (nothing done), 2 for "
                    + "an unknown ID or no --user. Folders the request does not name "
                    + "are this installation's settings (custos.inbox, custos.outbox).")
    static final class Approve extends SpringCommand {

        @Parameters(paramLabel = "ID", description = "the request's id (custos approvals list)")
        long id;

        @Mixin
        ConsoleLoginOptions approver;

        @Override
        Mode mode() {
            return Mode.RUN;
        }

        @Override
        int call(CustosContext context) {
            FourEyes.Executed executed = context.bean(FourEyes.class).approve(id,
                    context.bean(CommandLineIdentity.class).admin(approver.login(), "approving a request"));
            out().printf("approval request %d approved and carried out: %s%n", id, executed.result().summary());
            if (!executed.result().succeeded()) {
                err().printf("custos: approval request %d: %s did not succeed: %s%n", id, executed.request().action(),
                        executed.result().outcome());
                return ExitCodes.FAILED;
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Reject request ID as the console ADMIN --user names (password as for approve): its action "
                    + "is never carried out (a requester may withdraw their own). Exit 1 when it is decided or expired, 2 for an unknown ID.")
    static final class Reject extends SpringCommand {

        @Parameters(paramLabel = "ID", description = "the request's id (custos approvals list)")
        long id;

        @Mixin
        ConsoleLoginOptions decider;

        @Override
        Mode mode() {
            return Mode.RUN;
        }

        @Override
        int call(CustosContext context) {
            context.bean(FourEyes.class).reject(id,
                    context.bean(CommandLineIdentity.class).admin(decider.login(), "rejecting a request"));
            out().printf("approval request %d rejected; its action will not be carried out%n", id);
            return ExitCodes.OK;
        }
    }

}
