package dev.custos.scheduler.security;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * A single sign-on user, named {@code sso:<registration-id>:<provider's name>} wherever a name is
 * shown, recorded or compared (the operator audit log, a four-eyes request's requester and
 * approver, the session's principal): a provider's "admin" is never the console user "admin", whom
 * a console name cannot be mistaken for either (a console name has no {@code :}).
 */
final class SingleSignOnUser extends DefaultOidcUser {

    private static final long serialVersionUID = 1L;

    static final String PREFIX = "sso:";

    private final String name;

    SingleSignOnUser(String registrationId, Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken,
                     OidcUserInfo userInfo, String nameAttributeKey) {
        super(authorities, idToken, userInfo, nameAttributeKey);
        this.name = name(registrationId, super.getName());
    }

    /** {@code sso:<registration-id>:<name>}. */
    static String name(String registrationId, String providerName) {
        return PREFIX + registrationId + ":" + providerName;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SingleSignOnUser user && user.name.equals(name) && super.equals(other);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + name.hashCode();
    }
}
