package dev.custos.scheduler.launch;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A launch or restart decided while its (job, period) is held: either there is nothing to run
 * (the period already completed) or a run to carry out, in the deciding thread or another (a
 * background launch from the API). The hold belongs to this process, not to a thread, and is
 * released once the run ends, or by {@link #release()} when it is never carried out.
 */
public final class PreparedRun {

    private final String job;
    private final String period;
    private final Runnable releaseHold;
    private final AtomicBoolean released = new AtomicBoolean();
    private Decision decision;

    PreparedRun(String job, String period, Runnable releaseHold) {
        this.job = job;
        this.period = period;
        this.releaseHold = releaseHold;
    }

    void decided(Decision decision) {
        this.decision = decision;
        if (decision.nothingToRun() != null) {
            release();
        }
    }

    public String job() {
        return job;
    }

    public String period() {
        return period;
    }

    /** The outcome of the run that already completed the period, when there is nothing to run. */
    public Optional<RunOutcome> nothingToRun() {
        return Optional.ofNullable(decision.nothingToRun());
    }

    /** Runs and waits, then releases the period. */
    public RunOutcome carryOut() {
        try {
            return decision.nothingToRun() != null ? decision.nothingToRun() : decision.run().get();
        } finally {
            release();
        }
    }

    /** Gives the period back without running (a run that could not be handed to a thread). */
    public void release() {
        if (released.compareAndSet(false, true)) {
            releaseHold.run();
        }
    }

    record Decision(RunOutcome nothingToRun, Supplier<RunOutcome> run) {

        static Decision nothingToRun(RunOutcome completed) {
            return new Decision(completed, null);
        }

        static Decision toRun(Supplier<RunOutcome> run) {
            return new Decision(null, run);
        }
    }
}
