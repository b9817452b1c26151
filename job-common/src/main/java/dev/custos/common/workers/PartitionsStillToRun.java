package dev.custos.common.workers;

import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;

/**
 * The job repository a worker reads a requested partition through: Batch's {@link
 * StepExecutionRequestHandler} reads the step execution and runs it whatever its status. This read
 * hands it over only while it is STARTING in a running job execution, so a partition its manager gave
 * up on (marked FAILED) between the worker's check of the request and this read is never started;
 * after this read the step's first save is version-checked against it, so a later mark fences it.
 */
final class PartitionsStillToRun {

    private PartitionsStillToRun() {
    }

    static JobRepository around(JobRepository repository) {
        ProxyFactory proxy = new ProxyFactory();
        proxy.setTarget(repository);
        proxy.setInterfaces(JobRepository.class);
        proxy.addAdvice((MethodInterceptor) call -> {
            Object result = call.proceed();
            if (call.getMethod().getName().equals("getStepExecution") && call.getArguments().length == 1
                    && result instanceof StepExecution partition && !stillToRun(partition)) {
                throw new PartitionOverException(partition);
            }
            return result;
        });
        return (JobRepository) proxy.getProxy(JobRepository.class.getClassLoader());
    }

    static boolean stillToRun(StepExecution partition) {
        return partition.getStatus() == BatchStatus.STARTING && partition.getJobExecution().isRunning();
    }

    /** A requested partition that is no longer to run: its manager gave up, or it ran already. */
    static final class PartitionOverException extends RuntimeException {

        PartitionOverException(StepExecution partition) {
            super(partition.getStepName() + " (step execution " + partition.getId() + ") is " + partition.getStatus()
                    + " in a job execution " + partition.getJobExecution().getStatus());
        }
    }
}
