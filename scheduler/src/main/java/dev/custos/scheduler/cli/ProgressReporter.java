package dev.custos.scheduler.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Shows a long run's progress (current step, items read and written) on a terminal, from the
 * job repository every two seconds; silent when the output is not a terminal.
 */
final class ProgressReporter implements AutoCloseable {

    private final ScheduledExecutorService timer;

    private ProgressReporter(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static ProgressReporter start(JobRepository repository, String job, PrintWriter err) {
        Console console = System.console();
        if (console == null) {
            return new ProgressReporter(null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "custos-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> show(repository, job, err), 2, 2, TimeUnit.SECONDS);
        return new ProgressReporter(timer);
    }

    private static void show(JobRepository repository, String job, PrintWriter err) {
        for (JobExecution running : repository.findRunningJobExecutions(job)) {
            JobExecution execution = repository.getJobExecution(running.getId());
            execution.getStepExecutions().stream().max(Comparator.comparing(StepExecution::getId)).ifPresent(step ->
                    err.printf("\r%s: %s read %,d, written %,d   ", job, step.getStepName(), step.getReadCount(),
                            step.getWriteCount()));
            err.flush();
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
