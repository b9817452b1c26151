package dev.custos.scheduler.cli;

import java.nio.file.Path;
import java.util.Set;

import org.springframework.batch.core.repository.JobRepository;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.custos.common.command.ApprovalGate;
import dev.custos.common.command.ConsoleLoginOptions;
import dev.custos.common.period.Period;
import dev.custos.common.results.ResultsRepository;
import dev.custos.scheduler.approval.ApprovalArguments;
import dev.custos.scheduler.approval.CommandLineIdentity;
import dev.custos.scheduler.approval.FourEyes;
import dev.custos.scheduler.launch.ControlLauncher;
import dev.custos.scheduler.launch.PreparedRun;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Launch a job now and wait. Exit 0 when COMPLETED, 1 when it failed, 3 when the period "
                + "had already completed (nothing run), 5 when a rerun waits for a second admin's approval (a request "
                + "was stored, nothing run).")
final class RunCommand extends SpringCommand {

    @Parameters(paramLabel = "JOB", description = "job name, e.g. training-coverage")
    String job;

    @Option(names = "--period", paramLabel = "P", description = "e.g. 2026-11, 2026-Q4, 2026-11-24, 2026 "
            + "(default: the period that last closed)")
    String period;

    @Option(names = "--inbox", paramLabel = "DIR", description = "the folder holding this period's input files "
            + "(default <custos.inbox>/<job>/<period>/)")
    Path inbox;

    @Option(names = "--outbox", paramLabel = "DIR", description = "where files are written (default custos.outbox)")
    Path outbox;

    @Option(names = "--rerun", description = "run a completed period again as a new instance; its results replace the period's")
    boolean rerun;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why a completed period is run again (with "
            + "--rerun): required where reruns wait for a second admin's approval (custos.approvals.required), kept "
            + "with the request and in the audit log; short, no names or other personal data")
    String reason;

    @Mixin
    ConsoleLoginOptions requester;

    @Option(names = "--drill", description = "backup: also restore the new backup into the scratch schema and "
            + "compare it with its manifest (a restore drill), whatever the day")
    boolean drill;

    @Override
    Mode mode() {
        return Mode.RUN;
    }

    @Override
    int call(CustosContext context) {
        ControlLauncher launcher = context.bean(ControlLauncher.class);
        Period runPeriod = launcher.period(job, period);
        Set<String> options = drill ? Set.of("drill") : Set.of();
        FourEyes fourEyes = context.bean(FourEyes.class);
        boolean gated = rerun && fourEyes.required(ApprovalGate.RERUN);
        if (rerun && !gated && context.bean(ResultsRepository.class).publishedExecution(job, runPeriod.toString())
                .isPresent()) {
            return fourEyes.requestOrProceed(
                    context.bean(CommandLineIdentity.class).of(ApprovalGate.RERUN, reason, requester.login(), fourEyes),
                    ApprovalGate.RERUN, job + " " + runPeriod,
                    ApprovalArguments.rerun(job, runPeriod, inbox, outbox, options), reason,
                    () -> launch(context, launcher.prepare(job, runPeriod, true, inbox, outbox, options)),
                    ExitCodes::outcome).result();
        }
        if (!gated) {
            return launch(context, launcher.prepare(job, runPeriod, rerun, inbox, outbox, options));
        }
        // whether the period completed is judged with it held: no run completes it between the judgement and this run
        PreparedRun prepared = launcher.prepare(job, runPeriod, ControlLauncher.Launch.RERUN_UNLESS_COMPLETED, inbox,
                outbox, options);
        if (prepared.nothingToRun().isEmpty()) {
            return launch(context, prepared);
        }
        var request = fourEyes.requestOrProceed(
                context.bean(CommandLineIdentity.class).of(ApprovalGate.RERUN, reason, requester.login(), fourEyes),
                ApprovalGate.RERUN,
                job + " " + runPeriod, ApprovalArguments.rerun(job, runPeriod, inbox, outbox, options), reason,
                () -> null);
        out().println(ApprovalGate.storedMessage(request.requestId().getAsLong()));
        return ExitCodes.AWAITING_APPROVAL;
    }

    private int launch(CustosContext context, PreparedRun prepared) {
        try (var progress = ProgressReporter.start(context.bean(JobRepository.class), job, err())) {
            var outcome = prepared.carryOut();
            return OutcomePrinter.print(outcome, out(), err());
        }
    }
}
