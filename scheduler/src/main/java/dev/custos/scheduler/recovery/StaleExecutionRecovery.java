package dev.custos.scheduler.recovery;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.custos.common.job.RunParameters;
import dev.custos.common.results.PeriodLock;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.RunCounts;
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
    private final PeriodLock periodLock;
    private final Duration staleAfter;

    public StaleExecutionRecovery(JobRepository jobRepository, JobOperator jobOperator, ResultsRepository results,
                                  PeriodLock periodLock, @Value("${custos.recovery.stale-after:PT2M}") Duration staleAfter) {
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.results = results;
        this.periodLock = periodLock;
        this.staleAfter = staleAfter;
    }

    public Duration staleAfter() {
        return staleAfter;
    }

    /**
     * Returns the executions marked FAILED: those whose run row is STARTED and stale, and those
     * Batch still has STARTED although their run row ended (Batch's last update failed after the
     * run row was closed).
     */
    public List<Long> recoverStaleExecutions() {
        Set<Long> silent = results.startedRunsSilentFor(staleAfter);
        List<RunRow> started = results.runs(new RunFilter(null, null, "STARTED", 0));
        List<Long> recovered = new ArrayList<>(started.stream()
                .map(run -> staleReason(run, silent).map(reason -> recover(run, reason)).orElse(null))
                .filter(Objects::nonNull)
                .toList());
        recovered.addAll(recoverBatchLeftStarted());
        return recovered;
    }

    /**
     * Batch executions still STARTED whose run row ended longer than stale-after ago, while no one
     * holds their period: Batch's own last update failed. An execution whose run row has just
     * ended is left alone (Batch may be writing its end right now), and so is one whose period is held.
     */
    private List<Long> recoverBatchLeftStarted() {
        List<Long> recovered = new ArrayList<>();
        for (String job : jobRepository.getJobNames()) {
            for (JobExecution execution : jobRepository.findRunningJobExecutions(job)) {
                Optional<String> ended = results.endedBefore(execution.getId(), staleAfter);
                if (ended.isEmpty()) {
                    continue;
                }
                String period = RunParameters.from(execution.getJobParameters()).period().toString();
                if (periodLock.holder(job, period).isPresent()) {
                    continue;
                }
                execution.setExitStatus(ExitStatus.FAILED.addExitDescription(
                        "left STARTED by Batch after the run ended " + ended.get()));
                jobOperator.recover(execution);
                log.warn("execution {} of {} {} was left STARTED by Batch although it ended {}; marked FAILED",
                        execution.getId(), job, period, ended.get());
                recovered.add(execution.getId());
            }
        }
        return recovered;
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

    /**
     * Why a run is taken for dead, or empty while it may be alive: its process is gone from this
     * host, or (another process's run) its heartbeat is older than stale-after by the database's clock.
     */
    private Optional<String> staleReason(RunRow run, Set<Long> silent) {
        Optional<String> gone = processGone(run.host(), run.pid());
        if (gone.isPresent()) {
            return gone;
        }
        boolean ownProcess = RunRecorder.hostName().equals(run.host()) && run.pid() != null
                && run.pid() == ProcessHandle.current().pid();
        if (silent.contains(run.executionId()) && !ownProcess) {
            return Optional.of("no heartbeat from %s since %s".formatted(run.host(),
                    run.heartbeatAt().atZone(ZoneId.systemDefault()).toInstant().truncatedTo(ChronoUnit.SECONDS)));
        }
        return Optional.empty();
    }

    /** Why process {@code pid} of {@code host} is taken for dead: another process of this host that is gone. */
    public Optional<String> processGone(String host, Long pid) {
        if (pid != null && RunRecorder.hostName().equals(host) && pid != ProcessHandle.current().pid()
                && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return Optional.of("process %d on %s is gone".formatted(pid, host));
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
        RunCounts counts = execution != null && !execution.getStepExecutions().isEmpty() ? RunCounts.of(execution)
                : new RunCounts(run.readCount(), run.writeCount(), run.skipCount());
        results.finishRun(run.executionId(), BatchStatus.FAILED.name(), LocalDateTime.now(), counts,
                "stale execution recovered: " + reason);
        log.warn("execution {} of {} {} marked FAILED: {}", run.executionId(), run.job(), run.period(), reason);
        return run.executionId();
    }
}
