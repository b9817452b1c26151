package dev.custos.jobs.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import dev.custos.common.outbox.Outbox;
import dev.custos.common.outbox.Summary;
import dev.custos.common.results.Metric;

/** Reject accounting: every malformed row is reported with file, line and reason, and counted. */
class TrainingCoverageRejectsJobTest extends TrainingCoverageJobTestSupport {

    @Test
    void malformedRowsGoToRejectsWithFileLineAndReasonAndTheRestIsProcessed() throws Exception {
        TrainingInbox inbox = TrainingInbox.forQuarter(freshQuarter());
        String day = inbox.midQuarter().toString();
        inbox.employee("E1", "Sales", "Rep")                                                   // line 2
                .roster(TrainingInbox.employee("E2").hiredOn("2020-13-01"))                    // 3 bad date
                .rosterLine("E3,Staff E3,e3@x,Sales,Rep,ACTIVE,1999-01-04")                    // 4 short row
                .rosterLine("E4,Staff E4,e4@x,Sales,Rep,ACTIVE,1999-01-04,,extra")             // 5 long row
                .roster(TrainingInbox.employee("E5").fullName(" "))                            // 6 blank name
                .roster(TrainingInbox.employee("E6").status("RETIRED"))                        // 7 unknown status
                .employee("E7", "IT", "Rep")                                                   // 8
                .course("SEC", "ALL")                                                          // 2
                .course("BAD", "team:red")                                                     // 3 bad audience
                .course("CRM", "department:Sales")                                             // 4
                .passed("E1", "SEC")                                                           // 2
                .completion("E1", "CRM", inbox.midQuarter(), "abc")                            // 3 bad score
                .passed("E7", "SEC")                                                           // 4
                .completionLine("E1,CRM,31/08/" + day.substring(0, 4) + ",90")                 // 5 bad date
                .completion("E7", "SEC", inbox.midQuarter(), "101");                           // 6 score > 100

        JobExecution execution = run(inbox);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<List<String>> rejects = csvRecords(outboxFile(inbox.quarter(), Outbox.REJECTS));
        assertThat(rejects).extracting(r -> r.get(0) + ":" + r.get(1)).containsExactly(
                "hr_roster.csv:3", "hr_roster.csv:4", "hr_roster.csv:5", "hr_roster.csv:6", "hr_roster.csv:7",
                "training_completions.csv:3", "training_completions.csv:5", "training_completions.csv:6",
                "training_requirements.csv:3");
        assertThat(rejects).extracting(r -> r.get(2)).satisfiesExactly(
                reason -> assertThat(reason).contains("hired_on", "2020-13-01"),
                reason -> assertThat(reason).contains("expected 8 fields, found 7"),
                reason -> assertThat(reason).contains("expected 8 fields, found 9"),
                reason -> assertThat(reason).contains("blank full_name"),
                reason -> assertThat(reason).contains("status", "RETIRED"),
                reason -> assertThat(reason).contains("score", "value not shown").doesNotContain("abc"),
                reason -> assertThat(reason).contains("completed_on", "31/08/"),
                reason -> assertThat(reason).contains("score", "101"),
                reason -> assertThat(reason).contains("audience", "team:red"));

        Map<String, Double> metrics = publishedMetrics(inbox.quarter());
        assertThat(metrics).containsEntry("rows_read", 15.0).containsEntry("rows_accepted", 6.0)
                .containsEntry("rows_rejected", 9.0)
                .containsEntry("in_scope", 2.0).containsEntry("covered", 1.0);
        assertThat(lines(outboxFile(inbox.quarter(), "gaps.csv"))).containsExactly(
                "employee_id,full_name,department,missing_courses", "E1,Staff E1,Sales,CRM");

        Summary summary = Outbox.readSummary(outboxFile(inbox.quarter(), Outbox.SUMMARY));
        Map<String, Double> summaryCounts = summary.metrics().stream()
                .filter(m -> m.name().startsWith("rows_"))
                .collect(Collectors.toMap(Metric::name, Metric::value));
        assertThat(summaryCounts.get("rows_read"))
                .isEqualTo(summaryCounts.get("rows_accepted") + summaryCounts.get("rows_rejected"))
                .isEqualTo(metrics.get("rows_read"));
    }

