package dev.custos.scheduler.recovery;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.RunFilter;
import dev.custos.common.results.RunRecorder;
import dev.custos.common.results.RunRow;

/**
 * Marks executions left STARTED by a process that no longer runs as FAILED, with the reason, so
 * that they can be restarted. A run is stale when its process is gone from this host, or when its
 * heartbeat is older than {@code custos.recovery.stale-after} (a process on another node died).
 */
@Component
public class StaleExecutionRecovery {

    private static final Logger log = LoggerFactory.getLogger(StaleExecutionRecovery.class);

    /** Beyond stale-after: the last heartbeat may be a beat old, and a poll late. */
    private static final Duration SETTLE_MARGIN = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final ResultsRepository results;
    private final Duration staleAfter;

    public StaleExecutionRecovery(JobRepository jobRepository, JobOperator jobOperator, ResultsRepository results,
                                  @Value("${custos.recovery.stale-after:PT2M}") Duration staleAfter) {
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.results = results;
        this.staleAfter = staleAfter;
    }

    /** Returns the executions marked FAILED. */
    public List<Long> recoverStaleExecutions() {
        String host = RunRecorder.hostName();
        List<RunRow> started = results.runs(new RunFilter(null, null, "STARTED", 0));
        return started.stream()
                .map(run -> staleReason(run, host).map(reason -> recover(run, reason)).orElse(null))
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /**
     * For a run whose node died: waits until no execution of (job, period) is left STARTED,
     * marking each FAILED as soon as it is stale (at once when its process is gone from this host;
     * once its heartbeat is {@code custos.recovery.stale-after} old when it ran on another host).
     *
     * @return false when one is still STARTED after that long and a margin: a live process runs it
     */
    public boolean awaitNoDeadRun(String job, String period) {
        long deadline = System.nanoTime() + staleAfter.plus(SETTLE_MARGIN).toNanos();
        RunFilter startedOfPeriod = new RunFilter(job, period, "STARTED", 0);
        while (true) {
            recoverStaleExecutions();
            List<RunRow> started = results.runs(startedOfPeriod);
            if (started.isEmpty()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                log.warn("{} {}: execution {} is still running on {} with a live heartbeat; not resuming it", job,
                        period, started.get(0).executionId(), started.get(0).host());
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private Optional<String> staleReason(RunRow run, String host) {
        return staleReason(run.host(), run.pid(), run.heartbeatAt());
    }

    /**
     * Why a process that beats {@code heartbeatAt} as {@code pid} on {@code runHost} is taken for
     * dead (also how a period's hold is judged), or empty while it may be alive.
     */
    public Optional<String> staleReason(String runHost, Long pid, LocalDateTime heartbeatAt) {
        String host = RunRecorder.hostName();
        if (pid != null && host.equals(runHost) && pid != ProcessHandle.current().pid()
                && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false) {
            return Optional.of("process %d on %s is gone".formatted(pid, runHost));
        }
        if (heartbeatAt != null && heartbeatAt.isBefore(LocalDateTime.now().minus(staleAfter))
                && !(host.equals(runHost) && pid != null && pid == ProcessHandle.current().pid())) {
            return Optional.of("no heartbeat from %s since %s".formatted(runHost, heartbeatAt));
        }
        return Optional.empty();
    }

    private Long recover(RunRow run, String reason) {
        JobExecution execution = jobRepository.getJobExecution(run.executionId());
        if (execution != null && execution.isRunning()) {
            execution.setExitStatus(ExitStatus.FAILED.addExitDescription("stale execution recovered: " + reason));
            jobOperator.recover(execution);
        }
        // the run row of a dead process was never finished: its counts are what its steps committed
        long read = run.readCount();
        long written = run.writeCount();
        long skipped = run.skipCount();
        if (execution != null && !execution.getStepExecutions().isEmpty()) {
            read = execution.getStepExecutions().stream().mapToLong(StepExecution::getReadCount).sum();
            written = execution.getStepExecutions().stream().mapToLong(StepExecution::getWriteCount).sum();
            skipped = execution.getStepExecutions().stream().mapToLong(StepExecution::getSkipCount).sum();
        }
        results.finishRun(run.executionId(), BatchStatus.FAILED.name(), LocalDateTime.now(), read, written, skipped,
                "stale execution recovered: " + reason);
        log.warn("execution {} of {} {} marked FAILED: {}", run.executionId(), run.job(), run.period(), reason);
        return run.executionId();
    }
}
