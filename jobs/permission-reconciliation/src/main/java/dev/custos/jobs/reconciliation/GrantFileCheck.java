package dev.custos.jobs.reconciliation;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import dev.custos.common.InputFileException;
import dev.custos.common.job.RunParameters;

/**
 * Before a grant file's import: the file the partition names is readable in the run's inbox on this
 * node. A worker node whose inbox is not the manager's shared storage, mounted under the same path,
 * fails the partition with one line that says so.
 */
final class GrantFileCheck implements StepExecutionListener {

    @Override
    public void beforeStep(StepExecution partition) {
        String file = partition.getExecutionContext().getString(GrantFilePartitioner.FILE);
        Path inbox = RunParameters.from(partition.getJobExecution().getJobParameters()).inbox();
        if (!Files.isRegularFile(inbox.resolve(file)) || !Files.isReadable(inbox.resolve(file))) {
            throw new InputFileException(file + " is not readable in " + inbox + " on this node: every node must read "
                    + "the inbox from the same shared storage under the same path");
        }
    }
}
