package dev.custos.scheduler.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

class DueFireTimeTest {

    private static final Trigger DAILY_0130 = TriggerBuilder.newTrigger().withIdentity("backup")
            .startAt(at(2026, 1, 1, 0, 0))
            .withSchedule(CronScheduleBuilder.cronSchedule("0 30 1 * * ?").inTimeZone(TimeZone.getTimeZone("UTC")))
            .build();

    @Test
    void aFiringOnTimeIsDueAtItsScheduledTime() {
        Date scheduled = at(2026, 11, 25, 1, 30);

        assertThat(DueFireTime.of(DAILY_0130, scheduled, at(2026, 11, 24, 1, 30))).isEqualTo(scheduled);
    }

    @Test
    void aLateFiringIsStillDueAtItsScheduledTime() {
        assertThat(DueFireTime.of(DAILY_0130, at(2026, 11, 25, 1, 30), at(2026, 11, 24, 1, 30)))
                .isEqualTo(at(2026, 11, 25, 1, 30));
    }

    @Test
    void fireOnceNowAfterDaysOfDowntimeIsDueAtTheLatestMissedFiring() {
        Date recoveredAt = at(2026, 11, 26, 0, 10);

        assertThat(DueFireTime.of(DAILY_0130, recoveredAt, at(2026, 11, 20, 1, 30)))
                .isEqualTo(at(2026, 11, 25, 1, 30));
    }

    @Test
    void fireOnceNowOfATriggerThatNeverFiredSearchesFromItsStart() {
        assertThat(DueFireTime.of(DAILY_0130, at(2026, 1, 3, 9, 0), null)).isEqualTo(at(2026, 1, 3, 1, 30));
    }

    @Test
    void aScheduledTimeBeforeAnyFiringIsKept() {
        Date beforeFirstFiring = at(2026, 1, 1, 0, 5);

        assertThat(DueFireTime.of(DAILY_0130, beforeFirstFiring, null)).isEqualTo(beforeFirstFiring);
    }

    private static Date at(int year, int month, int day, int hour, int minute) {
        return Date.from(ZonedDateTime.of(year, month, day, hour, minute, 0, 0, ZoneOffset.UTC).toInstant());
    }
}
