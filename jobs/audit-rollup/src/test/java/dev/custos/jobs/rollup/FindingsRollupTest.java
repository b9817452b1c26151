package dev.custos.jobs.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.custos.common.csv.ParsedRow;
import dev.custos.common.results.Metric;

/** The rollup rules on findings read by the job's own reader and mapper, without Spring or a database. */
class FindingsRollupTest {

    @TempDir
    Path inbox;

    private FindingsRollup rollup(int year, FindingsCsv csv) throws Exception {
        List<ParsedRow<AuditFinding>> rows = csv.read(inbox);
        assertThat(FindingsCsv.rejected(rows)).as("every row of this test is valid").isEmpty();
        return FindingsRollup.of(year, FindingsCsv.accepted(rows).stream().map(FindingsRollup.StagedFinding::finding).toList());
    }

    private static Map<String, Metric> byName(FindingsRollup rollup) {
        return rollup.metrics().stream().collect(Collectors.toMap(Metric::name, Function.identity()));
    }

    @Test
    void repeatedFindingIdAfterTrimmingAndCaseIsRejectedAtItsLaterLine() throws Exception {
        FindingsCsv csv = FindingsCsv.create()
                .open("AF-1", 2026, "HIGH")
                .open("AF-2", 2026, "LOW")
                .open("  af-1 ", 2026, "LOW")
                .open("Af-2", 2025, "LOW");

        List<FindingsRollup.Repeated> repeated = FindingsRollup.repeatedIds(FindingsCsv.accepted(csv.read(inbox)));

        assertThat(repeated).extracting(FindingsRollup.Repeated::line, FindingsRollup.Repeated::reason).containsExactly(
                tuple(4L, "repeated finding_id (first at line 2)"),
                tuple(5L, "repeated finding_id (first at line 3)"));
    }

    @Test
    void severityAndStatusReadIgnoringCaseButAnUnknownSeverityIsRejected() throws Exception {
        FindingsCsv csv = FindingsCsv.create()
                .finding("AF-1", "2026", "2026-02-01", "high", "Access control", "Remediated", "2026-03-01")
                .finding("AF-2", "2026", "2026-02-01", "SEVERE", "Access control", "OPEN", "");

        List<ParsedRow<AuditFinding>> rows = csv.read(inbox);

        assertThat(FindingsCsv.accepted(rows)).singleElement().satisfies(row -> {
            assertThat(row.finding().severity()).isEqualTo(Severity.HIGH);
            assertThat(row.finding().status()).isEqualTo(FindingStatus.REMEDIATED);
        });
        assertThat(FindingsCsv.rejected(rows)).containsExactly(
                "3: bad value in severity: 'SEVERE' (expected one of CRITICAL, HIGH, MEDIUM, LOW)");
    }

    @Test
    void namesAndEmailsInCodedColumnsAreNamedByColumnNotQuoted() throws Exception {
        FindingsCsv csv = FindingsCsv.create()
                .finding("AF-1", "Zyxwv Qwertyuiop", "2026-02-01", "LOW", "Access control", "OPEN", "")
                .finding("AF-2", "2026", "zq.marker@example.com", "LOW", "Access control", "OPEN", "")
                .finding("AF-3", "2026", "2026-02-01", "Zyxwv Qwertyuiop", "Access control", "OPEN", "")
                .finding("AF-4", "2026", "2026-02-01", "LOW", "Access control", "zq.marker@example.com", "");

        assertThat(FindingsCsv.rejected(csv.read(inbox))).containsExactly(
                "2: bad audit_year: value not shown (expected a year such as 2026)",
                "3: bad date in opened_on: value not shown (expected YYYY-MM-DD)",
                "4: bad value in severity: value not shown (expected one of CRITICAL, HIGH, MEDIUM, LOW)",
                "5: bad value in status: value not shown (expected one of OPEN, REMEDIATED, ACCEPTED)");
    }

