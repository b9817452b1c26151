package dev.custos.common.job;

import java.util.function.Supplier;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import dev.custos.common.csv.CsvItemReader;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.RunFailure;

/**
 * Records the size, SHA-256 and rows read of every file an import step read, once the step
 * succeeded: the evidence of what the run was given. Spring Batch logs and ignores an exception
 * thrown from {@code afterStep}, so a recording that fails marks the step FAILED itself; the run
 * then fails and can be restarted rather than completing without its evidence.
 */
public final class InputFileRecording implements StepExecutionListener {

    private final ResultsRepository results;
    private final Supplier<CsvItemReader<?>> reader;

    public InputFileRecording(ResultsRepository results, Supplier<CsvItemReader<?>> reader) {
        this.results = results;
        this.reader = reader;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus().isUnsuccessful()) {
            return null;
        }
        try {
            results.recordInputFiles(stepExecution.getJobExecution().getJobInstanceId(), reader.get().fileStats().values());
            return null;
        } catch (RuntimeException e) {
            stepExecution.setStatus(BatchStatus.FAILED);
            stepExecution.addFailureException(e);
            return ExitStatus.FAILED.addExitDescription("recording the input files failed: " + RunFailure.message(e));
        }
    }
}
