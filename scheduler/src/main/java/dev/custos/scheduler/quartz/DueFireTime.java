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
    /** Longer back than any schedule's gap between two firings (a cron may name a year). */
    private static final long MAX_LOOK_BACK_MS = 1_000L * 60 * 60 * 24 * 366 * 200;

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

    /**
     * The latest time of {@code trigger}'s schedule not after {@code scheduled}, without knowing
     * the firing before it: for a firing recovered on another node, which carries the original
     * scheduled time but not the trigger's state back then. Looks back in doubling windows, so a
     * monthly schedule takes a few steps and a per-second one no more than a minute's firings.
     */
    static Date latestUpTo(Trigger trigger, Date scheduled) {
        for (long window = 1_000; window <= MAX_LOOK_BACK_MS; window *= 2) {
            Date first = trigger.getFireTimeAfter(new Date(scheduled.getTime() - window));
            if (first != null && !first.after(scheduled)) {
                return of(trigger, scheduled, new Date(first.getTime() - 1));
            }
        }
        return scheduled;
    }
}
