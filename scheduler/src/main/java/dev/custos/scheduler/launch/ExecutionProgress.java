package dev.custos.scheduler.launch;

import java.util.Comparator;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import dev.custos.common.command.CommandOutput;

/**
 * Where a run is, for the API's progress and the console's execution page alike: its status, whether
 * it is still running, its current step (the running one, or the last one it started) with that
 * step's counts as of its last commit, and how many steps completed.
 */
public record ExecutionProgress(long executionId, String job, String period, String status, boolean running,
                                String startedAt, String endedAt, CurrentStep step, int stepsDone) {

    public record CurrentStep(String name, String status, long read, long written, long skipped, long commits) {
    }

    public static ExecutionProgress of(JobExecution execution) {
        CurrentStep current = execution.getStepExecutions().stream()
                .max(Comparator.comparing((StepExecution step) -> step.getStatus().isRunning())
                        .thenComparing(StepExecution::getId))
                .map(step -> new CurrentStep(step.getStepName(), step.getStatus().name(), step.getReadCount(),
                        step.getWriteCount(), step.getSkipCount(), step.getCommitCount()))
                .orElse(null);
        int done = (int) execution.getStepExecutions().stream()
                .filter(step -> step.getStatus() == BatchStatus.COMPLETED).count();
        return new ExecutionProgress(execution.getId(), execution.getJobInstance().getJobName(),
                execution.getJobParameters().getString("period"), execution.getStatus().name(), execution.isRunning(),
                CommandOutput.utc(execution.getStartTime()), CommandOutput.utc(execution.getEndTime()), current, done);
    }
}
