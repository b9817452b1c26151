package dev.custos.scheduler.cli;

import java.nio.file.Path;
import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.custos.common.command.ApprovalGate;
import dev.custos.common.command.ConsoleLoginOptions;
import dev.custos.scheduler.approval.ApprovalArguments;
import dev.custos.scheduler.approval.CommandLineIdentity;
import dev.custos.scheduler.approval.FourEyes;
import dev.custos.scheduler.launch.Backfill;
import dev.custos.scheduler.launch.InboxLayout;
import dev.custos.scheduler.launch.RunOutcome;

@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Run every period from --from to --to in order; completed periods are skipped; stops at the "
                + "first failure. Each period reads its own folder, <inbox>/<job>/<period>/; nothing is run while "
                + "the folder of a period still to run is missing or empty (exit 2). Where backfills wait for a second "
                + "admin's approval, a request is stored instead and nothing is run (exit 5).")
final class BackfillCommand extends SpringCommand {

    @Parameters(paramLabel = "JOB", description = "job name, e.g. permission-reconciliation")
    String job;

    @Option(names = "--from", required = true, paramLabel = "P", description = "the first period to run, e.g. 2025-01")
    String from;

    @Option(names = "--to", required = true, paramLabel = "P", description = "the last period to run (included), e.g. 2025-12")
    String to;

    @Option(names = "--inbox", paramLabel = "DIR", description = "the inbox root holding <job>/<period>/ folders "
            + "(default custos.inbox); not one period's folder")
    Path inbox;

    @Option(names = "--outbox", paramLabel = "DIR", description = "where files are written (default custos.outbox)")
    Path outbox;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why the periods are run: required where "
            + "backfills wait for a second admin's approval (custos.approvals.required), kept with the request and in "
            + "the audit log; short, no names or other personal data")
    String reason;

    @Mixin
    ConsoleLoginOptions requester;

    @Override
    Mode mode() {
        return Mode.RUN;
    }

    @Override
    int call(CustosContext context) {
        Backfill backfill = context.bean(Backfill.class);
        Backfill.Plan plan;
        try {
            plan = backfill.plan(job, from, to, inbox);
        } catch (Backfill.InputsNotReadyException e) {
            InboxLayout.Unready unready = e.unready();
            throw new UsageException(("backfill of %s refused, nothing was run: the input folder of %s, %s, %s "
                    + "(backfill reads <inbox>/%s/<period>/ for every period; --inbox names the inbox root)")
                    .formatted(job, unready.period(), unready.folder(), unready.problem(), job));
        }
        FourEyes fourEyes = context.bean(FourEyes.class);
        var gated = fourEyes.requestOrProceed(
                context.bean(CommandLineIdentity.class).of(ApprovalGate.BACKFILL, reason, requester.login(), fourEyes),
                ApprovalGate.BACKFILL,
                "%s %s..%s".formatted(job, plan.first(), plan.last()),
                ApprovalArguments.backfill(job, plan.first(), plan.last(), inbox, outbox), reason,
                () -> backfill(backfill, plan), ExitCodes::outcome);
        if (gated.awaitingApproval()) {
            out().println(ApprovalGate.storedMessage(gated.requestId().getAsLong()));
            return ExitCodes.AWAITING_APPROVAL;
        }
        return gated.result();
    }

    private int backfill(Backfill backfill, Backfill.Plan plan) {
        Optional<RunOutcome> stopped = backfill.run(plan, outbox, outcome -> {
            if (outcome.alreadyCompleted()) {
                out().printf("%s %s: already completed (execution %d), skipped%n", job, outcome.period(),
                        outcome.executionId());
            } else {
                OutcomePrinter.print(outcome, out(), err());
            }
        });
        if (stopped.isPresent()) {
            err().printf("custos: backfill stopped at %s%n", stopped.get().period());
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }
}
