package dev.custos.jobs.reconciliation;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import dev.custos.common.csv.CsvItemReader;
import dev.custos.common.results.ResultsRepository;

/**
 * Records the size, SHA-256 and rows read of a worker's grant file once its import step succeeded,
 * as the platform's import step does, but one worker at a time: recording replaces the file's row
 * (a DELETE, then an INSERT), and on InnoDB two such transactions at once take the same gap lock
 * and deadlock each other.
 */
final class SerializedInputFileRecording implements StepExecutionListener {

    private static final Object ONE_AT_A_TIME = new Object();

    private final ResultsRepository results;
    private final CsvItemReader<?> reader;

    SerializedInputFileRecording(ResultsRepository results, CsvItemReader<?> reader) {
        this.results = results;
        this.reader = reader;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (!stepExecution.getStatus().isUnsuccessful()) {
            synchronized (ONE_AT_A_TIME) {
                results.recordInputFiles(stepExecution.getJobExecution().getJobInstanceId(), reader.fileStats().values());
            }
        }
        return null;
    }
}
