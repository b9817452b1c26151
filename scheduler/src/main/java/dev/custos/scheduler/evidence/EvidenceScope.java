package dev.custos.scheduler.evidence;

import java.util.Locale;

import dev.custos.common.period.InvalidPeriodException;
import dev.custos.common.period.Period;

/**
 * The runs an evidence bundle of a period covers: those of the period itself and of every
 * shorter period within it (a year covers its quarters, months and days; a quarter its months
 * and days).
 */
record EvidenceScope(Period period) {

    boolean covers(String periodText) {
        try {
            return covers(Period.parse(periodText));
        } catch (InvalidPeriodException e) {
            return false;
        }
    }

    boolean covers(Period other) {
        return other.type().compareTo(period.type()) <= 0 && period.contains(other.start());
    }

    /**
     * A {@code LIKE} pattern every covered period's text matches (its year), so that the database
     * hands over a superset that {@link #covers} narrows down.
     */
    String yearPattern() {
        return String.format(Locale.ROOT, "%04d%%", period.start().getYear());
    }

    /** "the quarter itself and its months and days", for the bundle's README. */
    String description() {
        return switch (period.type()) {
            case DAY -> "the day itself";
            case MONTH -> "the month itself and its days";
            case QUARTER -> "the quarter itself and its months and days";
            case YEAR -> "the year itself and its quarters, months and days";
        };
    }
}
