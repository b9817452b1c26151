package dev.custos.common.workers;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.PartitionStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilder;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.task.TaskExecutor;
import org.springframework.messaging.MessageChannel;

/**
 * Partitions on worker nodes: Spring Batch's remote partitioning. The manager sends one request per
 * partition to {@code partitionRequests} (on to the broker) and polls the shared job repository for
 * the partitions' outcome with a timeout; a worker takes requests from {@code workerRequests} (fed
 * by the broker on a {@code custos worker} node) and runs the named worker step.
 */
final class RemotePartitioning implements Partitioning {

    private final RemotePartitioningManagerStepBuilderFactory managers;
    private final BeanFactory beanFactory;
    private final MessageChannel partitionRequests;
    private final MessageChannel workerRequests;
    private final MessageChannel workerOutcomes;
    private final JobRepository jobRepository;
    private final JobRepository workerRepository;
    private final WorkersProperties properties;

    RemotePartitioning(RemotePartitioningManagerStepBuilderFactory managers, BeanFactory beanFactory,
                       MessageChannel partitionRequests,
                       MessageChannel workerRequests, MessageChannel workerOutcomes, JobRepository jobRepository,
                       WorkersProperties properties) {
        this.managers = managers;
        this.beanFactory = beanFactory;
        this.partitionRequests = partitionRequests;
        this.workerRequests = workerRequests;
        this.workerOutcomes = workerOutcomes;
        this.jobRepository = jobRepository;
        this.workerRepository = PartitionsStillToRun.around(WorkerFailureMessages.around(jobRepository));
        this.properties = properties;
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public StepBuilder workerStep(String name) {
        // what RemotePartitioningWorkerStepBuilderFactory builds, but saving through workerRepository
        return new RemotePartitioningWorkerStepBuilder(name, workerRepository).beanFactory(beanFactory)
                .inputChannel(workerRequests).outputChannel(workerOutcomes);
    }

    @Override
    public PartitionStepBuilder managerStep(String name, Step workerStep, Partitioner partitioner, int gridSize,
                                            TaskExecutor threads) {
        return managers.get(name)
                .partitioner(workerStep.getName(), partitioner)
                .gridSize(gridSize)
                .outputChannel(partitionRequests)
                .pollInterval(properties.pollInterval().toMillis())
                .timeout(properties.timeout().toMillis())
                .listener(new PartitionFailures(workerStep.getName(), jobRepository, properties));
    }
}
