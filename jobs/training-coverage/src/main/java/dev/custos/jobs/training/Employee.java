package dev.custos.jobs.training;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of the HR roster as the training-coverage rule sees it.
 *
 * @param employeeId trimmed and upper-cased by the importer
 * @param departedOn the last day of employment, {@code null} when the roster has none
 */
public record Employee(
        String employeeId,
        String fullName,
        String department,
        String role,
        EmploymentStatus status,
        LocalDate hiredOn,
        LocalDate departedOn) {

    public Employee {
        Objects.requireNonNull(employeeId, "employeeId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(hiredOn, "hiredOn");
    }

    /**
     * Whether the employee had left by the end of {@code day}. A departure date wins over the
     * status column: HR exports keep rows {@code ACTIVE} until the leaving date has passed, and
     * a {@code DEPARTED} row dated after {@code day} was still employed on it. A
     * {@code DEPARTED} row without a date counts as departed.
     */
    public boolean departedBy(LocalDate day) {
        if (departedOn != null) {
            return !departedOn.isAfter(day);
        }
        return status == EmploymentStatus.DEPARTED;
    }
}
