package dev.custos.common.workers;

import java.util.List;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import dev.custos.common.CustosException;

/**
 * Says why a manager step failed when its workers did not answer: the partitions still unfinished
 * when {@code custos.workers.timeout} ran out (a worker vanished, or none runs), or a broker that
 * refused the requests. Batch's own failures there are a {@link TimeoutException} without a message
 * and the AMQP client's exception.
 */
final class PartitionFailures implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionFailures.class);

    private final String workerStep;
    private final JobRepository jobRepository;
    private final WorkersProperties properties;

    PartitionFailures(String workerStep, JobRepository jobRepository, WorkersProperties properties) {
        this.workerStep = workerStep;
        this.jobRepository = jobRepository;
        this.properties = properties;
    }

    @Override
    public ExitStatus afterStep(StepExecution manager) {
        List<Throwable> failures = manager.getFailureExceptions();
        boolean gaveUp = false;
        for (int i = 0; i < failures.size(); i++) {
            Throwable failure = failures.get(i);
            if (causedBy(failure, TimeoutException.class)) {
                gaveUp = true;
                failures.set(i, new CustosException(manager.getStepName() + ": " + unfinished(manager)
                        + " unfinished after custos.workers.timeout (" + properties.timeout()
                        + "); is a custos worker running against this database and broker? custos restart runs them again",
                        failure));
            } else if (causedBy(failure, AmqpException.class)) {
                gaveUp = true;
                failures.set(i, new CustosException(manager.getStepName()
                        + ": the workers' broker (spring.rabbitmq.*) did not take the partition requests: "
                        + rootMessage(failure) + "; custos restart sends them again once it is back", failure));
            }
        }
        if (gaveUp) {
            failUnfinished(manager);
        }
        return null;
    }

    /**
     * Marks the partitions left STARTING or STARTED FAILED ({@link PartitionFence}), so that {@code
     * custos restart} may run them again (Batch refuses to restart a step left running), a request
     * still on the queue finds its partition over and is dropped, and a worker that was only slow
     * cannot save anything more of it.
     */
    private void failUnfinished(StepExecution manager) {
        for (StepExecution partition : partitions(manager)) {
            if (!PartitionFence.fail(jobRepository, partition, "unfinished when " + manager.getStepName() + " gave up")) {
                log.warn("{} could not be marked FAILED while {} gave up: its worker kept saving it",
                        partition.getStepName(), manager.getStepName());
            }
        }
    }

    private List<StepExecution> partitions(StepExecution manager) {
        return jobRepository.getJobExecution(manager.getJobExecutionId()).getStepExecutions().stream()
                .filter(step -> step.getStepName().startsWith(workerStep + ":"))
                .toList();
    }

    private String unfinished(StepExecution manager) {
        List<String> names = partitions(manager).stream()
                .filter(step -> step.getStatus() != BatchStatus.COMPLETED)
                .map(StepExecution::getStepName)
                .sorted()
                .toList();
        return names.isEmpty() ? "partitions of " + workerStep + " were" : "partition(s) " + String.join(", ", names)
                + (names.size() == 1 ? " was" : " were");
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " (" + root.getMessage() + ")");
    }
}
