package dev.custos.common.roster;

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
        statement.setDate(9, e.hiredOn());
        statement.setDate(10, e.departedOn());
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
     * Where a query's result holds the staged columns, named {@code employee_id, full_name,
     * department, role, status, hired_on, departed_on}: found once per result set, since the
     * driver's look-up by name on every row took a fifth of the grant review's CPU.
     */
    public static Columns columns(ResultSet rs) throws SQLException {
        return new Columns(rs.findColumn("employee_id"), rs.findColumn("full_name"), rs.findColumn("department"),
                rs.findColumn("role"), rs.findColumn("status"), rs.findColumn("hired_on"), rs.findColumn("departed_on"));
    }

    /** The positions (from 1) of the staged roster columns in one query's result, for {@link #entry}. */
    public record Columns(int employeeId, int fullName, int department, int role, int status, int hiredOn,
                          int departedOn) {

        /** Whether the current row has a roster entry: {@code status} is never NULL in one. */
        public boolean present(ResultSet rs) throws SQLException {
            return rs.getString(status) != null;
        }
    }

    /** The roster entry of the current row of a query whose staged columns are at {@code columns}. */
    public static RosterEntry entry(ResultSet rs, Columns columns) throws SQLException {
        return new RosterEntry(rs.getString(columns.employeeId()), rs.getString(columns.fullName()),
                rs.getString(columns.department()), rs.getString(columns.role()),
                EmploymentStatus.valueOf(rs.getString(columns.status())),
                rs.getObject(columns.hiredOn(), LocalDate.class), rs.getObject(columns.departedOn(), LocalDate.class));
    }
}
