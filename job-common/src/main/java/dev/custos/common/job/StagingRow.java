package dev.custos.common.job;

import java.sql.SQLException;
import java.time.LocalDate;

/**
 * The columns of one row on its way into a staging table, set by position (1 = the first column
 * of the staging INSERT) as on a {@link java.sql.PreparedStatement}: the same binder feeds a JDBC
 * batch or a {@code LOAD DATA} stream, whichever the database takes.
 */
public interface StagingRow {

    void setLong(int column, long value) throws SQLException;

    void setInt(int column, int value) throws SQLException;

    /** {@code null} stages SQL NULL. */
    void setString(int column, String value) throws SQLException;

    /** {@code null} stages SQL NULL. */
    void setDate(int column, LocalDate value) throws SQLException;

    /** SQL NULL; {@code sqlType} as in {@link java.sql.Types}, for the batch insert. */
    void setNull(int column, int sqlType) throws SQLException;
}
