package dev.custos.jobs.reconciliation;

import java.util.Collection;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.partition.StepExecutionAggregator;
import org.springframework.batch.core.step.StepExecution;

import dev.custos.common.CustosException;

/**
 * What a partitioned step takes from its workers: their status and exit status, and a failed
 * worker's own exception, rethrown so that the manager step fails with it (say,
 * "access_grants_crm.csv: not valid UTF-8 in the record starting at line 40") instead of with
 * "Partition handler returned an unsuccessful step". Unlike Spring Batch's default aggregator it
 * leaves the item counts on the workers, so that a run's totals, summed over its steps, count every
 * row once.
 */
final class WorkerOutcome implements StepExecutionAggregator {

    @Override
    public void aggregate(StepExecution manager, Collection<StepExecution> workers) {
        for (StepExecution worker : workers) {
            manager.upgradeStatus(worker.getStatus());
            manager.setExitStatus(manager.getExitStatus().and(worker.getExitStatus()));
        }
        for (StepExecution worker : workers) {
            for (Throwable failure : worker.getFailureExceptions()) {
                if (failure instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (failure instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(worker.getStepName() + " failed: " + failure.getMessage(), failure);
            }
        }
        for (StepExecution worker : workers) {
            if (worker.getStatus() == BatchStatus.FAILED) {
                // run on a worker node: its exception stayed there; its exit message says what failed
                // (common.workers.WorkerFailureMessages saves it with the status, as a run's failure is
                // written, without a database's text)
                String message = worker.getExitStatus().getExitDescription();
                throw new CustosException(message != null && message.startsWith(worker.getStepName() + ": ")
                        ? message + " (on a worker node)"
                        : worker.getStepName() + " failed on a worker node; its log says why");
            }
        }
    }
}
