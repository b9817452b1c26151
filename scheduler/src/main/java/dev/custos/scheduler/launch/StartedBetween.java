package dev.custos.scheduler.launch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import dev.custos.common.CustosException;

/**
 * The start-time range of an executions list, the API's and the console's: {@code from} included,
 * {@code to} excluded when an instant and its whole day included when a date (a day in UTC), as
 * the results schema keeps times (this JVM's local date-time). Either end may be open.
 */
public record StartedBetween(LocalDateTime from, LocalDateTime before) {

    /**
     * The range from the texts given (null: open).
     *
     * @throws InvalidRangeException naming the end that is neither a date nor an instant, or a range that ends
     *                               before it starts
     */
    public static StartedBetween of(String from, String to) {
        Instant start = from == null ? null : instant("from", from, false);
        Instant end = to == null ? null : instant("to", to, true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new InvalidRangeException("from (" + from.strip() + ") must be before to (" + to.strip() + ")");
        }
        return new StartedBetween(local(start), local(end));
    }

    private static Instant instant(String name, String text, boolean endOfDay) {
        String value = text.strip();
        try {
            if (value.length() == "2026-11-24".length()) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRangeException(("%s '%s' is neither an ISO date (2026-11-24, a day in UTC) nor an instant "
                    + "(2026-11-24T08:00:00Z)").formatted(name, value));
        }
    }

    private static LocalDateTime local(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneId.systemDefault());
    }

    /** A start-time range that is not one. */
    public static class InvalidRangeException extends CustosException {
        InvalidRangeException(String message) {
            super(message);
        }
    }
}
