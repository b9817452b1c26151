package dev.custos.jobs.training;

import static dev.custos.jobs.training.TrainingInbox.employee;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import dev.custos.common.period.Period;

/**
 * The boundaries of the coverage rule, end to end through the job: CoverageRuleTest proves the
 * rule, these prove the job feeds it the right employees, courses and completions.
 */
class TrainingCoverageRuleBoundariesJobTest extends TrainingCoverageJobTestSupport {

    private static final String GAPS_HEADER = "employee_id,full_name,department,missing_courses";

    @Test
    void idsMatchAcrossFilesWhateverTheirCaseAndSurroundingBlanks() throws Exception {
        TrainingInbox inbox = TrainingInbox.forQuarter(freshQuarter())
                .employee("Ab-1", "Sales", "Rep")
                .course("Sec-101", "ALL")
                .passed("  aB-1 ", " sec-101  ");

        JobExecution execution = run(inbox);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(publishedMetrics(inbox.quarter()))
                .containsEntry("in_scope", 1.0).containsEntry("covered", 1.0).containsEntry("coverage", 1.0);
        assertThat(lines(outboxFile(inbox.quarter(), "gaps.csv"))).containsExactly(GAPS_HEADER);
        assertThat(jdbc.queryForList("SELECT employee_id FROM " + schema.table("training_coverage")
                + " WHERE job_instance_id = ?", String.class, execution.getJobInstanceId())).containsExactly("AB-1");
    }

    @Test
    void departmentAudienceAppliesOnlyToThatDepartmentWhateverItsCase() throws Exception {
        TrainingInbox inbox = TrainingInbox.forQuarter(freshQuarter())
                .employee("E1", "Sales", "Rep")
                .employee("E2", "IT", "Rep")
                .course("CRM", "Department: SALES");

        run(inbox);

        assertThat(lines(outboxFile(inbox.quarter(), "gaps.csv")))
                .containsExactly(GAPS_HEADER, "E1,Staff E1,Sales,CRM");
        assertThat(publishedMetrics(inbox.quarter()))
                .containsEntry("in_scope", 2.0).containsEntry("covered", 1.0)
                .containsEntry("coverage.Sales", 0.0).containsEntry("coverage.IT", 1.0);
    }

    @Test
    void roleAudienceAppliesToThatRoleInEveryDepartment() throws Exception {
        TrainingInbox inbox = TrainingInbox.forQuarter(freshQuarter())
                .employee("E1", "Sales", "Admin")
                .employee("E2", "IT", "ADMIN")
                .employee("E3", "IT", "Developer")
                .course("ADM", "role:admin");

        run(inbox);

        assertThat(lines(outboxFile(inbox.quarter(), "gaps.csv")))
                .containsExactly(GAPS_HEADER, "E1,Staff E1,Sales,ADM", "E2,Staff E2,IT,ADM");
        assertThat(publishedMetrics(inbox.quarter())).containsEntry("in_scope", 3.0).containsEntry("covered", 1.0);
    }

    @Test
    void scoreOf79FailsWhile80AndBlankPass() throws Exception {
        TrainingInbox inbox = TrainingInbox.forQuarter(freshQuarter())
                .employee("E79", "Sales", "Rep")
                .employee("E80", "Sales", "Rep")
                .employee("EBLANK", "Sales", "Rep")
                .course("SEC", "ALL");
        inbox.completion("E79", "SEC", inbox.midQuarter(), "79")
                .completion("E80", "SEC", inbox.midQuarter(), "80")
                .completion("EBLANK", "SEC", inbox.midQuarter(), "");

        run(inbox);

        assertThat(lines(outboxFile(inbox.quarter(), "gaps.csv")))
                .containsExactly(GAPS_HEADER, "E79,Staff E79,Sales,SEC");
        assertThat(publishedMetrics(inbox.quarter())).containsEntry("in_scope", 3.0).containsEntry("covered", 2.0);
    }

    @Test
    void completionOneDayOutsideTheQuarterIsIgnoredWhileFirstAndLastDayCount() throws Exception {
        Period quarter = freshQuarter();
        TrainingInbox inbox = TrainingInbox.forQuarter(quarter)
                .employee("DAYBEFORE", "Sales", "Rep")
                .employee("FIRSTDAY", "Sales", "Rep")
                .employee("LASTDAY", "Sales", "Rep")
                .employee("DAYAFTER", "Sales", "Rep")
                .course("SEC", "ALL")
                .completion("DAYBEFORE", "SEC", quarter.start().minusDays(1), "100")
                .completion("FIRSTDAY", "SEC", quarter.start(), "100")
                .completion("LASTDAY", "SEC", quarter.end(), "100")
                .completion("DAYAFTER", "SEC", quarter.end().plusDays(1), "100");

        run(inbox);

        assertThat(lines(outboxFile(quarter, "gaps.csv"))).containsExactly(GAPS_HEADER,
                "DAYAFTER,Staff DAYAFTER,Sales,SEC", "DAYBEFORE,Staff DAYBEFORE,Sales,SEC");
        assertThat(publishedMetrics(quarter)).containsEntry("in_scope", 4.0).containsEntry("covered", 2.0);
    }

    @Test
    void hiredExactlyThirtyDaysBeforeQuarterEndIsInScopeButTwentyNineDaysIsNot() throws Exception {
        Period quarter = freshQuarter();
        LocalDate end = quarter.end();
        TrainingInbox inbox = TrainingInbox.forQuarter(quarter)
                .roster(employee("H30").hiredOn(end.minusDays(30)), employee("H29").hiredOn(end.minusDays(29)))
                .course("SEC", "ALL");

        run(inbox);

        assertThat(lines(outboxFile(quarter, "gaps.csv"))).containsExactly(GAPS_HEADER, "H30,Staff H30,Sales,SEC");
        assertThat(publishedMetrics(quarter)).containsEntry("in_scope", 1.0).containsEntry("covered", 0.0);
    }

    @Test
    void departedOnTheQuartersLastDayIsOutOfScopeButDepartingTheDayAfterIsIn() throws Exception {
        Period quarter = freshQuarter();
        LocalDate end = quarter.end();
        TrainingInbox inbox = TrainingInbox.forQuarter(quarter)
                .roster(employee("LEFTLASTDAY").departedOn(end), employee("LEFTDAYAFTER").departedOn(end.plusDays(1)))
                .course("SEC", "ALL");

        run(inbox);

        assertThat(lines(outboxFile(quarter, "gaps.csv")))
                .containsExactly(GAPS_HEADER, "LEFTDAYAFTER,Staff LEFTDAYAFTER,Sales,SEC");
        assertThat(publishedMetrics(quarter)).containsEntry("in_scope", 1.0).containsEntry("covered", 0.0);
    }
}
