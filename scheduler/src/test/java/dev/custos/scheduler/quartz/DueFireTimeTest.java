package dev.custos.scheduler.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.simpl.RAMJobStore;

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

    @Test
    void aRecoveredFiringOnTimeIsDueAtItsOriginalScheduledTime() {
        Date scheduled = at(2026, 11, 25, 1, 30);

        assertThat(DueFireTime.latestUpTo(DAILY_0130, scheduled)).isEqualTo(scheduled);
    }

    @Test
    void aRecoveredFireOnceNowIsDueAtTheLatestFiringBeforeIt() {
        assertThat(DueFireTime.latestUpTo(DAILY_0130, at(2026, 11, 26, 0, 10))).isEqualTo(at(2026, 11, 25, 1, 30));
    }

    @Test
    void aRecoveredFiringOfAMonthlyScheduleFindsItsMonth() {
        Trigger monthly = TriggerBuilder.newTrigger().withIdentity("reconciliation").startAt(at(2026, 1, 1, 0, 0))
                .withSchedule(CronScheduleBuilder.cronSchedule("0 0 3 1 * ?").inTimeZone(TimeZone.getTimeZone("UTC")))
                .build();

        assertThat(DueFireTime.latestUpTo(monthly, at(2026, 12, 28, 17, 0))).isEqualTo(at(2026, 12, 1, 3, 0));
    }

    @Test
    void aRecoveredFiringBeforeAnyOfTheScheduleKeepsItsTime() {
        Date beforeFirstFiring = at(2026, 1, 1, 0, 5);

        assertThat(DueFireTime.latestUpTo(DAILY_0130, beforeFirstFiring)).isEqualTo(beforeFirstFiring);
    }

    /**
     * A real scheduler: a trigger fires, the scheduler stands by across several firings, and when
     * it comes back "fire once now" fires with the recovery time as its scheduled time; the due
     * time found from what Quartz hands the job is the latest firing it missed.
     */
    @Test
    void withARealSchedulerAFireOnceNowAfterStandbyIsDueAtTheLatestMissedFiring() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("org.quartz.scheduler.instanceName", "due-fire-time-test");
        settings.setProperty("org.quartz.jobStore.class", RAMJobStore.class.getName());
        settings.setProperty("org.quartz.jobStore.misfireThreshold", "500");
        settings.setProperty("org.quartz.threadPool.threadCount", "1");
        Scheduler scheduler = new StdSchedulerFactory(settings).getScheduler();
        Firings.QUEUE.clear();
        try {
            Trigger everyTwoSeconds = TriggerBuilder.newTrigger().withIdentity("t")
                    .withSchedule(CronScheduleBuilder.cronSchedule("0/2 * * * * ?")
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
            scheduler.scheduleJob(JobBuilder.newJob(Firings.class).withIdentity("j").build(), everyTwoSeconds);
            scheduler.start();
            Firing onTime = Firings.QUEUE.poll(10, TimeUnit.SECONDS);
            assertThat(onTime).isNotNull();
            // on time, due when scheduled; a start slowed past the misfire threshold (a loaded machine)
            // makes even the first firing a "fire once now", due at the grid time it missed
            assertThat(onTime.due()).isBeforeOrEqualTo(onTime.scheduled())
                    .isAfter(new Date(onTime.scheduled().getTime() - 2_000));
            assertThat(onTime.due().getTime() % 2_000).as("on the schedule's grid").isZero();
            scheduler.standby();
            Thread.sleep(7_000);
            Firings.QUEUE.clear();

            scheduler.start();
            Firing afterStandby = Firings.QUEUE.poll(10, TimeUnit.SECONDS);

            assertThat(afterStandby).isNotNull();
            long missedBy = afterStandby.scheduled().getTime() - onTime.scheduled().getTime();
            assertThat(missedBy).as("firings were missed").isGreaterThanOrEqualTo(6_000);
            assertThat(afterStandby.due()).isAfter(onTime.scheduled())
                    .isBeforeOrEqualTo(afterStandby.scheduled())
                    .isAfter(new Date(afterStandby.scheduled().getTime() - 2_000));
            assertThat(afterStandby.due().getTime() % 2_000).as("on the schedule's grid").isZero();
        } finally {
            scheduler.shutdown(false);
        }
    }

    record Firing(Date scheduled, Date due) {
    }

    /** Records when each firing was scheduled and when it was due. */
    public static class Firings implements Job {

        static final BlockingQueue<Firing> QUEUE = new LinkedBlockingQueue<>();

        @Override
        public void execute(JobExecutionContext context) {
            QUEUE.add(new Firing(context.getScheduledFireTime(),
                    DueFireTime.of(context.getTrigger(), context.getScheduledFireTime(), context.getPreviousFireTime())));
        }
    }

    private static Date at(int year, int month, int day, int hour, int minute) {
        return Date.from(ZonedDateTime.of(year, month, day, hour, minute, 0, 0, ZoneOffset.UTC).toInstant());
    }
}
