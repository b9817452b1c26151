package dev.custos.scheduler.launch;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.custos.common.results.PeriodBusyException;
import dev.custos.common.results.PeriodLock;
import dev.custos.common.results.RunRecorder;
import dev.custos.scheduler.recovery.StaleExecutionRecovery;

/**
 * A launch's hold of (job, period), in the database ({@link PeriodLock}): a run of the period in
 * another thread, process or node refuses this one, naming its execution. A hold whose process is
 * dead is broken and taken over: its process is gone from this host, this process left it behind
 * (a release that failed), or its heartbeat is older than {@code custos.recovery.stale-after} by
 * the database's clock. A holder whose execution is still starting is given a moment to name it.
 */
@Component
public class PeriodHold {

    private static final Logger log = LoggerFactory.getLogger(PeriodHold.class);
    private static final Duration HOLDER_STARTING = Duration.ofSeconds(15);
    private static final Duration HOLDER_POLL = Duration.ofMillis(100);
    /** Beyond stale-after: the last heartbeat may be a beat old. */
    private static final Duration SETTLE_MARGIN = Duration.ofSeconds(10);
    private static final Duration DEAD_POLL = Duration.ofSeconds(1);

    private final PeriodLock periodLock;
    private final StaleExecutionRecovery recovery;

    public PeriodHold(PeriodLock periodLock, StaleExecutionRecovery recovery) {
        this.periodLock = periodLock;
        this.recovery = recovery;
    }

    /** Takes (job, period); returns the holder token to release. */
    public String hold(String job, String period) {
        String holder = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + HOLDER_STARTING.toNanos();
        while (true) {
            Optional<PeriodLock.Holder> other = periodLock.tryAcquire(job, period, holder, null);
            if (other.isEmpty()) {
                return holder;
            }
            PeriodLock.Holder held = other.get();
            if (held.released() || breakIfDead(job, period, held)) {
                continue;
            }
            if (held.executionId() != null || System.nanoTime() > deadline) {
                throw new PeriodBusyException(job, period, held);
            }
            if (!pause(HOLDER_POLL)) {
                throw new PeriodBusyException(job, period, held);
            }
        }
    }

    /** The execution that named itself as the run of {@code holder}'s hold, once it has started. */
    public Optional<Long> execution(String job, String period, String holder) {
        return periodLock.holder(job, period).filter(held -> held.holder().equals(holder))
                .map(PeriodLock.Holder::executionId);
    }

    /**
     * Releases the hold; a failure (database unreachable) is logged, not thrown over the run's
     * outcome: the row left behind is taken for dead, by this process at once, by others once its
     * heartbeat is stale.
     */
    public void release(String job, String period, String holder) {
        try {
            periodLock.release(job, period, holder);
        } catch (RuntimeException e) {
            log.warn("{} {}: the hold of the period could not be released ({}); it is taken for dead once its "
                    + "heartbeat is older than custos.recovery.stale-after", job, period, e.getMessage());
        }
    }

    /**
     * Waits until (job, period) has no holder, breaking a dead one's hold, for stale-after and a
     * margin at most: how a node resuming a dead node's firing waits out the dead node's hold.
     *
     * @return false when a live holder still has it
     */
    public boolean awaitNoLiveHolder(String job, String period) {
        long deadline = System.nanoTime() + recovery.staleAfter().plus(SETTLE_MARGIN).toNanos();
        while (true) {
            Optional<PeriodLock.Holder> held = periodLock.holder(job, period);
            if (held.isEmpty() || breakIfDead(job, period, held.get())) {
                return true;
            }
            if (System.nanoTime() > deadline || !pause(DEAD_POLL)) {
                return false;
            }
        }
    }

    private boolean breakIfDead(String job, String period, PeriodLock.Holder held) {
        Optional<String> reason = Optional.empty();
        boolean ownProcess = RunRecorder.hostName().equals(held.host()) && held.pid() == ProcessHandle.current().pid();
        if (ownProcess && !periodLock.holds(held.holder())) {
            reason = Optional.of("this process left it behind when its release failed");
        } else if (!ownProcess) {
            reason = recovery.processGone(held.host(), held.pid());
        }
        boolean broken;
        if (reason.isPresent()) {
            broken = periodLock.release(job, period, held.holder());
        } else {
            broken = periodLock.breakIfStale(job, period, held.holder(), recovery.staleAfter());
            reason = Optional.of("no heartbeat from %s for more than %s".formatted(held.host(), recovery.staleAfter()));
        }
        if (broken) {
            log.warn("{} {}: the run holding it{} is taken for dead ({}); its hold is broken", job, period,
                    held.executionId() == null ? "" : " (execution " + held.executionId() + ")", reason.get());
        }
        return broken;
    }

    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
