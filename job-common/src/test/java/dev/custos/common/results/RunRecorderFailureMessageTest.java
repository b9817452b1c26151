package dev.custos.common.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import dev.custos.common.InputFileException;

class RunRecorderFailureMessageTest {

    private final JobExecution execution = new JobExecution(7, new JobInstance(3, "training-coverage"), new JobParameters());

    @Test
    void theEarliestFailedStepsRootCauseIsTheMessageWhateverFailedAfterIt() {
        StepExecution later = step(12, new IllegalStateException("publish refused: rows do not add up"));
        StepExecution earlier = step(11, new RuntimeException("wrapped",
                new IllegalArgumentException("hr_roster.csv not found in /in")));
        execution.addFailureException(new IllegalStateException("flow ended"));
        execution.addStepExecution(later);
        execution.addStepExecution(earlier);

        assertThat(RunRecorder.failureMessage(execution)).contains("hr_roster.csv not found in /in");
    }

    @Test
    void theOperatorsMessageWinsOverTheLibraryFailureItWraps() {
        execution.addStepExecution(step(11, new IllegalStateException("step failed", new InputFileException(
                "hr_roster.csv: cannot read the record starting at line 3: (startline 3) EOF reached before"
                        + " encapsulated token finished",
                new IOException("(startline 3) EOF reached before encapsulated token finished")))));

        assertThat(RunRecorder.failureMessage(execution)).contains("hr_roster.csv: cannot read the record starting at"
                + " line 3: (startline 3) EOF reached before encapsulated token finished");
    }

    @Test
    void theJobsOwnFailureIsTheMessageWhenNoStepFailed() {
        execution.addStepExecution(new StepExecution(11, "trainingRosterImportStep", execution));
        execution.addFailureException(new IllegalStateException("no such step"));

        assertThat(RunRecorder.failureMessage(execution)).contains("no such step");
    }

    @Test
    void aRunWithoutFailuresHasNoMessage() {
        assertThat(RunRecorder.failureMessage(execution)).isEmpty();
    }

    private StepExecution step(long id, Throwable failure) {
        StepExecution step = new StepExecution(id, "step" + id, execution);
        step.addFailureException(failure);
        return step;
    }
}
