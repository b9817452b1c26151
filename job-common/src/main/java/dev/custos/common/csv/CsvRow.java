package dev.custos.common.csv;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One data record of an input file, read by column name. Every accessor trims the field; the
 * ones that interpret it throw {@link RowRejectedException} with a reason fit for the reject
 * report when the field is blank where it must not be, or malformed. A reason names the column
 * and quotes the bad value only when {@link RejectedValue} allows it.
 */
public final class CsvRow {

    /** Identifiers are stored in columns of this many characters. */
    public static final int MAX_ID_LENGTH = 64;

    private final String file;
    private final long line;
    private final CsvHeader header;
    private final String[] fields;

    CsvRow(String file, long line, CsvHeader header, String[] fields) {
        this.file = file;
        this.line = line;
        this.header = header;
        this.fields = fields;
    }

    /** The file name, without directory. */
    public String file() {
        return file;
    }

    /** The physical line the record starts on; the header is line 1. */
    public long line() {
        return line;
    }

    /** The field trimmed; "" when blank, or when the column is optional and absent from the header. */
    public String text(String column) {
        int index = header.indexOf(column);
        return index < 0 ? "" : fields[index].strip();
    }

    /** The field trimmed; rejects the row when it is blank. */
    public String required(String column) {
        String text = text(column);
        if (text.isEmpty()) {
            throw new RowRejectedException("blank " + column);
        }
        return text;
    }

    /**
     * An identifier: required, trimmed and upper-cased, since identifiers compare
     * case-insensitively and are stored upper-case.
     */
    public String id(String column) {
        return required(column, MAX_ID_LENGTH).toUpperCase(Locale.ROOT);
    }

    /** The field trimmed; rejects the row when it is blank or longer than {@code maxLength}. */
    public String required(String column, int maxLength) {
        return atMost(column, required(column), maxLength);
    }

    /** The field trimmed, empty when blank; rejects the row when it is longer than {@code maxLength}. */
    public Optional<String> optional(String column, int maxLength) {
        return optional(column).map(text -> atMost(column, text, maxLength));
    }

    private static String atMost(String column, String text, int maxLength) {
        if (text.length() > maxLength) {
            throw new RowRejectedException(column + " longer than " + maxLength + " characters");
        }
        return text;
    }

    /** The field trimmed, empty when blank. */
    public Optional<String> optional(String column) {
        String text = text(column);
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** A required ISO-8601 date ({@code 2026-11-24}). */
    public LocalDate date(String column) {
        return parseDate(column, required(column));
    }

    /** An ISO-8601 date that may be blank. */
    public Optional<LocalDate> optionalDate(String column) {
        return optional(column).map(text -> parseDate(column, text));
    }

    /** A whole number from {@code min} to {@code max} (inclusive) that may be blank. */
    public Optional<Integer> optionalInt(String column, int min, int max) {
        return optional(column).map(text -> {
            try {
                int value = Integer.parseInt(text);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // not a whole number: rejected below like one out of range
            }
            throw new RowRejectedException("bad number in " + column + ": " + RejectedValue.NUMBER.quote(text) + " (expected a whole number from "
                    + min + " to " + max + ")");
        });
    }

    /** A required value of {@code type}, matched by constant name ignoring case. */
    public <E extends Enum<E>> E enumValue(String column, Class<E> type) {
        String text = required(column);
        E[] constants = type.getEnumConstants();
        return Arrays.stream(constants)
                .filter(constant -> constant.name().equalsIgnoreCase(text))
                .findFirst()
                .orElseThrow(() -> new RowRejectedException("bad value in " + column + ": " + RejectedValue.KEYWORD.quote(text) + " (expected one of "
                        + Arrays.stream(constants).map(Enum::name).collect(Collectors.joining(", ")) + ")"));
    }

    private static LocalDate parseDate(String column, String text) {
        try {
            return isPlainIsoDate(text)
                    ? LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10))
                    : LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new RowRejectedException("bad date in " + column + ": " + RejectedValue.DATE.quote(text)
                    + " (expected YYYY-MM-DD)");
        }
    }

    /**
     * {@code DDDD-DD-DD} in ASCII digits: the form nearly every date comes in, read without
     * {@link LocalDate#parse}'s formatter (a tenth of a grant import's CPU went there). Such a text
     * means the same date either way, and {@link LocalDate#of} refuses the same impossible ones
     * (month 13, 31 April, 29 February outside leap years); anything else goes to the formatter.
     */
    private static boolean isPlainIsoDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            char c = text.charAt(i);
            if (i != 4 && i != 7 && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
