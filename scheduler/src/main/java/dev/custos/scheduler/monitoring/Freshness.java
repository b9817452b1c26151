package dev.custos.scheduler.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;

/**
 * Whether a control kept its deadline: the latest period whose deadline has passed must have
 * completed. A period's deadline is its end (midnight starting the day after it, in the zone)
 * plus the control's deadline duration. A control is only held to periods due after it was first
 * watched (first scheduled or first run), so a new installation is not overdue for the past.
 */
public record Freshness(String job, Period duePeriod, Instant dueBy, Optional<Period> latestCompleted, boolean overdue) {

    static Freshness judge(String job, PeriodType type, Duration deadline, Optional<Period> latestCompleted,
                           Optional<Instant> watchedSince, Instant now, ZoneId zone) {
        Period due = Period.containing(type, now.atZone(zone).toLocalDate());
        while (deadlineOf(due, deadline, zone).isAfter(now)) {
            due = due.previous();
        }
        Instant dueBy = deadlineOf(due, deadline, zone);
        boolean missing = latestCompleted.isEmpty() || latestCompleted.get().compareTo(due) < 0;
        boolean watched = watchedSince.isPresent() && !watchedSince.get().isAfter(dueBy);
        return new Freshness(job, due, dueBy, latestCompleted, missing && watched);
    }

    static Instant deadlineOf(Period period, Duration deadline, ZoneId zone) {
        return period.end().plusDays(1).atStartOfDay(zone).toInstant().plus(deadline);
    }
}
