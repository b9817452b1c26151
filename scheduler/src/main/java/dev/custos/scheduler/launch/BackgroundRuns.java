package dev.custos.scheduler.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.custos.common.CustosException;

/**
 * Runs that an operator asked for over the API or the console and that are answered before they end
 * (202): a launch, a restart, a backfill, and a rerun or backfill approved there, carried out on a few threads of their own, never on a request's.
 * What happens to a run is in its execution and run row, as for a scheduled run; a run that could
 * not even start is logged.
 */
@Component
public class BackgroundRuns implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BackgroundRuns.class);
    private static final int THREADS = 4;
    private static final int WAITING = 16;

    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(WAITING), runnable -> {
                Thread thread = new Thread(runnable, "custos-api-run-" + threadNumber.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    /** Carries out a prepared launch or restart; its period stays held until the run ends. */
    public void start(PreparedRun run) {
        submit(new Queued(run, () -> {
            RunOutcome outcome = run.carryOut();
            log.info("{} {}: execution {} ended {}", outcome.job(), outcome.period(), outcome.executionId(),
                    outcome.status());
        }));
    }

    /** Runs a backfill's periods in order, writing their files under {@code outbox} (null: {@code custos.outbox}). */
    public void backfill(Backfill backfill, Backfill.Plan plan, Path outbox) {
        submit(new Queued(null, () -> backfill.run(plan, outbox, outcome -> { })
                .ifPresent(stopped -> log.warn("backfill of {} stopped at {}: execution {} ended {}", plan.job(),
                        stopped.period(), stopped.executionId(), stopped.status()))));
    }

    private void submit(Queued task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.release();
            throw new BusyException("%d runs asked over the API are running and %d waiting; try again once one has ended"
                    .formatted(THREADS, WAITING));
        }
    }

    @Override
    public void destroy() {
        List<Runnable> neverStarted = executor.shutdownNow();
        neverStarted.forEach(task -> ((Queued) task).release());
    }

    /** Too many runs asked over the API at once. */
    public static class BusyException extends CustosException {
        BusyException(String message) {
            super(message);
        }
    }

    private record Queued(PreparedRun prepared, Runnable work) implements Runnable {

        @Override
        public void run() {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.error("a run asked over the API could not be carried out: {}", e.getMessage(), e);
            }
        }

        void release() {
            if (prepared != null) {
                prepared.release();
            }
        }
    }
}
