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

    private volatile String unknownUserHash;

    /** A hash no password is checked against in earnest, made once: the work a real check costs. */
    private String unknownUserHash() {
        String hash = unknownUserHash;
        if (hash == null) {
            hash = users.encoder().encode("no user has this password");
            unknownUserHash = hash;
        }
        return hash;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        Object credentials = authentication.getCredentials();
        ConsoleUser user = users.find(name).orElse(null);
        // one bcrypt comparison whatever the name: timing tells neither which names exist nor which are refused
        String hash = user == null ? null : users.passwordHash(name).orElse(null);
        boolean matches = users.encoder().matches(String.valueOf(credentials), hash == null ? unknownUserHash() : hash);
        if (user == null || hash == null) {
            throw new BadCredentialsException(REFUSED);
        }
        if (!user.enabled()) {
            throw new DisabledException(REFUSED);
        }
        if (users.locked(user)) {
            throw new LockedException(REFUSED);
        }
        if (credentials == null || !matches) {
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
