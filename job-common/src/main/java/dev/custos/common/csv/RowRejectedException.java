package dev.custos.common.csv;

/**
 * A data row cannot be used. The reader turns it into a {@link ParsedRow.Rejected} carrying the
 * reason, which ends up in the reject report next to the file and line; the import goes on.
 * A reason names the column and the rule, and quotes a bad value only through
 * {@link RejectedValue}.
 */
public class RowRejectedException extends RuntimeException {

    public RowRejectedException(String reason) {
        super(reason);
    }

    /** Why the row was rejected, e.g. {@code blank employee_id}. */
    public String reason() {
        return getMessage();
    }
}
