package dev.custos.common.job;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.custos.common.CustosException;
import dev.custos.common.csv.CsvItemReader;
import dev.custos.common.csv.ParsedRow;
import dev.custos.common.outbox.Outbox;
import dev.custos.common.outbox.Summary;
import dev.custos.common.results.Metric;
import dev.custos.common.results.PublishedRun;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.RunWarning;
import dev.custos.common.results.StagingTables;

/**
 * Builds the steps every control shares: importing a CSV export into staging with reject
 * accounting, publishing the run's results and files, and removing its staging rows.
 */
public class JobSteps {

    private static final int PUBLISH_ATTEMPTS = 3;

    public static final String ROWS_READ = "rows_read";
    public static final String ROWS_ACCEPTED = "rows_accepted";
    public static final String ROWS_REJECTED = "rows_rejected";

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final JdbcTemplate jdbc;
    private final ResultsRepository results;
    private final StagingTables stagingTables;
    private final Outbox outbox;
    private final int chunkSize;
    private final ObjectProvider<RunParameters> runParameters;

    /** {@code runParameters}: the running step's parameters, looked up by the tasklets while they run. */
    public JobSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
                    ResultsRepository results, StagingTables stagingTables, Outbox outbox, int chunkSize,
                    ObjectProvider<RunParameters> runParameters) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.jdbc = jdbc;
        this.results = results;
        this.stagingTables = stagingTables;
        this.outbox = outbox;
        this.chunkSize = chunkSize;
        this.runParameters = runParameters;
    }

    /** A staging writer for an INSERT whose {@code {results}} placeholder names the results schema. */
    public <T> StagingWriter<T> stagingWriter(String insertTemplate, StagingBinder<T> binder) {
        return new StagingWriter<>(jdbc, results, results.schema().sql(insertTemplate), binder);
    }

    /**
     * Reads a CSV export chunk by chunk into staging; the SHA-256, size and row count of every
     * file read are recorded when the step ends.
     */
    public <T> Step importStep(String name, CsvItemReader<T> reader, StagingWriter<T> writer) {
        return new StepBuilder(name, jobRepository)
                .<ParsedRow<T>, ParsedRow<T>>chunk(chunkSize)
                .transactionManager(transactionManager)
                .reader(StepScopedReader.of(reader))
                .writer(writer)
                .listener(new InputFileRecording(results, () -> reader))
                .build();
    }

    /** A step running one transactional piece of set-based work (deduplication, SQL aggregation). */
    public Step taskletStep(String name, StepWork work) {
        return new StepBuilder(name, jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
                    work.run(execution.getJobInstanceId(), runParameters.getObject());
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    /**
     * The last step of every control: checks rows read = accepted + rejected, flags input files
     * byte-identical to another period's ({@code input_reused_from}), writes the job's
     * files, {@code rejects.csv} and {@code summary.json}, makes the run's metrics the period's
     * results (replacing any earlier run's), and copies the files to the blob store.
     */
    public Step publishStep(String name, Control control, ResultsPublication publication) {
        return new StepBuilder(name, jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
                    publish(control, publication, execution);
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    /**
     * Gives the run's job instance its own partition of the control's staging tables before any
     * step (or remote worker) stages a row: registered on the job after the {@code RunRecorder},
     * so that a run refused its period adds none.
     */
    public JobExecutionListener stagingPartitions(Control control) {
        return new JobExecutionListener() {
            @Override
            public void beforeJob(JobExecution execution) {
                boolean restart = jobRepository.getJobExecutions(execution.getJobInstance()).size() > 1;
                stagingTables.prepare(execution.getJobInstanceId(), restart, control.stagingTables());
            }
        };
    }

    /** Removes the staging rows of every run of the period once its results are published. */
    public Step cleanupStep(String name, Control control) {
        return new StepBuilder(name, jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    String period = runParameters.getObject().period().toString();
                    List<Long> instances = results.instancesOfPeriod(control.jobName(), period);
                    stagingTables.remove(instances, control.stagingTables());
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    /**
     * Checks the hold and writes the files and rows in a transaction of their own, which keeps the
     * period's lock row locked while they are written and so must not last: the copy to the blob
     * store comes after it commits, once the hold is checked again.
     */
    private void publish(Control control, ResultsPublication publication, JobExecution execution) {
        RunParameters parameters = runParameters.getObject();
        String job = control.jobName();
        String period = parameters.period().toString();
        long instance = execution.getJobInstanceId();
        refuseIfSuperseded(results, job, period, parameters.rerun());
        PublishContext context = new PublishContext(job, parameters.period(), instance, execution.getId(),
                outbox.folder(parameters.outbox(), job, period), parameters);

        List<Metric> metrics = new ArrayList<>(rowCounts(publication, context));
        metrics.addAll(publication.metrics(context));
        List<RunWarning> warnings = new ArrayList<>();
        InputReuse.check(job, period, results.inputHashes(instance), results.completedInputHashesOfOtherPeriods(job, period))
                .ifPresent(warnings::add);
        warnings.addAll(publication.warnings(context));
        TransactionTemplate ownTransaction = new TransactionTemplate(transactionManager);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        for (int attempt = 1; ; attempt++) {
            try {
                ownTransaction.executeWithoutResult(status -> {
                    results.refuseUnlessHolder(job, period, execution.getId());
                    publication.writeFiles(context, metrics);
                    outbox.writeRejects(context.folder(), results.rejects(instance));
                    outbox.writeSummary(context.folder(), new Summary(job, period, "COMPLETED", execution.getId(),
                            metrics, warnings));
                    results.publish(new PublishedRun(job, period, instance, execution.getId()), metrics, warnings,
                            control.detailTables());
                });
                break;
            } catch (PessimisticLockingFailureException e) {
                // two runs publishing at once (two controls, on one node or two) can deadlock in MariaDB: each DELETE
                // of its new instance's rows locks the same gap at the end of a shared table (metric, run_warning),
                // then each INSERT waits for the other's. The loser's transaction was rolled back whole, and its
                // files are written again (atomically): the same publication, once more
                if (attempt == PUBLISH_ATTEMPTS) {
                    throw e;
                }
            }
        }
        ownTransaction.executeWithoutResult(status -> results.refuseUnlessHolder(job, period, execution.getId()));
        outbox.copyToStore(context.folder(), job, period);
    }

    /**
     * A run of a period that a later rerun has already published must not publish over it (its
     * staging rows were removed with the rerun's): the operator reruns instead.
     */
    public static void refuseIfSuperseded(ResultsRepository results, String job, String period, int rerun) {
        results.laterRerunPublished(job, period, rerun).ifPresent(newer -> {
            throw new CustosException(("%s %s (rerun %d) was superseded: execution %d of a later rerun published the "
                    + "period's results; use 'custos run %s --period %s --rerun' instead of restarting")
                    .formatted(job, period, rerun, newer, job, period));
        });
    }

    private List<Metric> rowCounts(ResultsPublication publication, PublishContext context) {
        long read = results.rowsRead(context.jobInstanceId());
        long rejected = results.rejectCount(context.jobInstanceId());
        long accepted = publication.acceptedRows(context);
        if (read != accepted + rejected) {
            throw new CustosException("row accounting of %s %s does not add up: %d read, %d accepted, %d rejected"
                    .formatted(context.job(), context.period(), read, accepted, rejected));
        }
        if (read == 0 && accepted == 0) {
            return List.of();
        }
        return List.of(Metric.count(ROWS_READ, read), Metric.count(ROWS_ACCEPTED, accepted),
                Metric.count(ROWS_REJECTED, rejected));
    }

    /** Set-based work of a tasklet step, given the job instance and the run's parameters. */
    @FunctionalInterface
    public interface StepWork {
        void run(long jobInstanceId, RunParameters parameters);
    }
}
