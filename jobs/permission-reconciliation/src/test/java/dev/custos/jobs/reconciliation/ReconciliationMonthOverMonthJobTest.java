package dev.custos.jobs.reconciliation;

import static dev.custos.common.roster.RosterCsv.roster;
import static dev.custos.jobs.reconciliation.EntitlementsCsv.entitlements;
import static dev.custos.jobs.reconciliation.GrantsCsv.grants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;

/** NEW, PERSISTING and resolved findings across consecutive months, and reruns that replace a month. */
class ReconciliationMonthOverMonthJobTest extends ReconciliationJobTestSupport {

    private static final LocalDate LONG_AGO = LocalDate.of(2030, 1, 1);

    @Test
    void findingsAreNewOrPersistingAgainstLastMonthAndTheGoneOnesAreResolved() throws Exception {
        assertThat(run("2041-01", january(2041)).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(run("2041-02", february(2041, true)).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(revocations("2041-01")).isEqualTo("""
                employee_id,system,permission,reason,status
                E01,ERP,ADMIN,EXCESS_PRIVILEGE,NEW
                E02,DWH,READ,DORMANT,NEW
                E03,CRM,READ,LEAVER_ACCESS,NEW
                E04,DWH,READ,DORMANT,NEW
                """);
        assertThat(metrics("2041-01").get("findings_resolved").isMissing()).isTrue();
        assertThat(revocations("2041-02")).isEqualTo("""
                employee_id,system,permission,reason,status
                E01,ERP,ADMIN,EXCESS_PRIVILEGE,PERSISTING
                E04,DWH,READ,LEAVER_ACCESS,PERSISTING
                E05,ERP,WRITE,EXCESS_PRIVILEGE,NEW
                """);
        assertThat(values("2041-02")).contains(entry("findings", 3.0), entry("findings_new", 1.0),
                entry("findings_persisting", 2.0), entry("findings_resolved", 2.0));
    }

    @Test
    void rerunReplacesTheMonthsFindingsAndTheNextMonthComparesWithTheRerun() throws Exception {
        assertThat(run("2042-01", january(2042)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run("2042-02", february(2042, true)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        var firstRun = values("2042-02");

        assertThat(run("2042-02", 1, february(2042, true)).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(values("2042-02")).isEqualTo(firstRun);
        assertThat(findingRowsOfAnyRun("2042-02")).isEqualTo(3);

        assertThat(run("2042-02", 2, february(2042, false)).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(values("2042-02")).contains(entry("findings", 2.0), entry("findings_new", 0.0),
                entry("findings_persisting", 2.0), entry("findings_resolved", 2.0));
        assertThat(findingRowsOfAnyRun("2042-02")).isEqualTo(2);

        assertThat(run("2042-03", february(2042, true)).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(revocations("2042-03")).contains("E05,ERP,WRITE,EXCESS_PRIVILEGE,NEW");
    }

    /**
     * January of {@code year}: an excess grant (E01), two dormant grants (E02, E04), a leaver (E03,
     * departed on the 10th) and a clean grant (E05).
     */
    private Path january(int year) {
        Path inbox = inbox("january-" + year);
        roster()
                .active("E01", "Analyst").active("E02", "Analyst")
                .departed("E03", "Analyst", LocalDate.of(year, 1, 10))
                .active("E04", "Analyst").active("E05", "Analyst")
                .writeTo(inbox);
        policy(inbox);
        LocalDate september = LocalDate.of(year - 1, 9, 1);
        LocalDate lastWeek = LocalDate.of(year, 1, 24);
        grants("access_grants.csv")
                .grant("E01", "ERP", "ADMIN", LONG_AGO, lastWeek)
                .grant("E02", "DWH", "READ", LONG_AGO, september)
                .grant("E03", "CRM", "READ", LONG_AGO, LocalDate.of(year, 1, 9))
                .grant("E04", "DWH", "READ", LONG_AGO, september)
                .grant("E05", "CRM", "READ", LONG_AGO, lastWeek)
                .writeTo(inbox);
        return inbox;
    }

    /**
     * February of {@code year}: E01's excess grant remains, E02 used their grant again, E03's access
     * was revoked, E04 left on the 15th (a dormant grant turned leaver access: the same grant,
     * persisting), and E05 gained an excess grant unless {@code withNewExcess} is false (the
     * corrected export).
     */
    private Path february(int year, boolean withNewExcess) {
        Path inbox = inbox("february-" + year + (withNewExcess ? "" : "-corrected"));
        roster()
                .active("E01", "Analyst").active("E02", "Analyst")
                .departed("E03", "Analyst", LocalDate.of(year, 1, 10))
                .departed("E04", "Analyst", LocalDate.of(year, 2, 15))
                .active("E05", "Analyst")
                .writeTo(inbox);
        policy(inbox);
        LocalDate lastWeek = LocalDate.of(year, 2, 21);
        GrantsCsv grants = grants("access_grants.csv")
                .grant("E01", "ERP", "ADMIN", LONG_AGO, lastWeek)
                .grant("E02", "DWH", "READ", LONG_AGO, lastWeek)
                .grant("E04", "DWH", "READ", LONG_AGO, LocalDate.of(year - 1, 9, 1))
                .grant("E05", "CRM", "READ", LONG_AGO, lastWeek);
        if (withNewExcess) {
            grants.grant("E05", "ERP", "WRITE", LONG_AGO, lastWeek);
        }
        grants.writeTo(inbox);
        return inbox;
    }

    private static void policy(Path inbox) {
        entitlements().allow("Analyst", "CRM", "READ").allow("Analyst", "DWH", "READ").writeTo(inbox);
    }
}
