package dev.custos.common.csv;

/**
 * Turns one data row into a value, or rejects it by throwing {@link RowRejectedException} (which
 * the {@link CsvRow} accessors do for blank, malformed or out-of-range fields).
 *
 * <p>On a restart the reader maps the already committed rows again to find its place, so a mapper
 * that keeps state (for example to reject a repeated identifier at its later line) rebuilds it.
 */
@FunctionalInterface
public interface CsvRowMapper<T> {

    /** @return the row's value, never {@code null} */
    T map(CsvRow row) throws RowRejectedException;
}
