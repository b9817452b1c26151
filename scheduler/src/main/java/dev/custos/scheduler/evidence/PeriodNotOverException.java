package dev.custos.scheduler.evidence;

import java.time.LocalDate;
import java.time.ZoneId;

import dev.custos.common.period.InvalidPeriodException;
import dev.custos.common.period.Period;

/**
 * A period asked for evidence or a report before it is over: its content would be incomplete, yet
 * look final. A period is over once its last day is over in {@code custos.zone}: a day on the next
 * day, 2026-Q4 on 2027-01-01.
 */
public class PeriodNotOverException extends InvalidPeriodException {

    private PeriodNotOverException(String message) {
        super(message);
    }

    /**
     * @param what what cannot be made yet, e.g. "its evidence can be exported"
     * @throws PeriodNotOverException when {@code period} is not over on {@code today}
     */
    public static void requireOver(Period period, LocalDate today, ZoneId zone, String what) {
        if (!period.end().isBefore(today)) {
            throw new PeriodNotOverException("%s %s (today is %s in %s): %s from %s".formatted(period,
                    period.start().isAfter(today) ? "has not begun" : "is not over yet", today, zone, what,
                    period.end().plusDays(1)));
        }
    }
}
