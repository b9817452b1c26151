package dev.custos.scheduler.approval;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.custos.common.command.ApprovalGate;
import dev.custos.common.command.ApprovedAction;
import dev.custos.scheduler.launch.Backfill;
import dev.custos.scheduler.launch.ControlLauncher;
import dev.custos.scheduler.launch.RunOutcome;

/**
 * The launcher's actions that may wait for approval, carried out from their stored arguments: a
 * rerun of a completed period ({@code job}, {@code period}, optional {@code inbox} and
 * {@code outbox}) and a backfill ({@code job}, {@code from}, {@code to}, optional {@code inbox}
 * root and {@code outbox}).
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

    @Bean
    ApprovedAction rerunAction(ControlLauncher launcher) {
        return new Named(ApprovalGate.RERUN, arguments -> {
            String job = arguments.get(JOB);
            String options = arguments.get(OPTIONS);
            RunOutcome outcome = launcher.run(job, launcher.period(job, arguments.get(PERIOD)), true,
                    path(arguments, INBOX), path(arguments, OUTBOX),
                    options == null ? Set.of() : Set.of(options.split(",")));
            return new ApprovedAction.Result(outcome.completed(), outcome.status(), line(outcome));
        });
    }

    @Bean
    ApprovedAction backfillAction(Backfill backfill) {
        return new Named(ApprovalGate.BACKFILL, arguments -> {
            Backfill.Plan plan = backfill.plan(arguments.get(JOB), arguments.get(FROM), arguments.get(TO),
                    path(arguments, INBOX));
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
        });
    }

    private static Path path(Map<String, String> arguments, String name) {
        String value = arguments.get(name);
        return value == null ? null : Path.of(value);
    }

    private static String line(RunOutcome outcome) {
        return "%s %s: %s (execution %d)".formatted(outcome.job(), outcome.period(), outcome.status(),
                outcome.executionId());
    }

    /** An action of this class: its name and what carries it out. */
    private record Named(String name, java.util.function.Function<Map<String, String>, Result> work)
            implements ApprovedAction {

        @Override
        public Result carryOut(Map<String, String> arguments) {
            return work.apply(arguments);
        }
    }
}
