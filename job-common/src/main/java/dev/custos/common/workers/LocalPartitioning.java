package dev.custos.common.workers;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.PartitionStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.core.task.TaskExecutor;

/** Partitions on threads of the process that runs the job. */
final class LocalPartitioning implements Partitioning {

    private final JobRepository jobRepository;

    LocalPartitioning(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    @Override
    public boolean remote() {
        return false;
    }

    @Override
    public StepBuilder workerStep(String name) {
        return new StepBuilder(name, jobRepository);
    }

    @Override
    public PartitionStepBuilder managerStep(String name, Step workerStep, Partitioner partitioner, int gridSize,
                                            TaskExecutor threads) {
        return new StepBuilder(name, jobRepository)
                .partitioner(workerStep.getName(), partitioner)
                .step(workerStep)
                .gridSize(gridSize)
                .taskExecutor(threads);
    }
}
