package dev.custos.scheduler.launch;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

import dev.custos.common.CustosException;
import dev.custos.common.job.Control;
import dev.custos.common.job.CustosProperties;
import dev.custos.common.job.JobSteps;
import dev.custos.common.job.RunParameters;
import dev.custos.common.period.InvalidPeriodException;
import dev.custos.common.period.Period;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.RunCounts;
import dev.custos.common.results.RunFilter;
import dev.custos.common.results.RunRecorder;
import dev.custos.common.results.RunRow;
import dev.custos.common.results.StagingTables;
import dev.custos.common.workers.PartitionFence;
import dev.custos.common.workers.WorkersProperties;
import dev.custos.scheduler.recovery.StaleExecutionRecovery;

/**
 * Starts and restarts control runs, for the command line and the scheduler alike. One job
 * instance per (job, period): a failed period is resumed, a completed one is not run twice
 * unless a rerun is asked, which starts a new instance whose results replace the period's.
 */
@Component
@EnableConfigurationProperties(LaunchProperties.class)
public class ControlLauncher {

    private static final Logger log = LoggerFactory.getLogger(ControlLauncher.class);
    private static final String ABANDONED = BatchStatus.ABANDONED.name();
    /** Non-identifying job parameter: whether the execution ran its partitions on worker nodes. */
    static final String WORKERS = "workers";

    private final ControlCatalog catalog;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final ResultsRepository results;
    private final StagingTables stagingTables;
    private final CustosProperties properties;
    private final StaleExecutionRecovery recovery;
    private final PeriodHold periodHold;
    private final LaunchProperties launchProperties;
    private final StopSignal stopSignal;
    private final WorkersProperties workers;

    ControlLauncher(ControlCatalog catalog, JobOperator jobOperator, JobRepository jobRepository,
                    ResultsRepository results, StagingTables stagingTables, CustosProperties properties,
                    StaleExecutionRecovery recovery, PeriodHold periodHold, LaunchProperties launchProperties,
                    StopSignal stopSignal, WorkersProperties workers) {
        this.catalog = catalog;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.results = results;
        this.stagingTables = stagingTables;
        this.properties = properties;
        this.recovery = recovery;
        this.periodHold = periodHold;
        this.launchProperties = launchProperties;
        this.stopSignal = stopSignal;
        this.workers = workers;
    }

    /**
     * The period a run covers: the given text checked against the job's period type, or the default.
     * A period later than the default (one not over yet; for backup, a day after today) is refused: a
     * run would record it as completed before its data is complete, and its scheduled run would then
     * skip it as done.
     */
    public Period period(String job, String text) {
        Control control = catalog.control(job);
        LocalDate today = LocalDate.now(properties.zone());
        Period latest = control.defaultPeriod(today);
        if (text == null) {
            return latest;
        }
        Period period;
        try {
            period = Period.parse(text, control.periodType());
        } catch (InvalidPeriodException e) {
            throw new InvalidPeriodException(job + ": " + e.getMessage());
        }
        if (period.compareTo(latest) > 0) {
            throw new InvalidPeriodException("%s: %s %s (today is %s in %s); the latest period it can run is %s. A run "
                    .formatted(job, period, period.start().isAfter(today) ? "has not begun" : "is not over yet", today,
                            properties.zone(), latest)
                    + "now would record the period as completed before its data is, and its scheduled run would skip it");
        }
        return period;
    }

    /**
     * Runs (job, period) now and waits.
     *
     * @param inbox the folder holding the period's input files; {@code null} for the period's folder
     *              under {@code custos.inbox} ({@link InboxLayout})
     */
    public RunOutcome run(String job, Period period, boolean rerun, Path inbox, Path outbox) {
        return run(job, period, rerun, inbox, outbox, Set.of());
    }

    /**
     * As {@link #run(String, Period, boolean, Path, Path)}, asking for {@code options} of the
     * control's {@link Control#runOptions()}.
     *
     * @throws UnknownRunOptionException when the control does not offer one of them
     */
    public RunOutcome run(String job, Period period, boolean rerun, Path inbox, Path outbox, Set<String> options) {
        return prepare(job, period, rerun, inbox, outbox, options).carryOut();
    }

