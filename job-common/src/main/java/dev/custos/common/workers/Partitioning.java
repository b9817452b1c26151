package dev.custos.common.workers;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.PartitionStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.core.task.TaskExecutor;

/**
 * Where the partitions of a job's partitioned steps run: on threads of the process that runs the
 * job ({@code custos.workers.enabled=false}, the default), or on worker nodes that take them from
 * the broker ({@link WorkersProperties}). A job builds its manager and worker steps through it and
 * stays the same either way.
 */
public interface Partitioning {

    /** Whether partitions run on worker nodes. */
    boolean remote();

    /** The builder of a worker step (the step one partition runs); on worker nodes it is wired to the broker. */
    StepBuilder workerStep(String name);

    /**
     * The builder of a manager step that splits its work with {@code partitioner} into partitions of
     * {@code workerStep} (at most {@code gridSize}, when the partitioner looks at it). Locally the
     * partitions run on {@code threads}; remotely they are sent to the workers and the manager polls
     * the job repository for their outcome, every {@code poll-interval}, for at most {@code timeout}.
     */
    PartitionStepBuilder managerStep(String name, Step workerStep, Partitioner partitioner, int gridSize,
                                     TaskExecutor threads);
}
