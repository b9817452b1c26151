package dev.custos.scheduler.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import dev.custos.scheduler.audit.OperatorAuditLog;

/**
 * What the API and the console know of the user a request is authenticated as: the roles they
 * hold (ADMIN holds OPS too), their own role (the one an audit row names: ADMIN, not the OPS it
 * also holds), and the audit log's actor for the request.
 */
public final class Authenticated {

    private static final String PREFIX = "ROLE_";

    private Authenticated() {
    }

    /** The roles {@code user} holds. */
    public static Set<Role> roles(Authentication user) {
        Set<Role> held = EnumSet.noneOf(Role.class);
        user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(PREFIX)).map(authority -> authority.substring(PREFIX.length()))
                .flatMap(name -> Arrays.stream(Role.values()).filter(role -> role.name().equals(name)))
                .forEach(held::add);
        return held;
    }

    /** The user's own role among those {@code held}: a user has one role, and ADMIN also holds OPS. */
    public static Optional<Role> ownRole(Set<Role> held) {
        return held.contains(Role.ADMIN) ? Optional.of(Role.ADMIN) : held.stream().findFirst();
    }

    /** The operator audit log's actor for {@code request}: the user's name, own role ("?" for none) and address. */
    public static OperatorAuditLog.Actor actor(Authentication user, HttpServletRequest request) {
        return new OperatorAuditLog.Actor(user.getName(), ownRole(roles(user)).map(Role::name).orElse("?"),
                request.getRemoteAddr());
    }
}
