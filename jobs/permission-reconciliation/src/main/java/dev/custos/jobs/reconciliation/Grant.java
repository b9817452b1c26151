package dev.custos.jobs.reconciliation;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Access that an employee holds on a system: one row of an {@code access_grants*.csv} export, or
 * the merge of every row naming the same (employee, system, permission).
 *
 * @param employeeId trimmed and upper-cased
 * @param system     trimmed and upper-cased
 * @param permission trimmed and upper-cased
 * @param lastUsedOn {@code null} when the system never saw the grant used
 */
record Grant(String employeeId, String system, String permission, LocalDate grantedOn, LocalDate lastUsedOn) {

    Grant {
        Objects.requireNonNull(employeeId, "employeeId");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(grantedOn, "grantedOn");
    }
}