    /** How a launch treats its period's earlier runs. */
    public enum Launch {
        /** Resumes a failed period or runs a new one; a completed period has nothing to run. */
        RUN,
        /** A new instance of the period, completed or not (its results replace the period's). */
        RERUN,
        /**
         * A new instance of a period that has not completed; a completed one has nothing to run, judged
         * with the period held, so that no run completes it between the judgement and this run (where a
         * rerun of a completed period waits for approval).
         */
        RERUN_UNLESS_COMPLETED
    }

    /** As {@link #prepare(String, Period, Launch, Path, Path, Set)}, a rerun or not. */
    public PreparedRun prepare(String job, Period period, boolean rerun, Path inbox, Path outbox, Set<String> options) {
        return prepare(job, period, rerun ? Launch.RERUN : Launch.RUN, inbox, outbox, options);
    }

    /**
     * Decides a launch of (job, period) with the period held, so that a period another run holds, an
     * unknown option or a completed period is answered at once; the run itself is carried out by
     * {@link PreparedRun#carryOut()}, in this thread or another, and releases the hold.
     */
    public PreparedRun prepare(String job, Period period, Launch launch, Path inbox, Path outbox, Set<String> options) {
        Control control = catalog.control(job);
        Set<String> unknown = new TreeSet<>(options);
        unknown.removeAll(control.runOptions());
        if (!unknown.isEmpty()) {
            throw new UnknownRunOptionException("%s has no option %s%s".formatted(job,
                    unknown.stream().map(option -> "--" + option).toList(), control.runOptions().isEmpty() ? ""
                            : "; it has " + control.runOptions().stream().sorted().map(option -> "--" + option).toList()));
        }
        recovery.recoverStaleExecutions();
        return holding(job, period.toString(), () -> decide(job, period, launch, inbox, outbox, options));
    }

    private PreparedRun holding(String job, String period, Supplier<PreparedRun.Decision> decision) {
        String holder = periodHold.hold(job, period);
        PreparedRun prepared = new PreparedRun(job, period, () -> periodHold.release(job, period, holder),
                () -> periodHold.execution(job, period, holder));
        try {
            prepared.decided(decision.get());
            return prepared;
        } catch (RuntimeException e) {
            prepared.release();
            throw e;
        }
    }

    private PreparedRun.Decision decide(String job, Period period, Launch launch, Path inbox, Path outbox,
                                        Set<String> options) {
        boolean rerun = launch != Launch.RUN;
        List<RunRow> runs = results.runs(RunFilter.of(job, period.toString()));
        runs.stream().filter(run -> !"COMPLETED".equals(run.status()) && !"STARTED".equals(run.status()))
                .map(run -> jobRepository.getJobExecution(run.executionId())).filter(Objects::nonNull)
                .forEach(this::settle);
        Optional<RunRow> latest = runs.stream().findFirst();
        // an abandoned instance cannot be resumed: the period starts afresh, unless an earlier run completed it
        boolean abandoned = latest.filter(run -> ABANDONED.equals(run.status())).isPresent();
        if (abandoned) {
            latest = runs.stream().filter(run -> "COMPLETED".equals(run.status())).findFirst();
        }
        if (latest.isPresent() && "COMPLETED".equals(latest.get().status()) && launch != Launch.RERUN) {
            RunRow done = latest.get();
            return PreparedRun.Decision.nothingToRun(new RunOutcome(job, period.toString(), done.executionId(),
                    done.status(), "%s %s already completed by execution %d; use --rerun%s to run it again%s"
                            .formatted(job, period, done.executionId(), flags(options),
                                    options.isEmpty() ? "" : " (as a new run of the period)"),
                    results.metricsOfInstance(done.jobInstanceId()), results.warningsOfInstance(done.jobInstanceId()),
                    true));
        }
        int rerunNumber = latest.map(RunRow::rerun).orElse(0);
        if (!rerun && !abandoned && latest.isPresent() && !"STARTED".equals(latest.get().status())) {
            JobExecution resumed = jobRepository.getJobExecution(latest.get().executionId());
            if (resumed != null) {
                refuseOtherPartitioning(resumed, job, period.toString());
            }
        }
        if (rerun || abandoned) {
            rerunNumber = runs.stream().mapToInt(RunRow::rerun).max().orElse(0) + 1;
        }
        RunParameters parameters = new RunParameters(period, rerunNumber,
                inbox == null ? InboxLayout.periodFolder(properties.inbox(), job, period) : inbox,
                outbox == null ? properties.outbox() : outbox);
        return PreparedRun.Decision.toRun(() -> launch(job, parameters, options));
    }

