package dev.custos.jobs.backup.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.custos.jobs.backup.retention.RetentionRule.Candidate;
import dev.custos.jobs.backup.retention.RetentionRule.Decision;
import dev.custos.jobs.backup.retention.RetentionRule.Reason;

class RetentionRuleTest {

    private static long executions;

    private static Candidate verified(String day) {
        return new Candidate(day + "." + ++executions, LocalDate.parse(day), executions, true);
    }

    private static Candidate unverified(String day) {
        return new Candidate(day + "." + ++executions, LocalDate.parse(day), executions, false);
    }

    /** One verified backup a day from {@code first} to {@code last}. */
    private static List<Candidate> everyDay(String first, String last) {
        List<Candidate> backups = new ArrayList<>();
        for (LocalDate day = LocalDate.parse(first); !day.isAfter(LocalDate.parse(last)); day = day.plusDays(1)) {
            backups.add(verified(day.toString()));
        }
        return backups;
    }

    private static Map<LocalDate, Reason> reasonsByDay(List<Decision> decisions) {
        return decisions.stream().collect(Collectors.toMap(d -> d.backup().day(), Decision::reason, (a, b) -> b));
    }

    private static List<String> keptDays(List<Decision> decisions) {
        return decisions.stream().filter(Decision::keep).map(d -> d.backup().day().toString()).toList();
    }

    @Test
    void keepsTheLastDaysTheLastDayOfEachMonthAndOfEachYearAcrossAYearBoundary() {
        List<Candidate> backups = everyDay("2024-11-15", "2026-01-03");

        List<Decision> decisions = new RetentionRule(3, 2, 3).decide(backups, LocalDate.parse("2026-01-03"));

        assertThat(keptDays(decisions)).containsExactly(
                "2024-12-31",                                   // yearly 2024
                "2025-12-31",                                   // monthly 2025-12 and yearly 2025
                "2026-01-01", "2026-01-02", "2026-01-03");      // daily; 01-03 also newest, monthly, yearly
        Map<LocalDate, Reason> reasons = reasonsByDay(decisions);
        assertThat(reasons.get(LocalDate.parse("2026-01-03"))).isEqualTo(Reason.NEWEST_VERIFIED);
        assertThat(reasons.get(LocalDate.parse("2026-01-01"))).isEqualTo(Reason.DAILY);
        assertThat(reasons.get(LocalDate.parse("2025-12-31"))).isEqualTo(Reason.MONTHLY);
        assertThat(reasons.get(LocalDate.parse("2024-12-31"))).isEqualTo(Reason.YEARLY);
        assertThat(reasons.get(LocalDate.parse("2025-12-30"))).isEqualTo(Reason.EXPIRED);
        assertThat(decisions).hasSize(backups.size());
    }

    @Test
    void theMonthlyGenerationIsTheNewestBackupOfEachMonthEvenWhenThatMonthEndedEarly() {
        List<Candidate> backups = List.of(verified("2026-01-10"), verified("2026-01-20"), verified("2026-02-27"),
                verified("2026-03-01"), verified("2026-03-02"));

        List<Decision> decisions = new RetentionRule(1, 3, 0).decide(backups, LocalDate.parse("2026-03-02"));

        assertThat(keptDays(decisions)).containsExactly("2026-01-20", "2026-02-27", "2026-03-02");
    }

    @Test
    void ofSeveralBackupsOfOneDayOnlyTheNewestIsThatDaysGeneration() {
        Candidate first = verified("2026-05-05");
        Candidate rerun = verified("2026-05-05");

        List<Decision> decisions = new RetentionRule(7, 0, 0)
                .decide(List.of(rerun, first), LocalDate.parse("2026-05-05"));

        assertThat(decisions).extracting(Decision::backup, Decision::reason).containsExactly(
                tuple(first, Reason.EXPIRED),
                tuple(rerun, Reason.NEWEST_VERIFIED));
    }

    @Test
    void theNewestVerifiedBackupIsKeptEvenWhenRetentionKeepsNothing() {
        List<Candidate> backups = List.of(verified("2026-01-01"), verified("2026-01-02"));

        List<Decision> decisions = new RetentionRule(0, 0, 0).decide(backups, LocalDate.parse("2026-06-30"));

        assertThat(decisions).extracting(Decision::reason).containsExactly(Reason.EXPIRED, Reason.NEWEST_VERIFIED);
    }

