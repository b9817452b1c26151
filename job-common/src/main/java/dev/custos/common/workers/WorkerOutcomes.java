package dev.custos.common.workers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.OptimisticLockingFailureException;

import dev.custos.common.results.RunFailure;

/**
 * What a worker says of a partition it ran: a failed one is logged as a run's failure is (its exit
 * message, without a database's text, was saved with its status: {@link WorkerFailureMessages}).
 */
final class WorkerOutcomes {

    private static final Logger log = LoggerFactory.getLogger(WorkerOutcomes.class);

    /** Logs how {@code partition} ended and says it in one line (names and ids only). */
    String record(StepExecution partition) {
        String line = partition.getStepName() + " (step execution " + partition.getId() + "): " + partition.getStatus();
        if (partition.getFailureExceptions().isEmpty()) {
            log.info("worker: {}", line);
            return line;
        }
        Throwable failure = partition.getFailureExceptions().get(0);
        if (partition.getFailureExceptions().stream().anyMatch(WorkerOutcomes::fenced)) {
            // the manager marked the partition FAILED (its timeout, or a restart): the version-checked save of
            // the chunk failed, and the chunk rolled back with it
            String fencedLine = partition.getStepName() + " (step execution " + partition.getId()
                    + "): given up by its manager; this worker's unsaved chunk was rolled back";
            log.warn("worker: {}", fencedLine);
            return fencedLine;
        }
        log.error("worker: {} (step execution {}) failed", partition.getStepName(), partition.getId(),
                RunFailure.forLog(failure));
        return line;
    }

    private static boolean fenced(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockingFailureException) {
                return true;
            }
        }
        return false;
    }
}
