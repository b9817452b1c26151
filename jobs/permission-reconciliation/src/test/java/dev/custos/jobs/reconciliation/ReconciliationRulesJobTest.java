package dev.custos.jobs.reconciliation;

import static dev.custos.common.roster.RosterCsv.roster;
import static dev.custos.jobs.reconciliation.EntitlementsCsv.entitlements;
import static dev.custos.jobs.reconciliation.GrantsCsv.grants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import dev.custos.common.outbox.Outbox;
import dev.custos.common.results.Metric;
import dev.custos.common.roster.EmploymentStatus;

/** Every rule at its boundary, end to end: from the inbox to the results schema and revocations.csv. */
class ReconciliationRulesJobTest extends ReconciliationJobTestSupport {

    private static final String JUNE = "2035-06";
    private static final LocalDate END = LocalDate.of(2035, 6, 30);
    private static final LocalDate LONG_AGO = LocalDate.of(2030, 1, 1);
    private static final LocalDate RECENTLY = END.minusDays(5);

    @Test
    void eachRuleIsAppliedAtItsBoundaryAndDuplicateGrantsAcrossFilesMergeIntoOne() throws Exception {
        Path inbox = inbox("rules");
        roster()
                .departed("E01", "Analyst", END)
                .departed("E02", "Analyst", END.plusDays(1))
                .active("E03", "Analyst")
                .departed("E04", "Analyst", END.minusDays(60))
                .active("E05", "Analyst")
                .employee("E06", "ANALYST", EmploymentStatus.ACTIVE, null)
                .active("E07", "Analyst")
                .writeTo(inbox);
        entitlements()
                .allow("Analyst", "CRM", "READ")
                .allow("analyst", "dwh", "read")
                .allow("ANALYST", "git", "read")
                .allow("Analyst", "Git", "Write")
                .writeTo(inbox);
        grants("access_grants_apps.csv")
                .grant("E01", "CRM", "READ", LONG_AGO, RECENTLY)
                .grant("E02", "CRM", "READ", LONG_AGO, RECENTLY)
                .grant("E03", "ERP", "ADMIN", LONG_AGO, RECENTLY)
                .grant("E03", "ERP", "ADMIN", LONG_AGO, RECENTLY)
                .grant("E04", "ERP", "ADMIN", LONG_AGO, RECENTLY)
                .grant("E05", "CRM", "READ", LONG_AGO, END.minusDays(90))
                .grant("E05", "DWH", "READ", LONG_AGO, END.minusDays(91))
                .grant("E05", "GIT", "READ", END.minusDays(90), null)
                .grant("E05", "GIT", "WRITE", END.minusDays(91), null)
                .grant("e06", "crm", "read", LONG_AGO, RECENTLY)
                .grant("E07", "DWH", "READ", LocalDate.of(2034, 1, 1), LocalDate.of(2035, 1, 1))
                .grant("E07", "GIT", "READ", LocalDate.of(2033, 1, 1), LocalDate.of(2034, 12, 1))
                .grant("E99", "ERP", "ADMIN", LONG_AGO, RECENTLY)
                .writeTo(inbox);
        grants("access_grants_directory.csv")
                .grant(" e07 ", "dwh", "Read", LocalDate.of(2035, 2, 1), LocalDate.of(2035, 6, 20))
                .grant("E07", "git", "READ", LocalDate.of(2034, 1, 1), LocalDate.of(2035, 2, 1))
                .writeTo(inbox);

        JobExecution execution = run(JUNE, inbox);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(revocations(JUNE)).isEqualTo("""
                employee_id,system,permission,reason,status
                E01,CRM,READ,LEAVER_ACCESS,NEW
                E03,ERP,ADMIN,EXCESS_PRIVILEGE,NEW
                E04,ERP,ADMIN,LEAVER_ACCESS,NEW
                E05,DWH,READ,DORMANT,NEW
                E05,GIT,WRITE,DORMANT,NEW
                E07,GIT,READ,DORMANT,NEW
                E99,ERP,ADMIN,UNKNOWN_IDENTITY,NEW
                """);
        assertThat(values(JUNE)).contains(
                entry("rows_read", 26.0), entry("rows_accepted", 26.0), entry("rows_rejected", 0.0),
                entry("grants", 12.0), entry("findings", 7.0),
                entry("findings.UNKNOWN_IDENTITY", 1.0), entry("findings.LEAVER_ACCESS", 2.0),
                entry("findings.EXCESS_PRIVILEGE", 1.0), entry("findings.DORMANT", 3.0),
                entry("findings_new", 7.0), entry("findings_persisting", 0.0),
                entry("max_days_departed_with_access", 60.0), entry("clean_share", 0.4167));
        Map<String, Metric> metrics = metrics(JUNE);
        assertThat(metrics.get("leavers_with_access"))
                .isEqualTo(new Metric("leavers_with_access", 2.0, Metric.COUNT, 0.0, false, null));
        assertThat(metrics.get("findings_resolved").isMissing()).isTrue();
        assertThat(metrics.get("findings_resolved").missingReason())
                .isEqualTo("no published results for 2035-05 to compare with");
    }