    @Test
    void aBackfillOfAnOldDayNeverExpiresNewerBackups() {
        List<Candidate> backups = everyDay("2026-03-01", "2026-03-10");

        List<Decision> decisions = new RetentionRule(3, 0, 0).decide(backups, LocalDate.parse("2026-01-15"));

        assertThat(keptDays(decisions)).containsExactly("2026-03-08", "2026-03-09", "2026-03-10");
    }

    @Test
    void unverifiedBackupsNewerThanTheNewestVerifiedAreKeptOlderOnesOnlyInsideTheDailyWindow() {
        Candidate old = unverified("2026-01-02");
        Candidate recent = unverified("2026-01-09");
        Candidate newest = verified("2026-01-10");
        Candidate inProgress = unverified("2026-01-10");
        Candidate tomorrow = unverified("2026-01-11");

        List<Decision> decisions = new RetentionRule(3, 12, 5)
                .decide(List.of(old, recent, newest, inProgress, tomorrow), LocalDate.parse("2026-01-10"));

        assertThat(decisions).extracting(Decision::reason).containsExactly(Reason.UNVERIFIED,
                Reason.UNVERIFIED_IN_DAILY_WINDOW, Reason.NEWEST_VERIFIED, Reason.NEWER_THAN_NEWEST_VERIFIED,
                Reason.NEWER_THAN_NEWEST_VERIFIED);
    }

    @Test
    void withoutAnyVerifiedBackupNothingIsDeleted() {
        List<Decision> decisions = new RetentionRule(1, 0, 0)
                .decide(List.of(unverified("2020-01-01"), unverified("2026-01-01")), LocalDate.parse("2026-01-10"));

        assertThat(decisions).extracting(Decision::reason)
                .containsOnly(Reason.NO_VERIFIED_BACKUP);
    }

    @Test
    void anEmptyHistoryHasNothingToDecide() {
        assertThat(new RetentionRule(7, 12, 5).decide(List.of(), LocalDate.parse("2026-01-10"))).isEmpty();
    }

    @Test
    void aSingleBackupIsKeptAsTheNewestVerified() {
        Candidate only = verified("2019-07-01");

        assertThat(new RetentionRule(7, 12, 5).decide(List.of(only), LocalDate.parse("2026-01-10")))
                .singleElement().satisfies(d -> {
                    assertThat(d.backup()).isEqualTo(only);
                    assertThat(d.reason()).isEqualTo(Reason.NEWEST_VERIFIED);
                });
    }

    @Test
    void anIncompleteBackupExpiresOnlyAfterADay() {
        RetentionRule rule = new RetentionRule(7, 12, 5);
        Instant now = Instant.parse("2026-01-10T12:00:00Z");

        assertThat(rule.incompleteExpired(Instant.parse("2026-01-09T12:00:01Z"), now)).isFalse();
        assertThat(rule.incompleteExpired(Instant.parse("2026-01-09T11:59:59Z"), now)).isTrue();
    }

    @Test
    void anArchiveItsRunRecordedAwaitsARestartForTheDailyWindow() {
        Instant now = Instant.parse("2026-01-10T12:00:00Z");

        assertThat(new RetentionRule(7, 12, 5).recordedArchiveExpired(Instant.parse("2026-01-03T12:00:01Z"), now))
                .isFalse();
        assertThat(new RetentionRule(7, 12, 5).recordedArchiveExpired(Instant.parse("2026-01-03T11:59:59Z"), now))
                .isTrue();
        assertThat(new RetentionRule(0, 12, 5).recordedArchiveExpired(Instant.parse("2026-01-09T12:00:01Z"), now))
                .as("a day at least").isFalse();
    }

    @Test
    void idsParseIntoDayAndExecutionAndOtherShapesAreNotBackups() {
        assertThat(RetentionRule.parseId("2026-01-10.17", true))
                .contains(new Candidate("2026-01-10.17", LocalDate.parse("2026-01-10"), 17, true));
        assertThat(RetentionRule.parseId("manual-copy", true)).isEmpty();
        assertThat(RetentionRule.parseId("2026-13-01.1", true)).isEmpty();
    }

    @Test
    void negativeCountsAreRefusedNamingTheSettings() {
        assertThatThrownBy(() -> new RetentionRule(-1, 12, 5)).hasMessageContaining("custos.backup.retention.daily");
    }
}