    @Test
    void rosterFieldLongerThanItsStagingColumnIsRejectedAndTheRunCompletes() throws Exception {
        TrainingInbox inbox = TrainingInbox.forQuarter(freshQuarter())
                .employee("E1", "Sales", "Rep")                                   // line 2
                .employee("E2", "S".repeat(101), "Rep")                           // line 3: department too long
                .course("SEC", "ALL")
                .passed("E1", "SEC");

        JobExecution execution = run(inbox);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(csvRecords(outboxFile(inbox.quarter(), Outbox.REJECTS))).containsExactly(
                List.of("hr_roster.csv", "3", "department longer than 100 characters"));
        assertThat(publishedMetrics(inbox.quarter()))
                .containsEntry("rows_rejected", 1.0).containsEntry("in_scope", 1.0).containsEntry("covered", 1.0);
    }

    @Test
    void repeatedEmployeeIdIsRejectedAtItsLaterLineNamingTheFirstWhichStands() throws Exception {
        TrainingInbox inbox = TrainingInbox.forQuarter(freshQuarter())
                .employee("E1", "Sales", "Rep")           // line 2: stands
                .employee("E2", "Sales", "Rep")           // line 3
                .employee(" e1 ", "IT", "Rep")            // line 4: the same employee again
                .course("SEC", "ALL")                     // line 2: stands
                .course("sec", "role:nobody")             // line 3: the same course again
                .passed("E1", "SEC");

        run(inbox);

        assertThat(csvRecords(outboxFile(inbox.quarter(), Outbox.REJECTS))).containsExactly(
                List.of("hr_roster.csv", "4", "repeated employee_id (first at line 2)"),
                List.of("training_requirements.csv", "3", "repeated course_id (first at line 2)"));
        assertThat(publishedMetrics(inbox.quarter()))
                .containsEntry("rows_read", 6.0).containsEntry("rows_accepted", 4.0)
                .containsEntry("rows_rejected", 2.0)
                .containsEntry("in_scope", 2.0).containsEntry("covered", 1.0)
                .containsEntry("coverage.Sales", 0.5)
                .doesNotContainKey("coverage.IT");
    }

    @Test
    void requirementReasonsNameTheColumnAndQuoteOnlyACodedValueAndALongTitleRejectsItsRow() throws Exception {
        TrainingInbox inbox = TrainingInbox.forQuarter(freshQuarter())
                .employee("E1", "Sales", "Rep")
                .course("SEC", "ALL")                               // line 2
                .course("CRM", "Zyxwv Qwertyuiop")                  // line 3: a name as audience
                .course("zq.marker@example.com;X", "ALL")           // line 4: ';' in the course id
                .course("ERP", "team:red")                          // line 5: a coded but unknown audience
                .requirementLine("GDPR," + "t".repeat(256) + ",ALL")     // line 6: longer than its staging column
                .passed("E1", "SEC");

        run(inbox);

        assertThat(csvRecords(outboxFile(inbox.quarter(), Outbox.REJECTS))).containsExactly(
                List.of("training_requirements.csv", "3",
                        "bad value in audience: value not shown (expected ALL, department:NAME or role:NAME)"),
                List.of("training_requirements.csv", "4",
                        "course_id contains a semicolon or a vertical bar (they separate course ids in gaps.csv)"),
                List.of("training_requirements.csv", "5",
                        "bad value in audience: 'team:red' (expected ALL, department:NAME or role:NAME)"),
                List.of("training_requirements.csv", "6", "title longer than 255 characters"));
    }
}
