package dev.custos.common.period;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stretch of calendar a control run covers: a day ({@code 2026-11-24}), a month
 * ({@code 2026-11}), a quarter ({@code 2026-Q4}) or a year ({@code 2026}). The canonical text
 * ({@link #toString()}) identifies a run's job instance, so it never varies for one period.
 */
public final class Period implements Comparable<Period> {

    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");

    private static final Comparator<Period> ORDER =
            Comparator.comparing(Period::type).thenComparing(Period::start);

    private final PeriodType type;
    private final LocalDate start;

    private Period(PeriodType type, LocalDate start) {
        this.type = type;
        this.start = start;
    }

    /**
     * Reads a period written as a day, month, quarter ({@code q} in either case) or year;
     * surrounding whitespace is ignored.
     *
     * @throws InvalidPeriodException for anything else, including dates that do not exist
     */
    public static Period parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        try {
            if (DAY.matcher(trimmed).matches()) {
                return new Period(PeriodType.DAY, LocalDate.parse(trimmed));
            }
            Matcher month = MONTH.matcher(trimmed);
            if (month.matches()) {
                return new Period(PeriodType.MONTH,
                        LocalDate.of(Integer.parseInt(month.group(1)), Integer.parseInt(month.group(2)), 1));
            }
            Matcher quarter = QUARTER.matcher(trimmed);
            if (quarter.matches()) {
                int firstMonth = (Integer.parseInt(quarter.group(2)) - 1) * 3 + 1;
                return new Period(PeriodType.QUARTER, LocalDate.of(Integer.parseInt(quarter.group(1)), firstMonth, 1));
            }
            if (YEAR.matcher(trimmed).matches()) {
                return new Period(PeriodType.YEAR, LocalDate.of(Integer.parseInt(trimmed), 1, 1));
            }
        } catch (DateTimeException e) {
            // a well-formed text naming a day or month that does not exist: reported below
        }
        throw new InvalidPeriodException("invalid period '" + trimmed + "': expected a day "
                + PeriodType.DAY.example() + ", a month " + PeriodType.MONTH.example() + ", a quarter "
                + PeriodType.QUARTER.example() + " or a year " + PeriodType.YEAR.example());
    }

    /**
     * Reads a period that must be of the {@code expected} type. The message of a period of another
     * type reads on from the job's name: "{@code <job> runs per quarter (e.g. 2026-Q4), not '2026-11'}".
     */
    public static Period parse(String text, PeriodType expected) {
        Period period = parse(text);
        if (period.type != expected) {
            throw new InvalidPeriodException("runs per " + expected.word() + " (e.g. " + expected.example()
                    + "), not '" + period + "'");
        }
        return period;
    }

    /** The period of {@code type} that contains {@code date}. */
    public static Period containing(PeriodType type, LocalDate date) {
        return new Period(type, type.startOf(date));
    }

    /** The latest period of {@code type} that ended before {@code today}: for days, yesterday. */
    public static Period lastClosed(PeriodType type, LocalDate today) {
        return containing(type, today).previous();
    }

    /**
     * Every period from {@code from} to {@code to}, both included, in order.
     *
     * @throws InvalidPeriodException when the two are of different types or {@code to} comes first
     */
    public static List<Period> between(Period from, Period to) {
        if (from.type != to.type) {
            throw new InvalidPeriodException("period range " + from + ".." + to + " mixes a " + from.type.word()
                    + " and a " + to.type.word());
        }
        if (from.compareTo(to) > 0) {
            throw new InvalidPeriodException("period range " + from + ".." + to + " ends before it starts");
        }
        List<Period> periods = new ArrayList<>();
        for (Period period = from; period.compareTo(to) <= 0; period = period.next()) {
            periods.add(period);
        }
        return periods;
    }

    public PeriodType type() {
        return type;
    }

    /** The first day of the period. */
    public LocalDate start() {
        return start;
    }

    /** The last day of the period, included in it. */
    public LocalDate end() {
        return type.plus(start, 1).minusDays(1);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && !date.isAfter(end());
    }

    public Period previous() {
        return new Period(type, type.plus(start, -1));
    }

    public Period next() {
        return new Period(type, type.plus(start, 1));
    }

    /**
     * The periods of the shorter (or same) {@code type} this period consists of, in order: a year's
     * quarters, months or days, a quarter's months, and so on.
     *
     * @throws IllegalArgumentException when {@code type} is longer than this period's type
     */
    public List<Period> subPeriods(PeriodType type) {
        if (type.compareTo(this.type) > 0) {
            throw new IllegalArgumentException("a " + this.type.word() + " does not consist of " + type.word() + "s");
        }
        return between(containing(type, start), containing(type, end()));
    }

    /** Orders by type, then by start: all days before all months, each type in calendar order. */
    @Override
    public int compareTo(Period other) {
        return ORDER.compare(this, other);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Period period && type == period.type && start.equals(period.start);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, start);
    }

    /** The canonical text: {@code 2026-11-24}, {@code 2026-11}, {@code 2026-Q4} or {@code 2026}. */
    @Override
    public String toString() {
        return type.format(start);
    }
}
