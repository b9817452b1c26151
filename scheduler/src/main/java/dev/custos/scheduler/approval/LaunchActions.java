package dev.custos.scheduler.approval;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.custos.common.command.ApprovalGate;
import dev.custos.common.command.ApprovedAction;
import dev.custos.scheduler.launch.Backfill;
import dev.custos.scheduler.launch.BackgroundRuns;
import dev.custos.scheduler.launch.ControlLauncher;
import dev.custos.scheduler.launch.PreparedRun;
import dev.custos.scheduler.launch.RunOutcome;

/**
 * The launcher's actions that may wait for approval, carried out from their stored arguments: a
 * rerun of a completed period ({@code job}, {@code period}, optional {@code inbox} and
 * {@code outbox}) and a backfill ({@code job}, {@code from}, {@code to}, optional {@code inbox}
 * root and {@code outbox}). Approved from the command line they run and the approval waits; approved
 * over HTTP their period is held (a rerun) or their inputs checked (a backfill) at once, and the run is
 * handed to {@link BackgroundRuns}, as a launch or backfill asked there is.
 */
@Configuration(proxyBeanMethods = false)
class LaunchActions {

    static final String JOB = "job";
    static final String PERIOD = "period";
    static final String FROM = "from";
    static final String TO = "to";
    static final String INBOX = "inbox";
    static final String OUTBOX = "outbox";
    static final String OPTIONS = "options";
    /** The outcome of an approved run handed to the background. */
    static final String ACCEPTED = "ACCEPTED";

    @Bean
    ApprovedAction rerunAction(ControlLauncher launcher, BackgroundRuns background) {
        return new Named(ApprovalGate.RERUN, arguments -> {
            RunOutcome outcome = prepareRerun(launcher, arguments).carryOut();
            return new ApprovedAction.Result(outcome.completed(), outcome.status(), line(outcome));
        }, arguments -> {
            PreparedRun prepared = prepareRerun(launcher, arguments);
            background.start(prepared);
            return accepted("rerun of %s %s".formatted(prepared.job(), prepared.period()));
        });
    }

    private static PreparedRun prepareRerun(ControlLauncher launcher, Map<String, String> arguments) {
        String job = arguments.get(JOB);
        String options = arguments.get(OPTIONS);
        return launcher.prepare(job, launcher.period(job, arguments.get(PERIOD)), true, path(arguments, INBOX),
                path(arguments, OUTBOX), options == null ? Set.of() : Set.of(options.split(",")));
    }

    @Bean
    ApprovedAction backfillAction(Backfill backfill, BackgroundRuns background) {
        return new Named(ApprovalGate.BACKFILL, arguments -> {
            Backfill.Plan plan = plan(backfill, arguments);
            int[] ran = {0};
            Optional<RunOutcome> stopped = backfill.run(plan, path(arguments, OUTBOX), outcome -> {
                if (!outcome.alreadyCompleted()) {
                    ran[0]++;
                }
            });
            if (stopped.isPresent()) {
                return new ApprovedAction.Result(false, stopped.get().status(), "backfill stopped at " + line(stopped.get()));
            }
            return new ApprovedAction.Result(true, "COMPLETED", "backfill of %s %s..%s: %d of %d periods run, the others "
                    .formatted(plan.job(), plan.first(), plan.last(), ran[0], plan.periods().size())
                    + "had already completed");
        }, arguments -> {
            Backfill.Plan plan = plan(backfill, arguments);
            background.backfill(backfill, plan, path(arguments, OUTBOX));
            return accepted("backfill of %s %s..%s".formatted(plan.job(), plan.first(), plan.last()));
        });
    }

    private static Backfill.Plan plan(Backfill backfill, Map<String, String> arguments) {
        return backfill.plan(arguments.get(JOB), arguments.get(FROM), arguments.get(TO), path(arguments, INBOX));
    }

    private static ApprovedAction.Result accepted(String what) {
        return new ApprovedAction.Result(true, ACCEPTED, what + " accepted; it runs in the background (the executions "
                + "show how it goes)");
    }

    private static Path path(Map<String, String> arguments, String name) {
        String value = arguments.get(name);
        return value == null ? null : Path.of(value);
    }

    private static String line(RunOutcome outcome) {
        return "%s %s: %s (execution %d)".formatted(outcome.job(), outcome.period(), outcome.status(),
                outcome.executionId());
    }

    /** An action of this class: its name, what carries it out and waits, and what hands it to the background. */
    private record Named(String name, Function<Map<String, String>, Result> work,
                         Function<Map<String, String>, Result> inBackground) implements BackgroundAction {

        @Override
        public Result carryOut(Map<String, String> arguments) {
            return work.apply(arguments);
        }

        @Override
        public Result accept(Map<String, String> arguments) {
            return inBackground.apply(arguments);
        }
    }
}
