package dev.custos.jobs.training;

import static dev.custos.jobs.training.TrainingInbox.employee;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import dev.custos.common.job.RunParameters;
import dev.custos.common.outbox.Outbox;
import dev.custos.common.period.Period;

/** Runs as a whole: failures that publish nothing, reruns that replace, restarts that resume, staging. */
class TrainingCoverageRunsJobTest extends TrainingCoverageJobTestSupport {

    private static final List<String> STAGING_TABLES =
            List.of("tc_employee_stage", "tc_requirement_stage", "tc_completion_stage");

    /** Two employees of Sales, one of IT, two courses, a rejected roster row: 2 of 3 covered. */
    private static TrainingInbox typicalInputs(Period quarter) {
        return TrainingInbox.forQuarter(quarter)
                .employee("E1", "Sales", "Rep")
                .employee("E2", "Sales", "Rep")
                .roster(employee("E3").hiredOn("not a date"))
                .employee("E4", "IT", "Admin")
                .course("SEC", "ALL")
                .course("CRM", "department:Sales")
                .passed("E1", "SEC").passed("E1", "CRM")
                .passed("E2", "SEC")
                .passed("E4", "SEC");
    }

    @Test
    void missingCompletionsFileFailsTheRunNamingTheFileAndPublishesNothing() throws Exception {
        TrainingInbox inbox = typicalInputs(freshQuarter()).leaveOut(TrainingInbox.COMPLETIONS);

        JobExecution execution = run(inbox);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failureMessages(execution))
                .anySatisfy(message -> assertThat(message).contains("training_completions.csv", "not found"));
        assertNothingPublished(inbox.quarter());
    }

    @Test
    void missingHeaderColumnFailsTheRunNamingFileAndColumnAndPublishesNothing() throws Exception {
        TrainingInbox inbox = typicalInputs(freshQuarter())
                .header(TrainingInbox.COMPLETIONS, "employee_id,course_id,completed_on");

        JobExecution execution = run(inbox);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failureMessages(execution))
                .anySatisfy(message -> assertThat(message).contains("training_completions.csv", "'score'"));
        assertNothingPublished(inbox.quarter());
    }

    @Test
    void rerunWithCorrectedInputsReplacesThePeriodsResultsInsteadOfAddingToThem() throws Exception {
        Period quarter = freshQuarter();
        Path firstInbox = typicalInputs(quarter).writeTo(dir.resolve("first"));
        Path correctedInbox = TrainingInbox.forQuarter(quarter)
                .employee("E1", "Sales", "Rep")
                .employee("E2", "Sales", "Rep")
                .employee("E3", "Sales", "Rep")
                .employee("E4", "IT", "Admin")
                .course("SEC", "ALL")
                .course("CRM", "department:Sales")
                .passed("E1", "SEC").passed("E1", "CRM")
                .passed("E2", "SEC").passed("E2", "CRM")
                .passed("E3", "SEC").passed("E3", "CRM")
                .passed("E4", "SEC")
                .writeTo(dir.resolve("corrected"));
        JobExecution first = run(parameters(quarter, 0, firstInbox));
        assertThat(publishedMetrics(quarter)).containsEntry("in_scope", 3.0).containsEntry("rows_rejected", 1.0);

        JobExecution rerun = run(parameters(quarter, 1, correctedInbox));

        assertThat(rerun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(rerun.getJobInstanceId()).isNotEqualTo(first.getJobInstanceId());
        assertThat(results.publishedExecution(JOB, quarter.toString())).contains(rerun.getId());
        assertThat(publishedMetrics(quarter))
                .containsEntry("rows_read", 13.0).containsEntry("rows_accepted", 13.0)
                .containsEntry("rows_rejected", 0.0)
                .containsEntry("in_scope", 4.0).containsEntry("covered", 4.0).containsEntry("coverage", 1.0);
        assertThat(jdbc.queryForList("""
                SELECT job_instance_id FROM %s WHERE job = ? AND period = ? GROUP BY job_instance_id"""
                .formatted(schema.table("metric")), Long.class, JOB, quarter.toString()))
                .containsExactly(rerun.getJobInstanceId());
        assertThat(jdbc.queryForList("""
                SELECT job_instance_id, COUNT(*) AS employees FROM %s
                WHERE job_instance_id IN (SELECT job_instance_id FROM %s WHERE job = ? AND period = ?)
                GROUP BY job_instance_id""".formatted(schema.table("training_coverage"), schema.table("run")),
                JOB, quarter.toString()))
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("job_instance_id", rerun.getJobInstanceId())
                        .containsEntry("employees", 4L));
        assertThat(countOfInstance("reject", first.getJobInstanceId())).isZero();
        assertThat(countOfInstance("input_file", first.getJobInstanceId()))
                .as("what the superseded run was given stays on record").isEqualTo(3);
        assertThat(outboxFile(quarter, Outbox.REJECTS)).doesNotExist();
        assertThat(Outbox.readSummary(outboxFile(quarter, Outbox.SUMMARY)).executionId()).isEqualTo(rerun.getId());
    }

    @Test
    void inputFilesThatCannotBeRecordedFailTheRunWhichARestartCompletesWithTheirEvidence() throws Exception {
        Period quarter = freshQuarter();
        RunParameters parameters = parameters(quarter, 0, typicalInputs(quarter).writeTo(dir.resolve("unrecorded")));
        String inputFile = schema.table("input_file");
        jdbc.execute("RENAME TABLE " + inputFile + " TO " + inputFile + "_away");
        JobExecution failed;
        try {
            failed = run(parameters);
        } finally {
            jdbc.execute("RENAME TABLE " + inputFile + "_away TO " + inputFile);
        }
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failureMessages(failed)).anySatisfy(message -> assertThat(message).contains("input_file"));
        assertNothingPublished(quarter);

        JobExecution restarted = run(parameters);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
        assertThat(countOfInstance("input_file", restarted.getJobInstanceId())).isEqualTo(3);
        assertThat(publishedMetrics(quarter)).containsEntry("rows_read", 10.0).containsEntry("covered", 2.0);
    }

    @Test
    void restartAfterAMissingFileResumesAtTheFailedStepAndEndsAsAnUninterruptedRun() throws Exception {
        Period uninterruptedQuarter = freshQuarter();
        Period interruptedQuarter = freshQuarter();
        assertThat(run(typicalInputs(uninterruptedQuarter)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        TrainingInbox inputs = typicalInputs(interruptedQuarter);
        Path inbox = dir.resolve("interrupted");
        RunParameters parameters = parameters(interruptedQuarter, 0, inputs.leaveOut(TrainingInbox.COMPLETIONS)
                .writeTo(inbox));
        JobExecution failed = run(parameters);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(countOfInstance("tc_employee_stage", failed.getJobInstanceId()))
                .as("staging is kept for the restart").isEqualTo(3);

        inputs.writeFile(inbox, TrainingInbox.COMPLETIONS);
        JobExecution restarted = run(parameters);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
        assertThat(restarted.getStepExecutions()).extracting(StepExecution::getStepName)
                .startsWith("trainingCompletionsImportStep")
                .doesNotContain("trainingRosterImportStep", "trainingRequirementsImportStep");
        assertThat(results.metrics(JOB, interruptedQuarter.toString()))
                .isNotEmpty()
                .isEqualTo(results.metrics(JOB, uninterruptedQuarter.toString()));
        assertThat(lines(outboxFile(interruptedQuarter, "gaps.csv")))
                .containsExactly("employee_id,full_name,department,missing_courses", "E2,Staff E2,Sales,CRM")
                .isEqualTo(lines(outboxFile(uninterruptedQuarter, "gaps.csv")));
        assertThat(lines(outboxFile(interruptedQuarter, Outbox.REJECTS)))
                .isEqualTo(lines(outboxFile(uninterruptedQuarter, Outbox.REJECTS)));
    }

    @Test
    void completedRunLeavesNoStagingRows() throws Exception {
        Period quarter = freshQuarter();

        JobExecution execution = run(typicalInputs(quarter));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(publishedMetrics(quarter)).as("rows were staged").containsEntry("rows_accepted", 9.0);
        for (String table : STAGING_TABLES) {
            assertThat(countOfInstance(table, execution.getJobInstanceId())).as(table).isZero();
        }
    }

    private void assertNothingPublished(Period quarter) {
        assertThat(results.metrics(JOB, quarter.toString())).isEmpty();
        assertThat(results.publishedExecution(JOB, quarter.toString())).isEmpty();
        assertThat(outboxFile(quarter, Outbox.SUMMARY)).doesNotExist();
    }
}
