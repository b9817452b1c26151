package dev.custos.scheduler.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import dev.custos.common.job.RunParameters;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.RunFilter;
import dev.custos.common.results.RunRow;
import dev.custos.scheduler.audit.OperatorAuditLog;
import dev.custos.scheduler.launch.ControlLauncher;
import dev.custos.scheduler.launch.RunOutcome;

/**
 * A restart asked from an execution's page: the same launcher call and audit row as the API's
 * restart ({@code ControlLauncher.restart} in {@code OperatorAuditLog.carryOut}, the row written
 * once the run ends), run beside the request so that the browser can follow the new execution's
 * page while it runs. The request waits until that execution exists, or until the launcher
 * refused or finished.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleRestarts {

    private static final Duration START_WAIT = Duration.ofMinutes(1);
    private static final Duration LOOK_AGAIN = Duration.ofMillis(100);

    private final ControlLauncher launcher;
    private final ResultsRepository results;
    private final OperatorAuditLog auditLog;
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService runs = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "console-restart-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    ConsoleRestarts(ControlLauncher launcher, ResultsRepository results, OperatorAuditLog auditLog) {
        this.launcher = launcher;
        this.results = results;
        this.auditLog = auditLog;
    }

    /** The execution to follow, and the launcher's message when it ran nothing (the period already completed). */
    record Started(long executionId, String message) {
    }

    /**
     * Restarts {@code executionId} as {@code actor}.
     *
     * @throws dev.custos.common.CustosException as the launcher refuses (still running, abandoned, unknown)
     */
    Started restart(OperatorAuditLog.Actor actor, long executionId) {
        JobExecution execution = launcher.execution(executionId);
        String job = execution.getJobInstance().getJobName();
        String period = RunParameters.from(execution.getJobParameters()).period().toString();
        long newestBefore = newest(job, period);
        CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(() -> auditLog.carryOut(actor, "restart",
                "execution " + executionId, null, null, () -> launcher.restart(executionId), RunOutcome::auditOutcome), runs);
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (run.isDone()) {
                RunOutcome outcome = outcome(run);
                return new Started(outcome.executionId(), outcome.alreadyCompleted() ? outcome.message() : null);
            }
            long newest = newest(job, period);
            if (newest > newestBefore) {
                return new Started(newest, null);
            }
            try {
                Thread.sleep(LOOK_AGAIN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Started(executionId, "the restart was asked and has not started yet; see the executions list");
    }

    private long newest(String job, String period) {
        return results.runs(new RunFilter(job, period, null, 1)).stream().findFirst().map(RunRow::executionId)
                .orElse(0L);
    }

    private static RunOutcome outcome(CompletableFuture<RunOutcome> run) {
        try {
            return run.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        // a run in progress is left to finish or to be recovered as stale, as a CLI run cut off would be
        runs.shutdown();
    }
}
