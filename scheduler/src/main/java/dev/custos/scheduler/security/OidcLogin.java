package dev.custos.scheduler.security;

import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;

/**
 * A single sign-on login: the provider's user, named {@code sso:<registration-id>:<name>}
 * ({@link SingleSignOnUser}), with the console roles its role claim maps to (see {@link OidcRoles}). Without one the login is refused, and the login page says why.
 */
final class OidcLogin implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final String NO_ROLE = "custos_no_role";
    /** The longest name an audit row, a four-eyes request and a session record. */
    static final int MAX_NAME = 255;
    private static final Logger LOG = LoggerFactory.getLogger(OidcLogin.class);

    private final OidcUserService provider = new OidcUserService();
    private final String roleClaim;
    private final OidcRoles roles;

    OidcLogin(OidcProperties properties) {
        this.roleClaim = properties.roleClaim();
        this.roles = new OidcRoles(properties.roles());
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user;
        try {
            user = provider.loadUser(request);
        } catch (IllegalArgumentException e) {
            // Spring's message names the missing claim (user-name-attribute), never its value
            throw new OAuth2AuthenticationException(new OAuth2Error("custos_bad_user",
                    "the provider's user cannot be read: " + e.getMessage(), null), e);
        }
        Set<Role> granted = roles.of(user.getClaims().get(roleClaim));
        if (granted.isEmpty()) {
            throw new OAuth2AuthenticationException(new OAuth2Error(NO_ROLE,
                    "the single sign-on login carries no console role in its claim " + roleClaim, null));
        }
        List<SimpleGrantedAuthority> authorities = granted.stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList();
        String nameClaim = request.getClientRegistration().getProviderDetails().getUserInfoEndpoint()
                .getUserNameAttributeName();
        SingleSignOnUser named = new SingleSignOnUser(request.getClientRegistration().getRegistrationId(), authorities,
                user.getIdToken(), user.getUserInfo(), StringUtils.hasText(nameClaim) ? nameClaim : "sub");
        if (named.getName().length() > MAX_NAME) {
            throw new OAuth2AuthenticationException(new OAuth2Error("custos_bad_user", "the single sign-on user's "
                    + "name with its registration (sso:<registration-id>:<name>) is longer than " + MAX_NAME
                    + " characters", null));
        }
        return named;
    }

    /** Back to the login page: {@code ?no-role} for a user the claim gives no role, {@code ?sso-error} otherwise. */
    static AuthenticationFailureHandler failureHandler() {
        return (request, response, exception) -> {
            boolean noRole = exception instanceof OAuth2AuthenticationException oauth
                    && NO_ROLE.equals(oauth.getError().getErrorCode());
            if (!noRole) {
                LOG.warn("single sign-on login failed: {} (see spring.security.oauth2.client.*)", reason(exception));
            }
            response.sendRedirect(request.getContextPath() + (noRole ? "/login?no-role" : "/login?sso-error"));
        };
    }

    /** The error code; a provider's own descriptions can quote the token's claims (names, e-mails) and are left out. */
    private static String reason(Exception exception) {
        if (exception instanceof OAuth2AuthenticationException oauth) {
            String code = oauth.getError().getErrorCode();
            return code.startsWith("custos_") ? code + ": " + oauth.getError().getDescription() : code;
        }
        return exception.getClass().getSimpleName();
    }
}