    @Test
    void rowsWithoutAValidYearOrDateAreRejectedWithTheReason() throws Exception {
        FindingsCsv csv = FindingsCsv.create()
                .finding("AF-1", "", "2026-02-01", "LOW", "Access control", "OPEN", "")
                .finding("AF-2", "26", "2026-02-01", "LOW", "Access control", "OPEN", "")
                .finding("AF-3", "2026", "2026-02-30", "LOW", "Access control", "OPEN", "")
                .finding("AF-4", "2026", "2026-02-01", "LOW", "Access control", "REMEDIATED", "soon")
                .finding("AF-5", "2026", "2026-02-01", "LOW", "Access control", "OPEN", "2026-03-01")
                .finding("AF-6", "2026", "2026-02-01", "LOW", "Access control", "ACCEPTED", "")
                .finding("AF-7", "2026", "2026-02-01", "LOW", "Access control", "REMEDIATED", "2026-01-31");

        assertThat(FindingsCsv.rejected(csv.read(inbox))).containsExactly(
                "2: blank audit_year",
                "3: bad audit_year: '26' (expected a year such as 2026)",
                "4: bad date in opened_on: '2026-02-30' (expected YYYY-MM-DD)",
                "5: bad date in closed_on: value not shown (expected YYYY-MM-DD)",
                "6: status OPEN with closed_on 2026-03-01 (blank closed_on, or status REMEDIATED or ACCEPTED)",
                "7: status ACCEPTED without closed_on",
                "8: closed_on 2026-01-31 is before opened_on 2026-02-01");
    }

    @Test
    void fieldsLongerThanTheirColumnsAreRejectedRowsNotAFailedRun() throws Exception {
        FindingsCsv csv = FindingsCsv.create()
                .finding("AF-1", "2026", "2026-02-01", "LOW", "c".repeat(100), "OPEN", "")
                .finding("AF-2", "2026", "2026-02-01", "LOW", "c".repeat(101), "OPEN", "")
                .line("AF-3,2026,2026-02-01,LOW,Access control," + "t".repeat(501) + ",OPEN,")
                .finding("F".repeat(65), "2026", "2026-02-01", "LOW", "Access control", "OPEN", "");

        List<ParsedRow<AuditFinding>> rows = csv.read(inbox);

        assertThat(FindingsCsv.accepted(rows)).singleElement()
                .satisfies(row -> assertThat(row.finding().findingId()).isEqualTo("AF-1"));
        assertThat(FindingsCsv.rejected(rows)).containsExactly(
                "3: category longer than 100 characters",
                "4: title longer than 500 characters",
                "5: finding_id longer than 64 characters");
    }

    @Test
    void aYearWithoutPreviousFindingsHasNoReductionButSaysWhy() throws Exception {
        FindingsRollup rollup = rollup(2026, FindingsCsv.create().open("N", 2026, 3));

        Metric reduction = byName(rollup).get("reduction");

        assertThat(reduction.isMissing()).isTrue();
        assertThat(reduction.missingReason()).isEqualTo(
                "no findings of 2025 in the findings file: the reduction needs the previous year's count");
        assertThat(byName(rollup).get("findings").value()).isEqualTo(3.0);
        assertThat(byName(rollup).get("findings_previous").value()).isZero();
    }

    @Test
    void aReductionOfExactlyTwentyPercentMeetsTheTarget() throws Exception {
        FindingsRollup rollup = rollup(2026, FindingsCsv.create().open("P", 2025, 10).open("N", 2026, 8));

        Metric reduction = byName(rollup).get("reduction");

        assertThat(reduction.value()).isEqualTo(0.2);
        assertThat(reduction.target()).isEqualTo(0.2);
        assertThat(reduction.met()).isTrue();
    }

    @Test
    void aReductionJustUnderTwentyPercentMissesTheTarget() throws Exception {
        FindingsRollup rollup = rollup(2026, FindingsCsv.create().open("P", 2025, 11).open("N", 2026, 9));

        assertThat(byName(rollup).get("reduction").value()).isEqualTo(0.1818);
        assertThat(byName(rollup).get("reduction").met()).isFalse();
    }

    @Test
    void findingsOfOtherYearsCountNeitherAsTheYearsNorAsThePreviousYears() throws Exception {
        FindingsRollup rollup = rollup(2026, FindingsCsv.create().open("OLD", 2024, 4).open("P", 2025, 2)
                .open("N", 2026, 1).open("NEXT", 2027, 5));

        assertThat(rollup.findings()).isEqualTo(1);
        assertThat(rollup.findingsPrevious()).isEqualTo(2);
        assertThat(byName(rollup).get("reduction").value()).isEqualTo(0.5);
    }

