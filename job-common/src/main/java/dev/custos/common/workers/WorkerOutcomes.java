package dev.custos.common.workers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import dev.custos.common.results.RunFailure;

/**
 * What a worker does with a partition it ran: a failed one gets the exit message a run's failure
 * gets (step, exception class, SQL state; never a database's text, which can quote a row) in place
 * of the stack trace Batch stored, and the failure is logged the same way.
 */
final class WorkerOutcomes {

    private static final Logger log = LoggerFactory.getLogger(WorkerOutcomes.class);

    private final JobRepository jobRepository;

    WorkerOutcomes(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    /** Records how {@code partition} ended and says it in one line (names and ids only). */
    String record(StepExecution partition) {
        String line = partition.getStepName() + " (step execution " + partition.getId() + "): " + partition.getStatus();
        if (partition.getFailureExceptions().isEmpty()) {
            log.info("worker: {}", line);
            return line;
        }
        Throwable failure = partition.getFailureExceptions().get(0);
        log.error("worker: {} (step execution {}) failed", partition.getStepName(), partition.getId(),
                RunFailure.forLog(failure));
        partition.setExitStatus(new ExitStatus(partition.getExitStatus().getExitCode(),
                partition.getStepName() + ": " + RunFailure.message(failure)));
        jobRepository.update(partition);
        return line;
    }
}
