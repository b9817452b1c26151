package dev.custos.jobs.reconciliation;

import java.util.List;

import dev.custos.common.csv.CsvLayout;
import dev.custos.common.csv.CsvRow;
import dev.custos.common.csv.RowRejectedException;

/**
 * The policy and grant exports the control reads (the roster is {@code dev.custos.common.roster}),
 * their columns, and how a row becomes a record. Identifiers are trimmed and upper-cased, and
 * rejected when longer than the column that stages them.
 */
public final class ReconciliationInputs {

    public static final String ENTITLEMENTS = "role_entitlements.csv";
    static final String GRANTS = "access_grants*.csv";

    static final CsvLayout ENTITLEMENTS_LAYOUT = new CsvLayout(ENTITLEMENTS,
            List.of("role", "system", "permission"), List.of());
    static final CsvLayout GRANTS_LAYOUT = new CsvLayout(GRANTS,
            List.of("employee_id", "system", "permission", "granted_on", "last_used_on"), List.of());

    static final int MAX_EMPLOYEE_ID = 64;
    static final int MAX_ROLE = 100;
    static final int MAX_SYSTEM = 100;
    static final int MAX_PERMISSION = 200;

    private ReconciliationInputs() {
    }

    static Entitlement entitlement(CsvRow row) {
        return new Entitlement(identifier(row, "role", MAX_ROLE), identifier(row, "system", MAX_SYSTEM),
                identifier(row, "permission", MAX_PERMISSION));
    }

    static Grant grant(CsvRow row) {
        return new Grant(identifier(row, "employee_id", MAX_EMPLOYEE_ID), identifier(row, "system", MAX_SYSTEM),
                identifier(row, "permission", MAX_PERMISSION), row.date("granted_on"),
                row.optionalDate("last_used_on").orElse(null));
    }

    private static String identifier(CsvRow row, String column, int maxLength) {
        String id = row.id(column);
        if (id.length() > maxLength) {
            throw new RowRejectedException(column + " longer than " + maxLength + " characters");
        }
        return id;
    }
}
