package dev.custos.scheduler.security;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks a console login against {@link UserAccounts}: a disabled user is refused, a locked one is
 * refused even with the right password until the lockout ends, a wrong password counts towards the
 * lockout, a right one resets the count. Every refusal says only "bad credentials" to the client.
 */
final class ConsoleAuthentication implements AuthenticationProvider {

    private static final String REFUSED = "bad credentials";

    private final UserAccounts users;

    ConsoleAuthentication(UserAccounts users) {
        this.users = users;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        Object credentials = authentication.getCredentials();
        ConsoleUser user = users.find(name).orElse(null);
        if (user == null) {
            // the same work as a real check, so that timing does not tell which names exist
            users.encoder().matches(String.valueOf(credentials), users.encoder().encode("not a user"));
            throw new BadCredentialsException(REFUSED);
        }
        if (!user.enabled()) {
            throw new DisabledException(REFUSED);
        }
        if (users.locked(user)) {
            throw new LockedException(REFUSED);
        }
        String hash = users.passwordHash(name).orElseThrow(() -> new BadCredentialsException(REFUSED));
        if (credentials == null || !users.encoder().matches(credentials.toString(), hash)) {
            users.recordFailedLogin(name);
            throw new BadCredentialsException(REFUSED);
        }
        users.recordLogin(name);
        List<SimpleGrantedAuthority> authorities = user.role().grants().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList();
        return UsernamePasswordAuthenticationToken.authenticated(name, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
