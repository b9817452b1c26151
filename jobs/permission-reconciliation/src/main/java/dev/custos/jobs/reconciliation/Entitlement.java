package dev.custos.jobs.reconciliation;

import java.util.Locale;

/**
 * One line of the least-privilege policy ({@code role_entitlements.csv}): a role may hold this
 * permission on this system. The parts are kept trimmed and upper-cased, so that two entitlements
 * written in different cases are equal.
 */
public record Entitlement(String role, String system, String permission) {

    public Entitlement {
        role = key(role, "role");
        system = key(system, "system");
        permission = key(permission, "permission");
    }

    static String key(String text, String part) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an entitlement needs a " + part);
        }
        return text.strip().toUpperCase(Locale.ROOT);
    }
}
