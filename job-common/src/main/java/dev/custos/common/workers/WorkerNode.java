package dev.custos.common.workers;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.integration.StaticMessageHeaderAccessor;
import org.springframework.integration.acks.AcknowledgmentCallback;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.MessageBuilder;

import dev.custos.common.results.RunRecorder;

/**
 * A {@code custos worker} node: takes one partition request at a time from the broker (it asks only
 * when idle, so partitions spread over the workers that are free), checks that the request comes
 * from a manager of its own job repository and that its settings are the manager's ({@link
 * WorkerSettings}: a partition it would compute differently is failed with one line saying what
 * differs), and hands it to the worker step. A request from another
 * repository goes back to the queue untouched and the node stops: running it would write into a
 * repository the manager never reads.
 */
public final class WorkerNode {

    private static final Logger log = LoggerFactory.getLogger(WorkerNode.class);

    private final RepositoryIdentity identity;
    private final WorkerSettings settings;
    private final JobRepository jobRepository;
    private final MessageChannel workerRequests;
    private final CompletableFuture<String> refusal = new CompletableFuture<>();
    private final BlockingQueue<String> finished = new LinkedBlockingQueue<>();

    WorkerNode(RepositoryIdentity identity, WorkerSettings settings, JobRepository jobRepository,
               MessageChannel workerRequests) {
        this.identity = identity;
        this.settings = settings;
        this.jobRepository = jobRepository;
        this.workerRequests = workerRequests;
    }

    /** The identity of the job repository this node works against. */
    public String repositoryId() {
        return identity.id();
    }

    /** Waits until the node refused a request (returns why), or {@code millis} passed (empty). */
    public Optional<String> awaitRefusal(long millis) throws InterruptedException {
        try {
            return Optional.of(refusal.get(millis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException stillWorking) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The partitions this node ran since the last call, one line each (step name, id, status). */
    public List<String> finishedPartitions() {
        List<String> lines = new ArrayList<>();
        finished.drainTo(lines);
        return lines;
    }

    void finished(String line) {
        finished.add(line);
    }

    /** One request from the broker: a step name, the step execution's id, the manager's repository id and settings. */
    void take(Message<?> request) {
        AcknowledgmentCallback ack = StaticMessageHeaderAccessor.getAcknowledgmentCallback(request);
        String managerRepository = request.getHeaders().get(PartitionRequests.REPOSITORY, String.class);
        String stepName = String.valueOf(request.getPayload());
        Long stepExecutionId = request.getHeaders().get(PartitionRequests.STEP_EXECUTION, Long.class);
        if (refusal.isDone() || !identity.id().equals(managerRepository) || stepExecutionId == null) {
            ack.acknowledge(AcknowledgmentCallback.Status.REQUEUE);
            refusal.complete("a partition request (" + stepName + ", step execution " + stepExecutionId
                    + ") comes from job repository " + managerRepository + " but this worker's is " + identity.id()
                    + ": refused; point the worker's spring.datasource.* and custos.results.schema at the manager's database");
            return;
        }
        StepExecution partition = jobRepository.getStepExecution(stepExecutionId);
        if (partition == null || !PartitionsStillToRun.stillToRun(partition)) {
            // a request left on the queue by a manager that gave up (its timeout) or a partition run already:
            // custos restart sends a new request for what is still to do
            ack.acknowledge(AcknowledgmentCallback.Status.ACCEPT);
            log.warn("worker: dropped a request for {} (step execution {}): {}", stepName, stepExecutionId,
                    partition == null ? "no such step execution" : "it is " + partition.getStatus() + " in a job execution "
                            + partition.getJobExecution().getStatus());
            return;
        }
        // taken before the partition runs: a worker that dies mid-partition leaves it to the manager's timeout
        // and custos restart, never to a second worker running it beside a first that is only slow
        ack.acknowledge(AcknowledgmentCallback.Status.ACCEPT);
        Optional<String> differences = settings.differencesFrom(
                request.getHeaders().get(PartitionRequests.SETTINGS, String.class));
        if (differences.isPresent()) {
            refuse(partition, differences.get());
            return;
        }
        log.info("worker: running {} (step execution {})", stepName, stepExecutionId);
        try {
            workerRequests.send(MessageBuilder.withPayload(new StepExecutionRequest(stepName, stepExecutionId)).build());
        } catch (MessagingException e) {
            if (!(e.getCause() instanceof PartitionsStillToRun.PartitionOverException over)) {
                throw e;
            }
            log.warn("worker: dropped a request for {}: {}", stepName, over.getMessage());
        }
    }

    /**
     * Fails a partition this worker would compute otherwise than its manager: its one line, saved with
     * the status, is what the manager's run says (with "on a worker node").
     */
    private void refuse(StepExecution partition, String differences) {
        String line = partition.getStepName() + ": refused by the worker on " + RunRecorder.hostName() + ": "
                + differences + "; run the same custos.jar with the same custos.properties on every node";
        partition.setStatus(BatchStatus.FAILED);
        partition.setExitStatus(ExitStatus.FAILED.addExitDescription(line));
        partition.setEndTime(LocalDateTime.now());
        try {
            jobRepository.update(partition);
        } catch (OptimisticLockingFailureException givenUp) {
            // the manager marked the partition FAILED in between (its timeout): its message stands, this worker's is logged
            log.error("worker: {} (not saved: its manager had already given the partition up)", line);
            finished(partition.getStepName() + " (step execution " + partition.getId() + "): refused: " + differences
                    + " (given up by its manager meanwhile)");
            return;
        }
        log.error("worker: {}", line);
        finished(partition.getStepName() + " (step execution " + partition.getId() + "): refused: " + differences);
    }
}