    /**
     * The inbox root a run reads its period's folder under: {@code inbox} when given (a backfill's
     * {@code --inbox}), {@code custos.inbox} otherwise.
     */
    public Path inboxRoot(Path inbox) {
        return inbox == null ? properties.inbox() : inbox;
    }

    /**
     * Before a backfill of {@code periods} starts: the first period still to run (not completed)
     * whose folder under {@code inboxRoot} is missing or empty; none for a control that reads no inbox.
     */
    public Optional<InboxLayout.Unready> unreadyInputs(String job, List<Period> periods, Path inboxRoot) {
        if (!catalog.control(job).readsInbox()) {
            return Optional.empty();
        }
        List<Period> toRun = periods.stream()
                .filter(period -> results.publishedExecution(job, period.toString()).isEmpty()).toList();
        return InboxLayout.firstUnready(inboxRoot, job, toRun);
    }

    public RunOutcome restart(long executionId) {
        return prepareRestart(executionId).carryOut();
    }

    /**
     * Decides a restart of the execution with its period held: a run still running, abandoned or
     * superseded is refused at once, a completed period has nothing to resume; the restart itself is
     * carried out by {@link PreparedRun#carryOut()}, in this thread or another.
     */
    public PreparedRun prepareRestart(long executionId) {
        recovery.recoverStaleExecutions();
        JobExecution execution = execution(executionId);
        String job = execution.getJobInstance().getJobName();
        catalog.control(job);
        RunParameters parameters = RunParameters.from(execution.getJobParameters());
        if (execution.isRunning()) {
            throw new CustosException("execution %d of %s %s is still running".formatted(executionId, job,
                    parameters.period()));
        }
        return holding(job, parameters.period().toString(),
                () -> decideRestart(executionId, execution, job, parameters));
    }

