package dev.custos.scheduler.security;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a single sign-on (OIDC) login gets its console role: the values of the claim {@code roleClaim}
 * (a string, or a list of strings) are looked up in {@code roles} (claim value to role, e.g.
 * {@code custos.console.oidc.roles[custos-admins]=ADMIN}); with no mapping set, a value that names a
 * role (OPS, ADMIN, MANAGER, AUDITOR, any case) is that role. A login with no mapped role is refused.
 * The provider itself is Spring Boot's {@code spring.security.oauth2.client.*}.
 */
@ConfigurationProperties("custos.console.oidc")
public record OidcProperties(@DefaultValue("roles") String roleClaim, Map<String, Role> roles) {

    public OidcProperties {
        if (roleClaim == null || roleClaim.isBlank()) {
            throw new IllegalArgumentException("custos.console.oidc.role-claim must name a claim of the ID token");
        }
        roles = roles == null ? Map.of() : Map.copyOf(roles);
    }
}
