package dev.custos.scheduler.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;

class FreshnessTest {

    private static final Duration BY_THE_5TH_AT_NOON = Duration.parse("P4DT12H");
    private static final Duration BY_6_ON_THE_DAY = Duration.parse("-PT18H");
    private static final Optional<Instant> WATCHED_LONG_AGO = Optional.of(Instant.parse("2020-01-01T00:00:00Z"));

    private static Freshness monthly(String now, String latestCompleted) {
        return Freshness.judge("permission-reconciliation", PeriodType.MONTH, BY_THE_5TH_AT_NOON,
                Optional.ofNullable(latestCompleted).map(Period::parse), WATCHED_LONG_AGO, Instant.parse(now), ZoneOffset.UTC);
    }

    @Test
    void aMonthIsDueOnThe5thAtNoonOfTheNextMonth() {
        Freshness freshness = monthly("2026-12-05T12:00:00Z", "2026-11");

        assertThat(freshness.duePeriod()).isEqualTo(Period.parse("2026-11"));
        assertThat(freshness.dueBy()).isEqualTo(Instant.parse("2026-12-05T12:00:00Z"));
        assertThat(freshness.overdue()).isFalse();
    }

    @Test
    void beforeItsDeadlineTheMonthBeforeIsStillTheDueOne() {
        Freshness freshness = monthly("2026-12-05T11:59:59Z", "2026-10");

        assertThat(freshness.duePeriod()).isEqualTo(Period.parse("2026-10"));
        assertThat(freshness.overdue()).isFalse();
    }

    @Test
    void aMonthNotCompletedByItsDeadlineIsOverdue() {
        assertThat(monthly("2026-12-05T12:00:01Z", "2026-10").overdue()).isTrue();
    }

    @Test
    void aControlThatNeverCompletedIsOverdueOnceWatched() {
        assertThat(monthly("2026-12-06T00:00:00Z", null).overdue()).isTrue();
    }

    @Test
    void aControlScheduledAfterTheDeadlineIsNotOverdueForThePast() {
        Freshness freshness = Freshness.judge("permission-reconciliation", PeriodType.MONTH, BY_THE_5TH_AT_NOON,
                Optional.empty(), Optional.of(Instant.parse("2026-12-05T13:00:00Z")),
                Instant.parse("2026-12-06T00:00:00Z"), ZoneOffset.UTC);

        assertThat(freshness.overdue()).isFalse();
    }

    @Test
    void aControlNeverScheduledNorRunIsNotOverdue() {
        Freshness freshness = Freshness.judge("permission-reconciliation", PeriodType.MONTH, BY_THE_5TH_AT_NOON,
                Optional.empty(), Optional.empty(), Instant.parse("2026-12-06T00:00:00Z"), ZoneOffset.UTC);

        assertThat(freshness.overdue()).isFalse();
    }

    @Test
    void todaysBackupIsDueAt6ThatDayInTheConfiguredZone() {
        ZoneId zurich = ZoneId.of("Europe/Zurich");
        Freshness before = Freshness.judge("backup", PeriodType.DAY, BY_6_ON_THE_DAY, Optional.of(Period.parse("2026-12-05")),
                WATCHED_LONG_AGO, Instant.parse("2026-12-06T04:59:59Z"), zurich);
        Freshness after = Freshness.judge("backup", PeriodType.DAY, BY_6_ON_THE_DAY, Optional.of(Period.parse("2026-12-05")),
                WATCHED_LONG_AGO, Instant.parse("2026-12-06T05:00:00Z"), zurich);

        assertThat(before.duePeriod()).isEqualTo(Period.parse("2026-12-05"));
        assertThat(before.overdue()).isFalse();
        assertThat(after.duePeriod()).isEqualTo(Period.parse("2026-12-06"));
        assertThat(after.dueBy()).isEqualTo(Instant.parse("2026-12-06T05:00:00Z"));
        assertThat(after.overdue()).isTrue();
    }
}
