package dev.custos.scheduler.approval;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;

import dev.custos.common.CustosException;
import dev.custos.common.command.ApprovalGate;
import dev.custos.common.period.Period;
import dev.custos.scheduler.audit.OperatorAuditLog;
import dev.custos.scheduler.audit.OperatorAuditLog.Actor;
import dev.custos.scheduler.launch.Backfill;
import dev.custos.scheduler.launch.BackgroundRuns;
import dev.custos.scheduler.launch.ControlLauncher;
import dev.custos.scheduler.launch.ControlLauncher.Launch;
import dev.custos.scheduler.launch.PreparedRun;
import dev.custos.scheduler.launch.RunOutcome;

/**
 * The runs an operator asks for from the API or the console, one place for both: a launch, a rerun
 * of a completed period and a backfill (the last two through {@link FourEyes} where
 * {@code custos.approvals.required} names them), a restart, a stop and an abandon. Each is recorded
 * in the operator audit log once carried out: a launch, restart or backfill when it is accepted
 * (its period held and its run handed to {@link BackgroundRuns}), not when the run ends.
 */
@Service
public class OperatorRuns {

    private final ControlLauncher launcher;
    private final Backfill backfill;
    private final BackgroundRuns background;
    private final OperatorAuditLog auditLog;
    private final FourEyes fourEyes;

    OperatorRuns(ControlLauncher launcher, Backfill backfill, BackgroundRuns background, OperatorAuditLog auditLog,
                 FourEyes fourEyes) {
        this.launcher = launcher;
        this.backfill = backfill;
        this.background = background;
        this.auditLog = auditLog;
        this.fourEyes = fourEyes;
    }

    /** A launch or backfill accepted (runs in the background), or stored as a four-eyes request ({@code approvalRequest}). */
    public record Launched(String job, Period period, List<Period> periods, Long approvalRequest) {

        public boolean awaitingApproval() {
            return approvalRequest != null;
        }
    }

    /**
     * Launches {@code period} of {@code job} (null: the one that last closed), or reruns it; a rerun of a
     * completed period waits for a second admin where reruns need approval. Whether the period completed
     * is judged with the period held: of two launches or reruns at once, one is refused as busy, and a
     * run that completes the period first makes the other a rerun of a completed period.
     *
     * @throws PeriodCompletedException the period completed and no rerun was asked
     */
    public Launched launch(Actor actor, String job, String periodText, boolean rerun, String reason) {
        Period period = launcher.period(job, periodText);
        boolean gated = rerun && fourEyes.required(ApprovalGate.RERUN);
        PreparedRun prepared = launcher.prepare(job, period, !rerun ? Launch.RUN
                : gated ? Launch.RERUN_UNLESS_COMPLETED : Launch.RERUN, null, null, Set.of());
        Optional<RunOutcome> completed = prepared.nothingToRun();
        if (completed.isPresent() && gated) {
            var request = fourEyes.requestOrProceed(actor, ApprovalGate.RERUN, job + " " + period,
                    ApprovalArguments.rerun(job, period, null, null, Set.of()), reason, () -> null);
            return new Launched(job, period, List.of(period), request.requestId().getAsLong());
        }
        if (completed.isPresent()) {
            throw new PeriodCompletedException(("%s %s already completed by execution %d; an ADMIN runs it again "
                    + "as a rerun with a reason").formatted(job, period, completed.get().executionId()));
        }
        auditLog.carryOut(actor, rerun ? "rerun" : "launch", job + " " + period, null, reason, () -> {
            background.start(prepared);
            return prepared;
        }, started -> "ACCEPTED");
        return new Launched(job, period, List.of(period), null);
    }

    /** Prepares the restart of a failed or stopped execution and hands it to the background, unless nothing is left to run. */
    public PreparedRun restart(Actor actor, long executionId) {
        return auditLog.carryOut(actor, "restart", "execution " + executionId, null, null, () -> {
            PreparedRun run = launcher.prepareRestart(executionId);
            if (run.nothingToRun().isEmpty()) {
                background.start(run);
            }
            return run;
        }, run -> run.nothingToRun().map(RunOutcome::auditOutcome).orElse("ACCEPTED"));
    }

    public ControlLauncher.Stopping stop(Actor actor, long executionId) {
        return auditLog.carryOut(actor, "stop", "execution " + executionId, null, null,
                () -> launcher.stop(executionId), done -> "STOPPING");
    }

    public ControlLauncher.Abandonment abandon(Actor actor, long executionId, String reason) {
        return auditLog.carryOut(actor, "abandon", "execution " + executionId, null, reason,
                () -> launcher.abandon(executionId, reason),
                done -> done.alreadyAbandoned() ? "ALREADY_ABANDONED" : "ABANDONED");
    }

    /**
     * Runs the periods {@code from}..{@code to} of {@code job} in order in the background, or stores the request
     * where backfills need a second admin; refused up front, naming the folder, while a period has no inputs.
     */
    public Launched backfill(Actor actor, String job, String from, String to, String reason) {
        if (fourEyes.required(ApprovalGate.BACKFILL)) {
            Backfill.Plan planned = backfill.plan(job, from, to, null);
            var gated = fourEyes.requestOrProceed(actor, ApprovalGate.BACKFILL,
                    "%s %s..%s".formatted(job, planned.first(), planned.last()),
                    ApprovalArguments.backfill(job, planned.first(), planned.last(), null, null), reason, () -> null);
            return new Launched(job, planned.first(), planned.periods(), gated.requestId().getAsLong());
        }
        Backfill.Plan plan = auditLog.carryOut(actor, "backfill", "schedule " + job, "from=" + from + " to=" + to,
                reason, () -> {
                    Backfill.Plan planned = backfill.plan(job, from, to, null);
                    background.backfill(backfill, planned, null);
                    return planned;
                }, planned -> "ACCEPTED");
        return new Launched(job, plan.first(), plan.periods(), null);
    }

    /** A completed period launched without a rerun. */
    public static class PeriodCompletedException extends CustosException {
        PeriodCompletedException(String message) {
            super(message);
        }
    }
}
