package dev.custos.common.period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodTest {

    private static final String ACCEPTED_FORMS =
            "expected a day 2026-11-24, a month 2026-11, a quarter 2026-Q4 or a year 2026";

    @ParameterizedTest(name = "{0} is a {1} from {2} to {3}, written {4}")
    @CsvSource({
            "2026-11-24,    DAY,     2026-11-24, 2026-11-24, 2026-11-24",
            "'  2026-11-24 ', DAY,   2026-11-24, 2026-11-24, 2026-11-24",
            "2026-11,       MONTH,   2026-11-01, 2026-11-30, 2026-11",
            "2026-Q4,       QUARTER, 2026-10-01, 2026-12-31, 2026-Q4",
            "2026-q4,       QUARTER, 2026-10-01, 2026-12-31, 2026-Q4",
            "2026,          YEAR,    2026-01-01, 2026-12-31, 2026",
            "' 2026\t',     YEAR,    2026-01-01, 2026-12-31, 2026",
    })
    void parsesEveryFormIntoTypeBoundsAndCanonicalText(String text, PeriodType type, LocalDate start,
            LocalDate end, String canonical) {
        Period period = Period.parse(text);

        assertThat(period.type()).isEqualTo(type);
        assertThat(period.start()).isEqualTo(start);
        assertThat(period.end()).isEqualTo(end);
        assertThat(period).hasToString(canonical);
        assertThat(Period.parse(canonical)).isEqualTo(period).hasSameHashCodeAs(period);
    }

    @ParameterizedTest(name = "{0} ends on {1}")
    @CsvSource({
            "2024-02,    2024-02-29",
            "2023-02,    2023-02-28",
            "2100-02,    2100-02-28",
            "2000-02,    2000-02-29",
            "2024-02-29, 2024-02-29",
            "2024-Q1,    2024-03-31",
            "2024,       2024-12-31",
    })
    void leapYearsFollowTheGregorianRules(String text, LocalDate end) {
        assertThat(Period.parse(text).end()).isEqualTo(end);
    }

    @ParameterizedTest(name = "{0} runs from {1} to {2}")
    @CsvSource({
            "2026-Q1, 2026-01-01, 2026-03-31",
            "2026-Q2, 2026-04-01, 2026-06-30",
            "2026-Q3, 2026-07-01, 2026-09-30",
            "2026-Q4, 2026-10-01, 2026-12-31",
    })
    void everyQuarterHasItsCalendarBounds(String text, LocalDate start, LocalDate end) {
        Period quarter = Period.parse(text);

        assertThat(quarter.start()).isEqualTo(start);
        assertThat(quarter.end()).isEqualTo(end);
        assertThat(Period.containing(PeriodType.QUARTER, start)).isEqualTo(quarter);
        assertThat(Period.containing(PeriodType.QUARTER, end)).isEqualTo(quarter);
    }

    @ParameterizedTest(name = "{1} < {0} < {2}")
    @CsvSource({
            "2026-01-01, 2025-12-31, 2026-01-02",
            "2025-12-31, 2025-12-30, 2026-01-01",
            "2024-03-01, 2024-02-29, 2024-03-02",
            "2026-01,    2025-12,    2026-02",
            "2025-12,    2025-11,    2026-01",
            "2026-Q1,    2025-Q4,    2026-Q2",
            "2025-Q4,    2025-Q3,    2026-Q1",
            "2026,       2025,       2027",
    })
    void previousAndNextCrossYearBoundaries(String text, String previous, String next) {
        Period period = Period.parse(text);

        assertThat(period.previous()).hasToString(previous);
        assertThat(period.next()).hasToString(next);
        assertThat(period.previous().next()).isEqualTo(period);
    }

    @ParameterizedTest(name = "on {1} the last closed {0} is {2}")
    @CsvSource({
            "DAY,     2026-01-01, 2025-12-31",
            "DAY,     2024-03-01, 2024-02-29",
            "MONTH,   2026-12-01, 2026-11",
            "MONTH,   2026-01-01, 2025-12",
            "MONTH,   2026-12-31, 2026-11",
            "QUARTER, 2026-01-01, 2025-Q4",
            "QUARTER, 2026-04-01, 2026-Q1",
            "QUARTER, 2026-03-31, 2025-Q4",
            "YEAR,    2027-01-01, 2026",
            "YEAR,    2026-12-31, 2025",
    })
    void lastClosedIsTheLatestPeriodEndingBeforeToday(PeriodType type, LocalDate today, String expected) {
        Period lastClosed = Period.lastClosed(type, today);

        assertThat(lastClosed).hasToString(expected);
        assertThat(lastClosed.end()).isBefore(today);
        assertThat(lastClosed.next().end()).isAfterOrEqualTo(today);
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @ValueSource(strings = {"x", "2026-13", "2026-00", "2026-02-30", "2023-02-29", "2026-Q5", "2026-Q0",
            "2026-11-1", "2026-1", "26", "20260", "2026-Q", "2026/11", "2026-11-24T00:00", "Q4-2026"})
    @NullAndEmptySource
    void badTextIsRejectedWithTheAcceptedForms(String text) {
        String quoted = text == null ? "" : text;

        assertThatThrownBy(() -> Period.parse(text))
                .isInstanceOf(InvalidPeriodException.class)
                .hasMessage("invalid period '" + quoted + "': " + ACCEPTED_FORMS);
    }

    @Test
    void blankTextIsRejectedAsEmpty() {
        assertThatThrownBy(() -> Period.parse("   "))
                .isInstanceOf(InvalidPeriodException.class)
                .hasMessage("invalid period '': " + ACCEPTED_FORMS);
    }

    @ParameterizedTest(name = "{0} as a {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "2026-11    | QUARTER | runs per quarter (e.g. 2026-Q4), not '2026-11'",
            "2026-q4    | MONTH   | runs per month (e.g. 2026-11), not '2026-Q4'",
            "2026       | DAY     | runs per day (e.g. 2026-11-24), not '2026'",
            "2026-11-24 | YEAR    | runs per year (e.g. 2026), not '2026-11-24'",
    })
    void parseWithExpectedTypeRejectsAnotherType(String text, PeriodType expected, String message) {
        assertThatThrownBy(() -> Period.parse(text, expected))
                .isInstanceOf(InvalidPeriodException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0} as a {1}")
    @CsvSource({"2026-Q4, QUARTER", "2026-11, MONTH", "2026-11-24, DAY", "2026, YEAR"})
    void parseWithExpectedTypeAcceptsThatType(String text, PeriodType expected) {
        assertThat(Period.parse(text, expected).type()).isEqualTo(expected);
    }

    @Test
    void parseWithExpectedTypeStillRejectsBadText() {
        assertThatThrownBy(() -> Period.parse("2026-Q5", PeriodType.QUARTER))
                .isInstanceOf(InvalidPeriodException.class)
                .hasMessage("invalid period '2026-Q5': " + ACCEPTED_FORMS);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "2026-Q4,    2026-10-01, true",
            "2026-Q4,    2026-12-31, true",
            "2026-Q4,    2026-09-30, false",
            "2026-Q4,    2027-01-01, false",
            "2026-11-24, 2026-11-24, true",
            "2026-11-24, 2026-11-25, false",
    })
    void containsIncludesBothEnds(String text, LocalDate date, boolean contained) {
        assertThat(Period.parse(text).contains(date)).isEqualTo(contained);
    }

    @ParameterizedTest(name = "{0}..{1} = {2}")
    @CsvSource({
            "2025-11,    2026-02,    2025-11 2025-12 2026-01 2026-02",
            "2025-Q4,    2025-Q4,    2025-Q4",
            "2024-02-28, 2024-03-01, 2024-02-28 2024-02-29 2024-03-01",
            "2024,       2026,       2024 2025 2026",
    })
    void betweenListsEveryPeriodInclusive(String from, String to, String expected) {
        assertThat(Period.between(Period.parse(from), Period.parse(to)))
                .extracting(Period::toString)
                .containsExactly(expected.split(" "));
    }

    @ParameterizedTest(name = "{0}..{1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "2026-02 | 2025-11 | period range 2026-02..2025-11 ends before it starts",
            "2026-11 | 2026-Q4 | period range 2026-11..2026-Q4 mixes a month and a quarter",
    })
    void betweenRejectsBackwardsOrMixedRanges(String from, String to, String message) {
        assertThatThrownBy(() -> Period.between(Period.parse(from), Period.parse(to)))
                .isInstanceOf(InvalidPeriodException.class)
                .hasMessage(message);
    }

    @Test
    void aYearConsistsOfFourQuartersAndTwelveMonths() {
        Period year = Period.parse("2026");

        assertThat(year.subPeriods(PeriodType.QUARTER)).extracting(Period::toString)
                .containsExactly("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4");
        assertThat(year.subPeriods(PeriodType.MONTH)).hasSize(12)
                .first().hasToString("2026-01");
        assertThat(year.subPeriods(PeriodType.MONTH)).last().hasToString("2026-12");
        assertThat(Period.parse("2024").subPeriods(PeriodType.DAY)).hasSize(366);
        assertThat(year.subPeriods(PeriodType.YEAR)).containsExactly(year);
    }

    @Test
    void aQuarterConsistsOfThreeMonths() {
        assertThat(Period.parse("2026-Q3").subPeriods(PeriodType.MONTH)).extracting(Period::toString)
                .containsExactly("2026-07", "2026-08", "2026-09");
    }

    @Test
    void aShorterPeriodHasNoLongerSubPeriods() {
        assertThatThrownBy(() -> Period.parse("2026-11").subPeriods(PeriodType.QUARTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a month does not consist of quarters");
    }

    @Test
    void periodsOrderByTypeThenStart() {
        List<Period> periods = List.of(Period.parse("2026"), Period.parse("2026-Q1"), Period.parse("2025-12"),
                Period.parse("2026-01"), Period.parse("2026-11-24"), Period.parse("2025"));

        assertThat(periods.stream().sorted()).extracting(Period::toString)
                .containsExactly("2026-11-24", "2025-12", "2026-01", "2026-Q1", "2025", "2026");
    }
}