    private PreparedRun.Decision decideRestart(long executionId, JobExecution execution, String job,
                                               RunParameters parameters) {
        JobExecution last = jobRepository.getLastJobExecution(execution.getJobInstance());
        if (last != null && last.getStatus() == BatchStatus.ABANDONED) {
            throw new CustosException(("execution %d of %s %s was abandoned and its staged inputs deleted, so it "
                    + "cannot be resumed; run the period again with: custos run %s --period %s")
                    .formatted(executionId, job, parameters.period(), job, parameters.period()));
        }
        JobSteps.refuseIfSuperseded(results, job, parameters.period().toString(), parameters.rerun());
        if (last != null && !last.getStatus().name().equals("COMPLETED")) {
            refuseOtherPartitioning(last, job, parameters.period().toString());
        }
        if (last != null && last.getStatus().name().equals("COMPLETED")) {
            return PreparedRun.Decision.nothingToRun(new RunOutcome(job, parameters.period().toString(), last.getId(),
                    "COMPLETED",
                    "%s %s already completed by execution %d; nothing to resume (to run it again: custos run %s --period %s --rerun)"
                            .formatted(job, parameters.period(), last.getId(), job, parameters.period()),
                    results.metricsOfInstance(last.getJobInstanceId()), results.warningsOfInstance(last.getJobInstanceId()),
                    true));
        }
        JobExecution toRestart = settle(last == null ? execution : last).execution();
        return PreparedRun.Decision.toRun(() -> {
            try {
                return outcome(job, parameters, retryLostConnections(settle(jobOperator.restart(toRestart))));
            } catch (JobRestartException e) {
                throw new CustosException("cannot restart execution " + executionId + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * A resumed execution splits its partitioned steps as the execution it resumes did: with worker
     * nodes, permission-reconciliation's review is ranges of employee id, each a step of its own;
     * without, one chunk step. Resumed the other way, the review would start again beside the rows
     * its first attempt saved. (The number of ranges may change: Batch keeps the resumed split.)
     */
    private void refuseOtherPartitioning(JobExecution resumed, String job, String period) {
        String ranWith = resumed.getJobParameters().getString(WORKERS);
        if (ranWith != null && !ranWith.equals(String.valueOf(workers.enabled()))) {
            throw new CustosException(("execution %d of %s %s ran with custos.workers.enabled=%s but this node has "
                    + "custos.workers.enabled=%s; resume it with custos.workers.enabled=%s (a resumed run splits its "
                    + "partitioned steps as the run it resumes did)").formatted(resumed.getId(), job, period, ranWith,
                    workers.enabled(), ranWith));
        }
    }

    /**
     * Asks a running execution to stop: a chunk step ends STOPPED at its next chunk boundary, its
     * rows and reader position committed together, a tasklet step once its work is committed, and
     * a restart resumes it there; the repository carries the request to whichever node runs it
     * ({@link StopSignal}, not Batch's {@code JobOperator.stop}).
     *
     * @throws CustosException when the execution is not running
     */
    public Stopping stop(long executionId) {
        recovery.recoverStaleExecutions();
        JobExecution execution = execution(executionId);
        String job = execution.getJobInstance().getJobName();
        String period = RunParameters.from(execution.getJobParameters()).period().toString();
        if (execution.isRunning() && stopSignal.send(executionId)) {
            log.info("{} {}: execution {} asked to stop", job, period, executionId);
            return new Stopping(job, period, executionId);
        }
        throw new CustosException("execution %d of %s %s is not running (%s); only a running execution can be stopped"
                .formatted(executionId, job, period, jobRepository.getJobExecution(executionId).getStatus()));
    }

    /** A stop asked of a running execution. */
    public record Stopping(String job, String period, long executionId) {
    }

    /**
     * Gives up a failed or stopped run for good: the last execution of its instance is marked
     * ABANDONED (Batch will not restart it; {@code custos run} of the period starts a new instance),
     * the reason goes to its run row's exit message, and the instance's staging rows, which hold
     * the personal data of its inputs, are deleted. Abandoning an abandoned run deletes its staging
     * rows again.
     *
     * @param reason short operator text (no personal data); control characters are dropped
     * @throws CustosException when the run is still running or completed
     */
    public Abandonment abandon(long executionId, String reason) {
        recovery.recoverStaleExecutions();
        JobExecution execution = execution(executionId);
        String job = execution.getJobInstance().getJobName();
        Control control = catalog.control(job);
        RunParameters parameters = RunParameters.from(execution.getJobParameters());
        String period = parameters.period().toString();
        if (execution.isRunning()) {
            throw new CustosException(("execution %d of %s %s is still running; only a failed or stopped run can be "
                    + "abandoned").formatted(executionId, job, period));
        }
        String holder = periodHold.hold(job, period);
        try {
            JobExecution last = jobRepository.getLastJobExecution(execution.getJobInstance());
            last = last == null ? execution : last;
            if (last.isRunning() || last.getStatus() == BatchStatus.COMPLETED) {
                throw new CustosException("execution %d of %s %s cannot be abandoned: its run %s as execution %d"
                        .formatted(executionId, job, period,
                                last.isRunning() ? "is still running" : "completed", last.getId()));
            }
            boolean already = last.getStatus() == BatchStatus.ABANDONED;
            if (!already) {
                try {
                    last = jobOperator.abandon(last);
                } catch (JobExecutionAlreadyRunningException e) {
                    throw new CustosException(("execution %d of %s %s is still running; only a failed or stopped "
                            + "run can be abandoned").formatted(last.getId(), job, period), e);
                }
            }
            String message = "abandoned" + abandonReason(reason).map(text -> ": " + text).orElse("");
            results.abandon(new TreeSet<>(List.of(executionId, last.getId())), message);
            stagingTables.remove(List.of(execution.getJobInstanceId()), control.stagingTables());
            log.info("{} {}: execution {} abandoned; its staging rows are deleted", job, period, last.getId());
            return new Abandonment(job, period, last.getId(), already);
        } finally {
            periodHold.release(job, period, holder);
        }
    }

    private static final int ABANDON_REASON_MAX = 200;

    private static Optional<String> abandonReason(String reason) {
        if (reason == null) {
            return Optional.empty();
        }
        String text = reason.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (text.length() > ABANDON_REASON_MAX) {
            text = text.substring(0, ABANDON_REASON_MAX - 3) + "...";
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** A run given up: its instance's last execution, now ABANDONED, and whether it already was. */
    public record Abandonment(String job, String period, long executionId, boolean alreadyAbandoned) {
    }

    /**
     * An execution left with a step UNKNOWN (or itself UNKNOWN) is marked FAILED with the reason,
     * so that it can be restarted, and reported as a lost connection. Batch says UNKNOWN when a
     * chunk's transaction could not be rolled back, which is what a connection killed mid-transaction
     * looks like; but the chunk's rows and its checkpoint are written in one transaction of one
     * database, which rolled it back when the connection went, Batch having put the step back to its
     * last commit: a restart resumes exactly there. Returns the execution as stored, or as given when
     * there was nothing to mark (it keeps its failure exceptions then).
     */
    private Ended settle(JobExecution execution) {
        JobExecution stored = jobRepository.getJobExecution(execution.getId());
        if (!stored.isRunning()) {
            fenceStepsLeftRunning(stored);
        }
        List<StepExecution> unknown = stored.getStepExecutions().stream()
                .filter(step -> step.getStatus() == BatchStatus.UNKNOWN).toList();
        if (unknown.isEmpty() && stored.getStatus() != BatchStatus.UNKNOWN) {
            boolean lost = execution.getStatus() == BatchStatus.FAILED && ConnectionLoss.causedBy(execution);
            return new Ended(execution, lost ? RunRecorder.failureMessage(execution) : Optional.empty());
        }
        String reason = ("the database connection was lost in %s (its open transaction was rolled back; a restart "
                + "resumes at the last commit)").formatted(unknown.isEmpty() ? "the run"
                : "step " + unknown.stream().map(StepExecution::getStepName).sorted().collect(Collectors.joining(", ")));
        LocalDateTime now = LocalDateTime.now();
        for (StepExecution step : stored.getStepExecutions()) {
            if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED.addExitDescription(step.getExitStatus().getExitDescription()));
                if (step.getEndTime() == null) {
                    step.setEndTime(now);
                }
                jobRepository.update(step);
            }
        }
        stored.setStatus(BatchStatus.FAILED);
        stored.setExitStatus(ExitStatus.FAILED.addExitDescription(reason));
        if (stored.getEndTime() == null) {
            stored.setEndTime(now);
        }
        jobRepository.update(stored);
        results.finishRun(stored.getId(), BatchStatus.FAILED.name(), stored.getEndTime(), RunCounts.of(stored), reason);
        log.warn("execution {} of {} is marked FAILED: {}", stored.getId(), stored.getJobInstance().getJobName(), reason);
        return new Ended(stored, Optional.of(reason));
    }

    /**
     * Marks FAILED the steps an ended execution left STARTING or STARTED: partitions whose worker
     * may still run them (its manager died, or gave up while the worker saved). The mark raises their
     * version, and a worker saves its step execution, version-checked, in each chunk's transaction:
     * its next chunk fails and rolls back, so a restart that runs the partition again from its last
     * commit never writes beside it. Batch would refuse the restart of a step left STARTED anyway.
     */
    private void fenceStepsLeftRunning(JobExecution ended) {
        for (StepExecution step : ended.getStepExecutions()) {
            if (step.getStatus().isRunning()) {
                PartitionFence.fail(jobRepository, step, "left " + step.getStatus() + " when execution " + ended.getId()
                        + " ended; a worker still running it can no longer save it");
                log.warn("execution {}: step {} was left running; marked FAILED so that its worker cannot save it",
                        ended.getId(), step.getStepName());
            }
        }
    }

    /** An execution that ended, and when it failed for a lost database connection, what to say about it. */
    private record Ended(JobExecution execution, Optional<String> lostConnection) {
    }

    /**
     * A run that failed only because its database connection went is resumed at its last commit,
     * up to {@code custos.launch.connection-retries} times: safe, since the restart redoes exactly
     * the work that was rolled back.
     */
    private Ended retryLostConnections(Ended ended) {
        Ended current = ended;
        for (int attempt = 1; attempt <= launchProperties.connectionRetries() && current.lostConnection().isPresent()
                && current.execution().getStatus() == BatchStatus.FAILED; attempt++) {
            JobExecution failed = current.execution();
            log.warn("execution {} of {} lost its database connection; resuming it at its last commit (attempt {} of {})",
                    failed.getId(), failed.getJobInstance().getJobName(), attempt, launchProperties.connectionRetries());
            try {
                current = settle(jobOperator.restart(failed));
            } catch (JobRestartException e) {
                log.warn("execution {} could not be resumed: {}", failed.getId(), e.getMessage());
                return current;
            }
        }
        return current;
    }


    /** The execution of that id, its steps included; an unknown id is an {@link UnknownExecutionException}. */
    public JobExecution execution(long executionId) {
        try {
            JobExecution execution = jobRepository.getJobExecution(executionId);
            if (execution != null) {
                return execution;
            }
        } catch (EmptyResultDataAccessException e) {
            // the JDBC repository reports an unknown id this way
        }
        throw new UnknownExecutionException("no execution " + executionId + " (see 'custos executions')");
    }

    private RunOutcome launch(String job, RunParameters parameters, Set<String> options) {
        log.info("starting {} {}{}{}", job, parameters.period(),
                parameters.rerun() > 0 ? " (rerun " + parameters.rerun() + ")" : "",
                options.isEmpty() ? "" : " with" + flags(options));
        JobParametersBuilder jobParameters = new JobParametersBuilder(parameters.toJobParameters());
        options.forEach(option -> jobParameters.addString(option, "true", false));
        jobParameters.addString(WORKERS, String.valueOf(workers.enabled()), false);
        try {
            JobExecution execution = jobOperator.start(catalog.job(job), jobParameters.toJobParameters());
            return outcome(job, parameters, retryLostConnections(settle(execution)));
        } catch (JobExecutionAlreadyRunningException e) {
            throw new CustosException("%s %s is already running".formatted(job, parameters.period()), e);
        } catch (JobInstanceAlreadyCompleteException e) {
            throw new CustosException("%s %s already completed".formatted(job, parameters.period()), e);
        } catch (JobRestartException | InvalidJobParametersException e) {
            throw new CustosException("cannot start %s %s: %s".formatted(job, parameters.period(), e.getMessage()), e);
        }
    }

    /** " --a --b" for the options {a, b}; empty for none. */
    private static String flags(Set<String> options) {
        return options.stream().sorted().map(option -> " --" + option).collect(Collectors.joining());
    }

    private RunOutcome outcome(String job, RunParameters parameters, Ended ended) {
        JobExecution execution = ended.execution();
        String message = ended.lostConnection().or(() -> RunRecorder.failureMessage(execution)).orElse(null);
        return new RunOutcome(job, parameters.period().toString(), execution.getId(), execution.getStatus().name(),
                message, results.metricsOfInstance(execution.getJobInstanceId()),
                results.warningsOfInstance(execution.getJobInstanceId()), false);
    }

    /** A run option the control does not offer. */
    public static class UnknownRunOptionException extends CustosException {
        public UnknownRunOptionException(String message) {
            super(message);
        }
    }

    /** An execution id that does not exist. */
    public static class UnknownExecutionException extends CustosException {
        public UnknownExecutionException(String message) {
            super(message);
        }
    }
}
