package dev.custos.jobs.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.custos.common.outbox.Outbox;
import dev.custos.common.period.Period;
import dev.custos.common.store.BlobStore;

/** What a completed run leaves: the published figures, summary.json and the job's files. */
class TrainingCoverageJobTest extends TrainingCoverageJobTestSupport {

    @Autowired
    BlobStore store;

    /**
     * Sales: E1 covered, E2 without any course, E3 with ALPHA only; IT: E4 covered. Two courses
     * for everyone, one for Sales; ids chosen so that sorting them differs from listing order.
     */
    private static TrainingInbox twoDepartments(Period quarter) {
        return TrainingInbox.forQuarter(quarter)
                .employee("E1", "Sales", "Rep")
                .employee("E2", "Sales", "Rep")
                .employee("E3", "Sales", "Rep")
                .employee("E4", "IT", "Admin")
                .course("ZED", "ALL")
                .course("MID", "department:Sales")
                .course("ALPHA", "ALL")
                .passed("E1", "ZED").passed("E1", "MID").passed("E1", "ALPHA")
                .passed("E3", "ALPHA")
                .passed("E4", "ALPHA").passed("E4", "ZED");
    }

    @Test
    void coverageCountsOnlyInScopeEmployeesWithEveryApplicableCourse() throws Exception {
        Period quarter = freshQuarter();
        LocalDate midQuarter = quarter.start().plusDays(40);
        TrainingInbox inbox = TrainingInbox.forQuarter(quarter)
                .employee("E1", "Sales", "Rep")
                .employee("E2", "Sales", "Rep")
                .roster(TrainingInbox.employee("E3").department("IT").role("Admin").departedOn(quarter.end()))
                .course("SEC", "ALL")
                .course("CRM", "department:sales")
                .completion("e1", "sec", quarter.start(), "90")
                .completion("E1", "CRM", quarter.end(), "")
                .completion("E2", "SEC", midQuarter, "79")
                .completion("E3", "SEC", midQuarter, "100");

        JobExecution execution = run(inbox);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(publishedMetrics(quarter)).containsEntry("in_scope", 2.0).containsEntry("covered", 1.0)
                .containsEntry("coverage", 0.5).containsEntry("rows_read", 9.0)
                .containsEntry("rows_rejected", 0.0);
        assertThat(outboxFile(quarter, "gaps.csv")).hasContent("""
                employee_id,full_name,department,missing_courses
                E2,Staff E2,Sales,CRM;SEC""");
    }

    @Test
    void summaryJsonNamesTheRunAndPutsTargetAndMetOnlyOnTheCoverageKpi() throws Exception {
        Period quarter = freshQuarter();

        JobExecution execution = run(twoDepartments(quarter));

        JsonNode summary = JsonMapper.builder().build()
                .readTree(Files.readString(outboxFile(quarter, Outbox.SUMMARY)));
        assertThat(summary.get("job").asString()).isEqualTo("training-coverage");
        assertThat(summary.get("period").asString()).isEqualTo(quarter.toString());
        assertThat(summary.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(summary.get("executionId").asLong()).isEqualTo(execution.getId());
        Map<String, JsonNode> metrics = new LinkedHashMap<>();
        summary.get("metrics").forEach(metric -> metrics.put(metric.get("name").asString(), metric));
        assertThat(metrics).containsOnlyKeys("rows_read", "rows_accepted", "rows_rejected", "in_scope", "covered",
                "coverage", "coverage.IT", "coverage.Sales");
        metrics.forEach((name, metric) -> {
            assertThat(metric.has("value")).as(name + " has a value").isTrue();
            assertThat(metric.has("unit")).as(name + " has a unit").isTrue();
            boolean kpi = name.equals("coverage");
            assertThat(metric.has("target")).as(name + " has a target").isEqualTo(kpi);
            assertThat(metric.has("met")).as(name + " has met").isEqualTo(kpi);
        });
        assertThat(metrics.get("coverage").get("value").asDouble()).isEqualTo(0.5);
        assertThat(metrics.get("coverage").get("unit").asString()).isEqualTo("ratio");
        assertThat(metrics.get("coverage").get("target").asDouble()).isEqualTo(1.0);
        assertThat(metrics.get("coverage").get("met").asBoolean()).isFalse();
        assertThat(metrics.get("coverage.Sales").get("value").asDouble()).as("1 of 3, 4 places").isEqualTo(0.3333);
        assertThat(metrics.get("coverage.IT").get("value").asDouble()).isEqualTo(1.0);
        assertThat(metrics.get("in_scope").get("value").asDouble()).isEqualTo(4.0);
        assertThat(metrics.get("in_scope").get("unit").asString()).isEqualTo("count");
        assertThat(publishedMetrics(quarter)).as("the published figures are the summary's")
                .isEqualTo(metrics.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue().get("value").asDouble())));
    }

    @Test
    void gapsListSortedMissingCoursesAndDepartmentFileHasOneRowPerDepartment() throws Exception {
        Period quarter = freshQuarter();

        run(twoDepartments(quarter));

        assertThat(lines(outboxFile(quarter, "gaps.csv"))).containsExactly(
                "employee_id,full_name,department,missing_courses",
                "E2,Staff E2,Sales,ALPHA;MID;ZED",
                "E3,Staff E3,Sales,MID;ZED");
        assertThat(lines(outboxFile(quarter, "coverage_by_department.csv"))).containsExactly(
                "department,in_scope,covered,coverage",
                "IT,1,1,1.0",
                "Sales,3,1,0.3333");
        assertThat(outboxFile(quarter, Outbox.REJECTS)).as("no row was rejected").doesNotExist();
    }

    @Test
    void everyOutboxFileIsKeptInTheBlobStoreUnderReports() throws Exception {
        Period quarter = freshQuarter();

        run(twoDepartments(quarter));

        for (String file : List.of(Outbox.SUMMARY, "gaps.csv", "coverage_by_department.csv")) {
            try (InputStream stored = store.open("reports/training-coverage/" + quarter + "/" + file)) {
                assertThat(new String(stored.readAllBytes(), StandardCharsets.UTF_8)).as(file)
                        .isEqualTo(Files.readString(outboxFile(quarter, file)));
            }
        }
    }
}
