package dev.custos.jobs.reconciliation;

import java.util.Collection;
import java.util.Set;

/** The least-privilege policy as a whole: which (role, system, permission) it allows, ignoring case. */
final class Entitlements {

    private final Set<Entitlement> allowed;

    private Entitlements(Set<Entitlement> allowed) {
        this.allowed = allowed;
    }

    static Entitlements of(Collection<Entitlement> entitlements) {
        return new Entitlements(Set.copyOf(entitlements));
    }

    /** Whether {@code role} may hold {@code permission} on {@code system}; a blank role holds nothing. */
    boolean allow(String role, String system, String permission) {
        if (role == null || role.isBlank()) {
            return false;
        }
        return allowed.contains(new Entitlement(role, system, permission));
    }

    int size() {
        return allowed.size();
    }
}