    @Test
    void severityStatusAndCategoryLinesCompareTheYearWithThePreviousOne() throws Exception {
        FindingsCsv csv = FindingsCsv.create()
                .finding("P1", "2025", "2025-02-01", "HIGH", "Access control", "REMEDIATED", "2025-05-01")
                .finding("P2", "2025", "2025-02-01", "HIGH", "Change management", "OPEN", "")
                .finding("N1", "2026", "2026-02-01", "critical", "access CONTROL", "open", "")
                .finding("N2", "2026", "2026-02-01", "HIGH", "Access control", "ACCEPTED", "2026-04-01");

        List<RollupLine> lines = rollup(2026, csv).lines();

        assertThat(lines).containsExactly(
                new RollupLine("SEVERITY", "CRITICAL", 1, 0),
                new RollupLine("SEVERITY", "HIGH", 1, 2),
                new RollupLine("SEVERITY", "MEDIUM", 0, 0),
                new RollupLine("SEVERITY", "LOW", 0, 0),
                new RollupLine("CATEGORY", "access CONTROL", 2, 1),
                new RollupLine("CATEGORY", "Change management", 0, 1),
                new RollupLine("STATUS", "OPEN", 1, 1),
                new RollupLine("STATUS", "REMEDIATED", 0, 1),
                new RollupLine("STATUS", "ACCEPTED", 1, 0));
    }

    @Test
    void carriedOverAreFindingsOpenedBeforeTheYearAndNotClosedBeforeIt() throws Exception {
        FindingsCsv csv = FindingsCsv.create()
                .finding("STILL-OPEN", "2024", "2024-06-01", "LOW", "Access control", "OPEN", "")
                .finding("CLOSED-IN-YEAR", "2025", "2025-06-01", "LOW", "Access control", "REMEDIATED", "2026-01-01")
                .finding("ACCEPTED-IN-YEAR", "2025", "2025-06-01", "LOW", "Access control", "ACCEPTED", "2026-07-01")
                .finding("CLOSED-BEFORE", "2025", "2025-06-01", "LOW", "Access control", "REMEDIATED", "2025-12-31")
                .finding("OPENED-IN-YEAR", "2026", "2026-01-01", "LOW", "Access control", "OPEN", "");

        assertThat(byName(rollup(2026, csv)).get("findings_carried_over").value()).isEqualTo(3.0);
    }

    @Test
    void medianDaysToRemediateTakesRemediationsClosedInTheYearAndAveragesTheMiddleTwo() throws Exception {
        FindingsCsv csv = FindingsCsv.create()
                .finding("A", "2025", "2025-12-22", "LOW", "Access control", "REMEDIATED", "2026-01-01")
                .finding("B", "2026", "2026-03-01", "LOW", "Access control", "REMEDIATED", "2026-03-21")
                .finding("C", "2026", "2026-03-01", "LOW", "Access control", "REMEDIATED", "2026-03-21")
                .finding("D", "2026", "2026-03-01", "LOW", "Access control", "REMEDIATED", "2026-04-10")
                .finding("ACCEPTED", "2026", "2026-03-01", "LOW", "Access control", "ACCEPTED", "2026-03-02")
                .finding("LAST-YEAR", "2025", "2025-03-01", "LOW", "Access control", "REMEDIATED", "2025-03-02");

        Metric median = byName(rollup(2026, csv)).get("median_days_to_remediate");

        assertThat(median.value()).as("10, 20, 20, 40 days").isEqualTo(20.0);
        assertThat(median.unit()).isEqualTo("days");
    }

    @Test
    void medianOfAnEvenCountWithoutTiesIsTheMeanOfTheMiddleTwo() {
        assertThat(FindingsRollup.median(List.of(40L, 10L, 25L, 20L)).getAsDouble()).isEqualTo(22.5);
        assertThat(FindingsRollup.median(List.of(7L, 7L, 7L)).getAsDouble()).isEqualTo(7.0);
    }

    @Test
    void withoutRemediationsInTheYearTheMedianIsMissing() throws Exception {
        Metric median = byName(rollup(2026, FindingsCsv.create().open("N", 2026, 2))).get("median_days_to_remediate");

        assertThat(median.isMissing()).isTrue();
        assertThat(median.missingReason()).isEqualTo("no finding was remediated in 2026");
    }
}
