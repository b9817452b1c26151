package dev.custos.scheduler.launch;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A launch or restart decided while its (job, period) is held: either there is nothing to run
 * (the period already completed) or a run to carry out, in the deciding thread or another (a
 * background launch from the API). The hold belongs to this process, not to a thread, and is
 * released once the run ends, or by {@link #release()} when it is never carried out.
 */
public final class PreparedRun {

    private static final Duration LOOK_AGAIN = Duration.ofMillis(100);

    private final String job;
    private final String period;
    private final Runnable releaseHold;
    private final Supplier<Optional<Long>> heldExecution;
    private final AtomicBoolean released = new AtomicBoolean();
    private Decision decision;
    private volatile RunOutcome outcome;

    /**
     * @param heldExecution the execution that names itself as this hold's run (empty until it has started)
     */
    PreparedRun(String job, String period, Runnable releaseHold, Supplier<Optional<Long>> heldExecution) {
        this.job = job;
        this.period = period;
        this.releaseHold = releaseHold;
        this.heldExecution = heldExecution;
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
            outcome = decision.nothingToRun() != null ? decision.nothingToRun() : decision.run().get();
            return outcome;
        } finally {
            release();
        }
    }

    /**
     * The execution this run started (or the one that completed the period, when there is nothing to
     * run), waiting up to {@code wait} for it to start where it runs in another thread; empty when it has
     * not started by then (a run waiting for a free thread) or could not start.
     */
    public OptionalLong awaitExecution(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            RunOutcome ended = decision.nothingToRun() != null ? decision.nothingToRun() : outcome;
            if (ended != null) {
                return OptionalLong.of(ended.executionId());
            }
            Optional<Long> started = released.get() ? Optional.empty() : heldExecution.get();
            if (started.isPresent()) {
                return OptionalLong.of(started.get());
            }
            if (released.get() && outcome == null || System.nanoTime() > deadline) {
                return OptionalLong.empty();
            }
            try {
                Thread.sleep(LOOK_AGAIN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return OptionalLong.empty();
            }
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
