package dev.custos.common.results;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.DisposableBean;

import dev.custos.common.CustosException;
import dev.custos.common.period.Period;

/**
 * Keeps a run row per job execution: written when the execution starts, refreshed by a heartbeat
 * while it runs (so another process can tell a live run from one whose process died), and
 * closed with status, timings, counts and the failure message when it ends.
 */
public class RunRecorder implements JobExecutionListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RunRecorder.class);
    // the identifying job parameters every control's run has (RunParameters writes them); read by
    // name here so that results, which common.job builds on, does not depend on common.job
    private static final String PERIOD_PARAMETER = "period";
    private static final String RERUN_PARAMETER = "rerun";

    private final ResultsRepository results;
    private final String codeVersion;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat;

    public RunRecorder(ResultsRepository results, String codeVersion, long heartbeatSeconds) {
        this.results = results;
        this.codeVersion = codeVersion;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "custos-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, heartbeatSeconds, heartbeatSeconds, TimeUnit.SECONDS);
    }

    @Override
    public void beforeJob(JobExecution execution) {
        JobParameters parameters = execution.getJobParameters();
        Long rerun = parameters.getLong(RERUN_PARAMETER);
        RunRow row = RunRow.started(execution.getId(), execution.getJobInstanceId(),
                execution.getJobInstance().getJobName(), Period.parse(parameters.getString(PERIOD_PARAMETER)).toString(),
                rerun == null ? 0 : rerun.intValue(),
                execution.getStartTime() == null ? LocalDateTime.now() : execution.getStartTime());
        results.startRun(row, codeVersion, hostName(), ProcessHandle.current().pid());
        running.add(execution.getId());
    }

    @Override
    public void afterJob(JobExecution execution) {
        running.remove(execution.getId());
        long read = 0;
        long written = 0;
        long skipped = 0;
        for (StepExecution step : execution.getStepExecutions()) {
            read += step.getReadCount();
            written += step.getWriteCount();
            skipped += step.getSkipCount();
        }
        String message = failureMessage(execution).orElse(execution.getExitStatus().getExitDescription());
        results.finishRun(execution.getId(), execution.getStatus().name(),
                execution.getEndTime() == null ? LocalDateTime.now() : execution.getEndTime(),
                read, written, skipped, message == null || message.isBlank() ? null : message);
    }

    /**
     * What went wrong first: the failure of the earliest failed step (later steps and the job
     * itself mostly fail as a consequence), else the job's own failure.
     */
    public static Optional<String> failureMessage(JobExecution execution) {
        return Stream.concat(
                        execution.getStepExecutions().stream()
                                .sorted(Comparator.comparing(StepExecution::getId))
                                .flatMap(step -> step.getFailureExceptions().stream()),
                        execution.getFailureExceptions().stream())
                .map(RunRecorder::rootMessage)
                .findFirst();
    }

    /**
     * The message written for an operator: the innermost {@link CustosException}'s (which names the
     * file, line or object; the library exception it wraps, say a CSV parser's "EOF reached before
     * encapsulated token finished", names none), else the innermost message.
     */
    public static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        Throwable custos = failure instanceof CustosException ? failure : null;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause instanceof CustosException) {
                custos = cause;
            }
        }
        Throwable chosen = custos != null ? custos : cause;
        String message = chosen.getMessage();
        return message == null ? chosen.getClass().getSimpleName() : message;
    }

    private void beat() {
        for (Long executionId : running) {
            try {
                results.heartbeat(executionId);
            } catch (RuntimeException e) {
                log.warn("heartbeat of execution {} failed: {}", executionId, e.getMessage());
            }
        }
    }

    public static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    @Override
    public void destroy() {
        heartbeat.shutdownNow();
    }
}