    @Test
    void findingRowsKeepTheMergedDatesAndTheDaysSinceDeparture() throws Exception {
        Path inbox = inbox("details");
        roster().departed("E01", "Analyst", LocalDate.of(2036, 5, 16)).active("E02", "Analyst").writeTo(inbox);
        entitlements().allow("Analyst", "CRM", "READ").writeTo(inbox);
        grants("access_grants_1.csv")
                .grant("E01", "CRM", "READ", LocalDate.of(2031, 5, 1), LocalDate.of(2035, 6, 1))
                .grant("E02", "CRM", "READ", LocalDate.of(2032, 1, 1), LocalDate.of(2034, 9, 9))
                .writeTo(inbox);
        grants("access_grants_2.csv")
                .grant("E01", "CRM", "READ", LocalDate.of(2030, 5, 1), null)
                .grant("E02", "CRM", "READ", LocalDate.of(2031, 1, 1), LocalDate.of(2035, 1, 10))
                .writeTo(inbox);

        assertThat(run("2036-06", inbox).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        List<Map<String, Object>> findings = publishedFindings("2036-06");
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0)).containsEntry("employee_id", "E01").containsEntry("rule", "LEAVER_ACCESS")
                .containsEntry("days_departed", 45)
                .containsEntry("granted_on", Date.valueOf("2030-05-01"))
                .containsEntry("last_used_on", Date.valueOf("2035-06-01"));
        assertThat(findings.get(1)).containsEntry("employee_id", "E02").containsEntry("rule", "DORMANT")
                .containsEntry("days_departed", null)
                .containsEntry("granted_on", Date.valueOf("2031-01-01"))
                .containsEntry("last_used_on", Date.valueOf("2035-01-10"));
    }

    @Test
    void cleanMonthMeetsTheLeaverKpiAndReportsNoLongestDeparture() throws Exception {
        Path inbox = inbox("clean");
        roster().active("E01", "Analyst").departed("E02", "Analyst", LocalDate.of(2037, 6, 20)).writeTo(inbox);
        entitlements().allow("Analyst", "CRM", "READ").writeTo(inbox);
        grants("access_grants.csv").grant("E01", "CRM", "READ", LONG_AGO, LocalDate.of(2037, 6, 29)).writeTo(inbox);

        assertThat(run("2037-06", inbox).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Map<String, Metric> metrics = metrics("2037-06");
        assertThat(metrics.get("findings").value()).isZero();
        assertThat(metrics.get("leavers_with_access").met()).isTrue();
        assertThat(metrics.get("max_days_departed_with_access").missingReason())
                .isEqualTo("no leaver holds access at the end of 2037-06");
        assertThat(metrics.get("clean_share").value()).isEqualTo(1.0);
        assertThat(revocations("2037-06")).isEqualTo("employee_id,system,permission,reason,status\n");
        assertThat(Files.readString(outboxFile("2037-06", Outbox.SUMMARY)))
                .contains("\"name\" : \"findings.DORMANT\"", "\"name\" : \"leavers_with_access\"");
    }
}
