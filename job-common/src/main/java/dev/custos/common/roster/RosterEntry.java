package dev.custos.common.roster;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of the HR roster ({@code hr_roster.csv}), as every control that reads it sees it. The
 * e-mail column is not kept: no control needs it.
 *
 * @param employeeId trimmed and upper-cased by the importer
 * @param role       as the roster writes it; compare it ignoring case
 * @param departedOn the last day of employment, {@code null} when the roster has none
 */
public record RosterEntry(
        String employeeId,
        String fullName,
        String department,
        String role,
        EmploymentStatus status,
        LocalDate hiredOn,
        LocalDate departedOn) {

    public RosterEntry {
        Objects.requireNonNull(employeeId, "employeeId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(hiredOn, "hiredOn");
    }

    /**
     * Whether the employee had left by the end of {@code day}. A departure date wins over the
     * status column: HR exports keep rows {@code ACTIVE} until the leaving date has been
     * processed, and a {@code DEPARTED} row dated after {@code day} was still employed on it. A
     * {@code DEPARTED} row without a date counts as departed.
     */
    public boolean departedBy(LocalDate day) {
        if (departedOn != null) {
            return !departedOn.isAfter(day);
        }
        return status == EmploymentStatus.DEPARTED;
    }
}
