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
import org.springframework.batch.core.ExitStatus;
import org.slf4j.MDC;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.DisposableBean;

/**
 * Keeps a run row per job execution: written when the execution starts, refreshed by a heartbeat
 * while it runs (so another process can tell a live run from one whose process died), and
 * closed with status, timings, counts and the failure message when it ends.
 */
public class RunRecorder implements JobExecutionListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RunRecorder.class);

    /** Log context of a run's lines (MDC keys). */
    public static final String MDC_EXECUTION_ID = "execution_id";
    public static final String MDC_JOB = "job";
    public static final String MDC_PERIOD = "period";

    /* The identifying job parameters of every control's run, as RunParameters writes them; read by
       name so that results, on which common.job builds, does not depend on common.job. */
    private static final String PERIOD_PARAMETER = "period";
    private static final String RERUN_PARAMETER = "rerun";

    private final ResultsRepository results;
    private final PeriodLock periodLock;
    private final JobRepository jobRepository;
    private final String codeVersion;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    /* executions that took their period themselves (started without the launcher, which holds it otherwise) */
    private final Set<Long> ownLocks = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat;

    public RunRecorder(ResultsRepository results, PeriodLock periodLock, JobRepository jobRepository, String codeVersion,
                       long heartbeatSeconds) {
        this.results = results;
        this.periodLock = periodLock;
        this.jobRepository = jobRepository;
        this.codeVersion = codeVersion;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "custos-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, heartbeatSeconds, heartbeatSeconds, TimeUnit.SECONDS);
    }

    /**
     * Names the execution as the run holding its period, taking the period when the launcher has
     * not (a job started by other means), and refuses it when another run holds the period.
     */
    @Override
    public void beforeJob(JobExecution execution) {
        String job = execution.getJobInstance().getJobName();
        String period = period(execution);
        // every line the run logs names it (structured logging writes these as fields); cleared in afterJob
        MDC.put(MDC_EXECUTION_ID, String.valueOf(execution.getId()));
        MDC.put(MDC_JOB, job);
        MDC.put(MDC_PERIOD, period);
        if (!periodLock.attach(job, period, execution.getId())) {
            Optional<PeriodLock.Holder> holder;
            do { // a holder seen, then released before it could be read: try again
                holder = periodLock.tryAcquire(job, period, "execution-" + execution.getId(), execution.getId());
            } while (holder.isPresent() && holder.get().released());
            if (holder.isPresent()) {
                throw new PeriodBusyException(job, period, holder.get());
            }
            ownLocks.add(execution.getId());
        }
        RunRow row = RunRow.started(execution.getId(), execution.getJobInstanceId(),
                execution.getJobInstance().getJobName(), period, rerun(execution),
                execution.getStartTime() == null ? LocalDateTime.now() : execution.getStartTime());
        results.startRun(row, codeVersion, hostName(), ProcessHandle.current().pid());
        running.add(execution.getId());
    }

    @Override
    public void afterJob(JobExecution execution) {
        running.remove(execution.getId());
        try {
            finish(execution);
        } finally {
            String job = execution.getJobInstance().getJobName();
            String period = period(execution);
            try {
                if (ownLocks.remove(execution.getId())) {
                    periodLock.releaseExecution(job, period, execution.getId());
                } else {
                    periodLock.detach(job, period, execution.getId());
                }
            } catch (RuntimeException e) {
                // the outcome stands; a hold left behind is taken for dead (its process no longer counts it as held)
                log.warn("execution {} of {} {}: its hold of the period could not be updated: {}", execution.getId(),
                        job, period, e.getMessage());
            } finally {
                MDC.remove(MDC_EXECUTION_ID);
                MDC.remove(MDC_JOB);
                MDC.remove(MDC_PERIOD);
            }
        }
    }

    private void finish(JobExecution execution) {
        RunCounts counts = RunCounts.of(execution);
        logFailures(execution);
        Optional<String> failure = failureMessage(execution);
        failure.ifPresent(text -> replaceExitDescriptions(execution, text));
        String message = failure.orElse(execution.getExitStatus().getExitDescription());
        results.finishRun(execution.getId(), execution.getStatus().name(),
                execution.getEndTime() == null ? LocalDateTime.now() : execution.getEndTime(),
                counts, message == null || message.isBlank() ? null : message);
    }

    /**
     * What went wrong first: the failure of the earliest failed step (later steps and the job
     * itself mostly fail as a consequence), else the job's own failure.
     */
    public static Optional<String> failureMessage(JobExecution execution) {
        return Stream.concat(
                        execution.getStepExecutions().stream()
                                .sorted(Comparator.comparing(StepExecution::getId))
                                .flatMap(step -> step.getFailureExceptions().stream()
                                        .map(failure -> stepMessage(step, failure))),
                        execution.getFailureExceptions().stream().map(RunFailure::message))
                .findFirst();
    }

    /** A database error names its step (an operator's own failures name their file or object). */
    private static String stepMessage(StepExecution step, Throwable failure) {
        return RunFailure.database(failure).isPresent()
                ? "step " + step.getStepName() + ": " + RunFailure.message(failure)
                : RunFailure.message(failure);
    }

    /** The message written for an operator, one line: see {@link RunFailure#message}. */
    public static String rootMessage(Throwable failure) {
        return RunFailure.message(failure);
    }

    /*
     * Spring Batch logs a failed step's exception (org.springframework.batch.core.step and .job: switched off in the
     * application's logging settings) and keeps its stack trace as the step's and the job's exit
     * description; a database's text in either could quote a row's values. The log gets each failure
     * here, through RunFailure.forLog, and the Batch tables the run's one-line message.
     */
    private static void logFailures(JobExecution execution) {
        String job = execution.getJobInstance().getJobName();
        String period = period(execution);
        for (StepExecution step : execution.getStepExecutions()) {
            for (Throwable failure : step.getFailureExceptions()) {
                log.error("execution {} of {} {}: step {} failed: {}", execution.getId(), job, period,
                        step.getStepName(), RunFailure.message(failure), RunFailure.forLog(failure));
            }
        }
        for (Throwable failure : execution.getFailureExceptions()) {
            log.error("execution {} of {} {} failed: {}", execution.getId(), job, period, RunFailure.message(failure),
                    RunFailure.forLog(failure));
        }
    }

    private void replaceExitDescriptions(JobExecution execution, String message) {
        execution.setExitStatus(new ExitStatus(execution.getExitStatus().getExitCode(), message));
        for (StepExecution step : execution.getStepExecutions()) {
            if (!step.getFailureExceptions().isEmpty()) {
                step.setExitStatus(new ExitStatus(step.getExitStatus().getExitCode(),
                        stepMessage(step, step.getFailureExceptions().get(0))));
                try {
                    jobRepository.update(step);
                } catch (RuntimeException e) {
                    log.warn("execution {}: the exit description of step {} could not be updated: {}",
                            execution.getId(), step.getStepName(), e.getClass().getSimpleName());
                }
            }
        }
    }

    private void beat() {
        periodLock.heartbeat();
        for (Long executionId : running) {
            try {
                results.heartbeat(executionId);
            } catch (RuntimeException e) {
                log.warn("heartbeat of execution {} failed: {}", executionId, e.getMessage());
            }
        }
    }

    private static String period(JobExecution execution) {
        return execution.getJobParameters().getString(PERIOD_PARAMETER);
    }

    private static int rerun(JobExecution execution) {
        JobParameters parameters = execution.getJobParameters();
        Long rerun = parameters.getLong(RERUN_PARAMETER);
        return rerun == null ? 0 : rerun.intValue();
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
