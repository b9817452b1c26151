package dev.custos.scheduler.api;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import dev.custos.scheduler.security.Role;

/** The role an audit row names: the user's own (ADMIN, not the OPS it also holds). */
final class Roles {

    private Roles() {
    }

    static boolean isAdmin(Authentication user) {
        return user.getAuthorities().stream().anyMatch(authority -> ("ROLE_" + Role.ADMIN.name())
                .equals(authority.getAuthority()));
    }

    static String of(Authentication user) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length()))
                .filter(role -> java.util.Arrays.stream(Role.values()).anyMatch(known -> known.name().equals(role)))
                .map(Role::valueOf)
                .max(Enum::compareTo).map(Role::name).orElse("?");
    }
}
