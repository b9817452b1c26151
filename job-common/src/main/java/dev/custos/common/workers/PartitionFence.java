package dev.custos.common.workers;

import java.time.LocalDateTime;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Fails a partition that a worker may still be running, so that nothing more of that attempt is
 * saved. Batch saves a chunk step's execution, checked against its version, in the chunk's own
 * transaction; marking the step execution FAILED raises its version, so the worker's next chunk
 * fails with an optimistic lock and rolls back, its rows with it, and a rerun of the partition
 * resumes from the last chunk saved before the mark.
 */
public final class PartitionFence {

    /** A worker commits a chunk at most this often while its partition is being marked. */
    private static final int ATTEMPTS = 100;

    private PartitionFence() {
    }

    /**
     * Marks {@code partition} FAILED with {@code reason} unless it has ended; when its worker saved
     * it meanwhile, reads it again and marks that. Returns false only when the worker saved it at
     * every attempt.
     */
    public static boolean fail(JobRepository jobRepository, StepExecution partition, String reason) {
        StepExecution current = partition;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (current == null || !current.getStatus().isRunning()) {
                return true;
            }
            current.setStatus(BatchStatus.FAILED);
            current.setExitStatus(ExitStatus.FAILED.addExitDescription(current.getStepName() + ": " + reason));
            current.setEndTime(LocalDateTime.now());
            try {
                jobRepository.update(current);
                return true;
            } catch (OptimisticLockingFailureException workerSavedFirst) {
                current = jobRepository.getStepExecution(partition.getId());
            }
        }
        return false;
    }
}
