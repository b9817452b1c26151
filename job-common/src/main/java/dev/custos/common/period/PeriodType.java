package dev.custos.common.period;

import java.time.LocalDate;
import java.util.Locale;

/**
 * The length of a control's period. Declared from the shortest to the longest: every type divides
 * evenly into each shorter one, which {@link Period#subPeriods(PeriodType)} relies on.
 */
public enum PeriodType {

    DAY("2026-11-24") {
        @Override
        LocalDate startOf(LocalDate date) {
            return date;
        }

        @Override
        LocalDate plus(LocalDate start, long periods) {
            return start.plusDays(periods);
        }

        @Override
        String format(LocalDate start) {
            return start.toString();
        }
    },

    MONTH("2026-11") {
        @Override
        LocalDate startOf(LocalDate date) {
            return date.withDayOfMonth(1);
        }

        @Override
        LocalDate plus(LocalDate start, long periods) {
            return start.plusMonths(periods);
        }

        @Override
        String format(LocalDate start) {
            return String.format(Locale.ROOT, "%04d-%02d", start.getYear(), start.getMonthValue());
        }
    },

    QUARTER("2026-Q4") {
        @Override
        LocalDate startOf(LocalDate date) {
            int firstMonth = (date.getMonthValue() - 1) / 3 * 3 + 1;
            return LocalDate.of(date.getYear(), firstMonth, 1);
        }

        @Override
        LocalDate plus(LocalDate start, long periods) {
            return start.plusMonths(3 * periods);
        }

        @Override
        String format(LocalDate start) {
            return String.format(Locale.ROOT, "%04d-Q%d", start.getYear(), (start.getMonthValue() - 1) / 3 + 1);
        }
    },

    YEAR("2026") {
        @Override
        LocalDate startOf(LocalDate date) {
            return date.withDayOfYear(1);
        }

        @Override
        LocalDate plus(LocalDate start, long periods) {
            return start.plusYears(periods);
        }

        @Override
        String format(LocalDate start) {
            return String.format(Locale.ROOT, "%04d", start.getYear());
        }
    };

    private final String example;

    PeriodType(String example) {
        this.example = example;
    }

    /** How a period of this type is written, e.g. {@code 2026-Q4}, for messages. */
    public String example() {
        return example;
    }

    /** The lower-case word used in messages: "day", "month", "quarter", "year". */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The first day of the period of this type that contains {@code date}. */
    abstract LocalDate startOf(LocalDate date);

    /** The first day of the period {@code periods} periods after the one starting on {@code start}. */
    abstract LocalDate plus(LocalDate start, long periods);

    /** The canonical text of the period starting on {@code start}. */
    abstract String format(LocalDate start);
}
