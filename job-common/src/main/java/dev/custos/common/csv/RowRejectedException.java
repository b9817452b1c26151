package dev.custos.common.csv;

/**
 * A data row cannot be used. The reader turns it into a {@link ParsedRow.Rejected} carrying the
 * reason, which ends up in the reject report next to the file and line; the import goes on.
 */
public class RowRejectedException extends RuntimeException {

    public RowRejectedException(String reason) {
        super(reason);
    }

    /** The most characters of a value a reason quotes. */
    public static final int MAX_QUOTED_CHARS = 40;

    /**
     * {@code value} in single quotes for a reason, cut to {@value #MAX_QUOTED_CHARS} characters
     * (then ending in "..."): a reason names a bad coded value, it does not copy a field.
     */
    public static String quote(String value) {
        String shown = value.length() <= MAX_QUOTED_CHARS ? value : value.substring(0, MAX_QUOTED_CHARS) + "...";
        return "'" + shown + "'";
    }

    /** Why the row was rejected, e.g. {@code blank employee_id}. */
    public String reason() {
        return getMessage();
    }
}
