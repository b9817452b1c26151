package dev.custos.common.workers;

import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import dev.custos.common.results.RunFailure;

/**
 * The job repository a worker step saves through: a failed partition is saved with the exit message
 * a run's failure gets (step, exception class, SQL state; never a database's text, which can quote a
 * row) in place of the stack trace Batch puts there. Every save is rewritten, not one after the step:
 * Batch saves the step FAILED, stack trace and all, before it calls the step's listeners, and the
 * manager, polling the repository, takes the first FAILED it reads.
 */
final class WorkerFailureMessages {

    private WorkerFailureMessages() {
    }

    static JobRepository around(JobRepository repository) {
        ProxyFactory proxy = new ProxyFactory();
        proxy.setTarget(repository);
        proxy.setInterfaces(JobRepository.class);
        proxy.addAdvice((MethodInterceptor) call -> {
            if (call.getMethod().getName().equals("update") && call.getArguments().length == 1
                    && call.getArguments()[0] instanceof StepExecution partition) {
                withoutStackTrace(partition);
            }
            return call.proceed();
        });
        return (JobRepository) proxy.getProxy(JobRepository.class.getClassLoader());
    }

    static void withoutStackTrace(StepExecution partition) {
        if (partition.getFailureExceptions().isEmpty()) {
            return;
        }
        partition.setExitStatus(new ExitStatus(partition.getExitStatus().getExitCode(),
                partition.getStepName() + ": " + RunFailure.message(partition.getFailureExceptions().get(0))));
    }
}
