package dev.custos.scheduler.web;

import java.time.Duration;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import dev.custos.common.job.RunParameters;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.RunFilter;
import dev.custos.common.results.RunRow;
import dev.custos.scheduler.approval.OperatorRuns;
import dev.custos.scheduler.audit.OperatorAuditLog;
import dev.custos.scheduler.launch.ControlLauncher;
import dev.custos.scheduler.launch.PreparedRun;
import dev.custos.scheduler.launch.RunOutcome;

/**
 * A restart asked from an execution's page: the API's restart ({@link OperatorRuns#restart}, its
 * audit row written once the restart is accepted and handed to the background runs), then a short
 * wait until the new execution exists so that the browser can follow its page while it runs.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleRestarts {

    private static final Duration START_WAIT = Duration.ofMinutes(1);
    private static final Duration LOOK_AGAIN = Duration.ofMillis(100);

    private final ControlLauncher launcher;
    private final ResultsRepository results;
    private final OperatorRuns runs;

    ConsoleRestarts(ControlLauncher launcher, ResultsRepository results, OperatorRuns runs) {
        this.launcher = launcher;
        this.results = results;
        this.runs = runs;
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
        PreparedRun prepared = runs.restart(actor, executionId);
        if (prepared.nothingToRun().isPresent()) {
            RunOutcome done = prepared.nothingToRun().get();
            return new Started(done.executionId(), done.message());
        }
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
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
        return new Started(executionId, "the restart was accepted and has not started yet; see the executions list");
    }

    private long newest(String job, String period) {
        return results.runs(new RunFilter(job, period, null, 1)).stream().findFirst().map(RunRow::executionId)
                .orElse(0L);
    }
}
