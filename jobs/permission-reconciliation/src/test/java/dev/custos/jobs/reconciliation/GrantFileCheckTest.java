package dev.custos.jobs.reconciliation;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.custos.common.InputFileException;
import dev.custos.common.job.RunParameters;
import dev.custos.common.period.Period;

/** A grant file's partition on the node that imports it: the file it names must be readable in the run's inbox there. */
class GrantFileCheckTest {

    private static final String FILE = "access_grants_crm.csv";

    @TempDir
    Path inbox;

    @Test
    void aFileReadableInTheRunsInboxIsImported() throws Exception {
        Files.writeString(inbox.resolve(FILE), "employee_id\nE1\n");
        StepExecution partition = partitionOf(split());

        assertThatCode(() -> new GrantFileCheck().beforeStep(partition)).doesNotThrowAnyException();
    }

    @Test
    void aFileMissingOnThisNodeFailsThePartitionWithOneLine() throws Exception {
        Files.writeString(inbox.resolve(FILE), "employee_id\nE1\n");
        StepExecution partition = partitionOf(split());
        Files.delete(inbox.resolve(FILE));

        assertThatThrownBy(() -> new GrantFileCheck().beforeStep(partition)).isInstanceOf(InputFileException.class)
                .hasMessage(FILE + " is not readable in " + inbox + " on this node: every node must read the inbox "
                        + "from the same shared storage under the same path");
    }

    private ExecutionContext split() {
        Map<String, ExecutionContext> partitions = new GrantFilePartitioner(inbox).partition(1);
        return partitions.get(FILE);
    }

    private StepExecution partitionOf(ExecutionContext context) {
        RunParameters run = new RunParameters(Period.parse("2026-10"), 0, inbox, inbox.resolve("out"));
        JobExecution job = new JobExecution(1L, new JobInstance(1L, "permission-reconciliation"), run.toJobParameters());
        StepExecution partition = new StepExecution(2L, "reconciliationGrantFileImportStep:" + FILE, job);
        partition.setExecutionContext(context);
        return partition;
    }
}
