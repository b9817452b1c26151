package dev.custos.jobs.reconciliation;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.listener.ExecutionContextPromotionListener;
import org.springframework.batch.core.partition.StepExecutionAggregator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What the review step counted while it read the staged grants (see {@link GrantReviewProcessor}):
 * the distinct grants, and the staged grant rows they merge. Both are promoted from the step's
 * context to the job's when the step completes; the publication reads them there instead of
 * counting millions of staged rows again.
 */
final class ReviewCounts {

    static final String GRANTS = "reconciliation.review.grants";
    static final String GRANT_ROWS = "reconciliation.review.grant-rows";

    private ReviewCounts() {
    }

    /** Listens to the review step: promotes the counts when the step completes. */
    static ExecutionContextPromotionListener promotion() {
        ExecutionContextPromotionListener listener = new ExecutionContextPromotionListener();
        listener.setKeys(new String[] {GRANTS, GRANT_ROWS});
        listener.setStrict(true);
        return listener;
    }

    /**
     * The partitioned review's outcome ({@link WorkerOutcome}) and its counts: each range's latest
     * step execution, this run's or, for a range that completed before a restart, an earlier run's,
     * summed into the manager step's context (from where {@link #promotion()} promotes them).
     */
    static StepExecutionAggregator summed(JobRepository jobRepository, String workerStep) {
        WorkerOutcome outcome = new WorkerOutcome();
        return (manager, workers) -> {
            outcome.aggregate(manager, workers);
            JobInstance instance = manager.getJobExecution().getJobInstance();
            Set<String> ranges = new TreeSet<>();
            workers.forEach(worker -> ranges.add(worker.getStepName()));
            for (JobExecution execution : jobRepository.getJobExecutions(instance)) {
                execution.getStepExecutions().stream().map(StepExecution::getStepName)
                        .filter(name -> name.startsWith(workerStep + ":")).forEach(ranges::add);
            }
            long grants = 0;
            long grantRows = 0;
            for (String range : ranges) {
                ExecutionContext counted = jobRepository.getLastStepExecution(instance, range).getExecutionContext();
                grants += counted.getLong(GRANTS, 0);
                grantRows += counted.getLong(GRANT_ROWS, 0);
            }
            manager.getExecutionContext().putLong(GRANTS, grants);
            manager.getExecutionContext().putLong(GRANT_ROWS, grantRows);
        };
    }

    /** The distinct grants reviewed, read from within a later step of the same job execution. */
    static long grants() {
        return count(GRANTS);
    }

    /** The staged grant rows (accepted rows of the grant files), read likewise. */
    static long grantRows() {
        return count(GRANT_ROWS);
    }

    private static long count(String key) {
        StepContext step = StepSynchronizationManager.getContext();
        if (step == null) {
            throw new IllegalStateException("the review counts are read within a step of the job");
        }
        ExecutionContext job = step.getStepExecution().getJobExecution().getExecutionContext();
        if (!job.containsKey(key)) {
            throw new IllegalStateException("the review step left no " + key);
        }
        return job.getLong(key);
    }
}
