package dev.custos.scheduler.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import dev.custos.common.CustosException;
import dev.custos.common.period.Period;

/**
 * A backfill of a control, for {@code custos backfill} and the API alike: the periods from one to
 * another, refused as a whole before anything runs while the input folder of a period still to run
 * is missing or empty, then run in order, each on its own folder, completed periods skipped, up to
 * the first run that does not complete.
 */
@Component
public class Backfill {

    private final ControlLauncher launcher;

    public Backfill(ControlLauncher launcher) {
        this.launcher = launcher;
    }

    /** The periods to run and the inbox root they are read under. */
    public record Plan(String job, List<Period> periods, Path inboxRoot) {

        public Period first() {
            return periods.get(0);
        }

        public Period last() {
            return periods.get(periods.size() - 1);
        }
    }

    /**
     * Checks the range and the inputs of every period still to run.
     *
     * @param inbox the inbox root; {@code null} for {@code custos.inbox}
     * @throws InputsNotReadyException naming the first period whose folder is missing or empty
     */
    public Plan plan(String job, String from, String to, Path inbox) {
        List<Period> periods = Period.between(launcher.period(job, from), launcher.period(job, to));
        Path root = launcher.inboxRoot(inbox);
        launcher.unreadyInputs(job, periods, root).ifPresent(unready -> {
            throw new InputsNotReadyException(job, unready);
        });
        return new Plan(job, periods, root);
    }

    /**
     * Runs the plan's periods in order; {@code eachRun} hears of every outcome (an already completed
     * period's included).
     *
     * @return the outcome of the run it stopped at, empty when every period completed
     */
    public Optional<RunOutcome> run(Plan plan, Path outbox, Consumer<RunOutcome> eachRun) {
        for (Period period : plan.periods()) {
            RunOutcome outcome = launcher.run(plan.job(), period, false,
                    InboxLayout.periodFolder(plan.inboxRoot(), plan.job(), period), outbox);
            eachRun.accept(outcome);
            if (!outcome.alreadyCompleted() && !outcome.completed()) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }

    /** A backfill refused before it ran anything: a period still to run has no input files. */
    public static class InputsNotReadyException extends CustosException {

        private final transient InboxLayout.Unready unready;

        InputsNotReadyException(String job, InboxLayout.Unready unready) {
            super(("backfill of %s refused, nothing was run: the input folder of %s, %s, %s (backfill reads "
                    + "<inbox>/%s/<period>/ for every period)").formatted(job, unready.period(), unready.folder(),
                    unready.problem(), job));
            this.unready = unready;
        }

        public InboxLayout.Unready unready() {
            return unready;
        }
    }
}
