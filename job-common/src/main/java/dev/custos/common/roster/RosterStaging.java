package dev.custos.common.roster;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;

import dev.custos.common.csv.ParsedRow;
import dev.custos.common.job.StagingRow;

/**
 * How a job stages the roster: every job that reads {@code hr_roster.csv} keeps the accepted rows
 * in an employee staging table of its own with the same columns, written by {@link #bind} and read
 * back by {@link #entry}.
 */
public final class RosterStaging {

    private static final String INSERT = """
            INSERT INTO {results}.%s (job_instance_id, employee_id, file, line, full_name, department, role, status,
                                      hired_on, departed_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private RosterStaging() {
    }

    /** The INSERT of an accepted roster row into {@code table} of the results schema, for {@link #bind}. */
    public static String insertInto(String table) {
        return INSERT.formatted(table);
    }

    /** Binds one accepted roster row to the statement of {@link #insertInto}. */
    public static void bind(StagingRow statement, long jobInstanceId, ParsedRow.Accepted<RosterEntry> row)
            throws SQLException {
        RosterEntry e = row.value();
        statement.setLong(1, jobInstanceId);
        statement.setString(2, e.employeeId());
        statement.setString(3, row.file());
        statement.setLong(4, row.line());
        statement.setString(5, e.fullName());
        statement.setString(6, e.department());
        statement.setString(7, e.role());
        statement.setString(8, e.status().name());
        statement.setDate(9, Date.valueOf(e.hiredOn()));
        statement.setDate(10, e.departedOn() == null ? null : Date.valueOf(e.departedOn()));
    }

    /**
     * Binds one accepted roster row to the statement of {@link #insertInto} without the employee's
     * name, for a control whose files and results name no one: the staging table keeps no more
     * personal data than the control needs.
     */
    public static void bindWithoutName(StagingRow statement, long jobInstanceId,
                                       ParsedRow.Accepted<RosterEntry> row) throws SQLException {
        bind(statement, jobInstanceId, row);
        statement.setNull(5, Types.VARCHAR);
    }

    /**
     * The roster entry of the current row of a query selecting the staged columns by name
     * ({@code employee_id, full_name, department, role, status, hired_on, departed_on}).
     */
    public static RosterEntry entry(ResultSet rs) throws SQLException {
        return new RosterEntry(rs.getString("employee_id"), rs.getString("full_name"), rs.getString("department"),
                rs.getString("role"), EmploymentStatus.valueOf(rs.getString("status")),
                rs.getDate("hired_on").toLocalDate(), localDate(rs.getDate("departed_on")));
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
