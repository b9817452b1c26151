package dev.custos.scheduler.quartz;

import java.util.Date;

import org.quartz.Trigger;

/**
 * When a firing was due. Normally the scheduled fire time itself; but a trigger that misfired with
 * "fire once now" is fired with the recovery time as its scheduled time, and the period must come
 * from the latest firing the schedule missed, not from the day the node came back.
 */
final class DueFireTime {

    /** More firings than any real schedule misses; guards against a per-second cron after years of downtime. */
    private static final int MAX_STEPS = 1_000_000;

    private DueFireTime() {
    }

    /**
     * The latest time of {@code trigger}'s schedule not after {@code scheduled}, searched from the
     * previous firing (or the trigger's start); {@code scheduled} when the schedule has none.
     */
    static Date of(Trigger trigger, Date scheduled, Date previousFire) {
        Date from = previousFire != null ? previousFire : new Date(trigger.getStartTime().getTime() - 1);
        Date due = null;
        Date next = trigger.getFireTimeAfter(from);
        for (int step = 0; next != null && !next.after(scheduled) && step < MAX_STEPS; step++) {
            due = next;
            next = trigger.getFireTimeAfter(next);
        }
        return due != null ? due : scheduled;
    }
}
