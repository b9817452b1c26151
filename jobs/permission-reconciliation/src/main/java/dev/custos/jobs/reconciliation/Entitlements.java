package dev.custos.jobs.reconciliation;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The least-privilege policy as a whole: which (role, system, permission) it allows, ignoring case. */
final class Entitlements {

    /**
     * Distinct roles, systems and permissions whose key is remembered; a review meets a few hundred,
     * and past this many a key is made again each time rather than the memory growing with the input.
     */
    private static final int REMEMBERED_KEYS = 10_000;

    private final Set<Entitlement> allowed;
    /** The key (trimmed, upper-cased, as {@link Entitlement} keeps it) of each text met so far. */
    private final Map<String, String> keys = new ConcurrentHashMap<>();

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
        // parts that are keys already pass Entitlement's normalising unchanged, without a copy
        return allowed.contains(new Entitlement(key(role, "role"), key(system, "system"), key(permission, "permission")));
    }

    int size() {
        return allowed.size();
    }

    private String key(String text, String part) {
        if (text == null) {
            return Entitlement.key(null, part);
        }
        String key = keys.get(text);
        if (key == null) {
            key = Entitlement.key(text, part);
            if (keys.size() < REMEMBERED_KEYS) {
                keys.put(text, key);
            }
        }
        return key;
    }
}
