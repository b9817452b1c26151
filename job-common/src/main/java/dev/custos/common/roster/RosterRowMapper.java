package dev.custos.common.roster;

import java.time.LocalDate;

import dev.custos.common.csv.CsvRow;
import dev.custos.common.csv.CsvRowMapper;
import dev.custos.common.csv.RowRejectedException;

/**
 * Reads one roster row, rejecting it when a field is blank or malformed, when it is
 * {@code DEPARTED} without a {@code departed_on}, when it leaves before it was hired, or when a
 * field is longer than the columns that stage it ({@link CsvRow#MAX_ID_LENGTH}, {@link #MAX_TEXT_LENGTH},
 * {@link #MAX_NAME_LENGTH}). A repeated {@code employee_id} is not this mapper's business: each job
 * rejects it at its later line once the whole file is staged.
 */
public final class RosterRowMapper implements CsvRowMapper<RosterEntry> {

    public static final int MAX_TEXT_LENGTH = 100;
    public static final int MAX_NAME_LENGTH = 255;

    @Override
    public RosterEntry map(CsvRow row) {
        String employeeId = row.id("employee_id");
        String fullName = row.required("full_name", MAX_NAME_LENGTH);
        String department = row.required("department", MAX_TEXT_LENGTH);
        String role = row.required("role", MAX_TEXT_LENGTH);
        EmploymentStatus status = row.enumValue("status", EmploymentStatus.class);
        LocalDate hiredOn = row.date("hired_on");
        LocalDate departedOn = row.optionalDate("departed_on").orElse(null);
        if (status == EmploymentStatus.DEPARTED && departedOn == null) {
            throw new RowRejectedException("status DEPARTED without departed_on");
        }
        if (departedOn != null && departedOn.isBefore(hiredOn)) {
            throw new RowRejectedException("departed_on " + departedOn + " is before hired_on " + hiredOn);
        }
        return new RosterEntry(employeeId, fullName, department, role, status, hiredOn, departedOn);
    }
}
