package dev.custos.common.results;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/** What an execution's steps committed: items read, written and skipped, summed over its steps. */
public record RunCounts(long read, long written, long skipped) {

    public static RunCounts of(JobExecution execution) {
        long read = 0;
        long written = 0;
        long skipped = 0;
        for (StepExecution step : execution.getStepExecutions()) {
            read += step.getReadCount();
            written += step.getWriteCount();
            skipped += step.getSkipCount();
        }
        return new RunCounts(read, written, skipped);
    }
}
