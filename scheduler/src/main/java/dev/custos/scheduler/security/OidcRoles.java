package dev.custos.scheduler.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The console roles a single sign-on user's role claim grants: each value of the claim mapped
 * through the configured table, or, without one, read as a role's name. Values that map to
 * nothing are ignored; an empty result means the login is refused.
 */
final class OidcRoles {

    private final Map<String, Role> mapping;

    OidcRoles(Map<String, Role> mapping) {
        this.mapping = Map.copyOf(mapping);
    }

    Set<Role> of(Object claim) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        values(claim).map(this::role).flatMap(Optional::stream).forEach(role -> roles.addAll(role.grants()));
        return roles;
    }

    private Optional<Role> role(String value) {
        if (!mapping.isEmpty()) {
            return Optional.ofNullable(mapping.get(value));
        }
        return Arrays.stream(Role.values()).filter(role -> role.name().equals(value.trim().toUpperCase(Locale.ROOT)))
                .findFirst();
    }

    private static Stream<String> values(Object claim) {
        if (claim instanceof Collection<?> many) {
            return many.stream().filter(String.class::isInstance).map(String.class::cast);
        }
        if (claim instanceof String one) {
            return Arrays.stream(one.split("[\\s,]+")).filter(value -> !value.isEmpty());
        }
        return Stream.empty();
    }
}
