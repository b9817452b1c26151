package dev.custos.scheduler.security;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Service;

import dev.custos.common.CustosException;

/**
 * A console user's name and password checked outside the web, by the command line's four-eyes
 * decisions and requests: the checks of the web login ({@link ConsoleAuthentication}), its login
 * throttle included, so a shell is no way around a lockout. Like the login page, a refusal says not
 * which of name, password, disabling or lockout was wrong.
 */
@Service
public class ConsoleCredentials {

    private final UserAccounts users;
    private final ConsoleAuthentication login;

    ConsoleCredentials(UserAccounts users) {
        this.users = users;
        this.login = new ConsoleAuthentication(users);
    }

    /**
     * The console user {@code name} and {@code password} log in as.
     *
     * @throws RefusedException the name or password is wrong, or the user is disabled or locked out
     */
    public ConsoleUser check(String name, char[] password) {
        try {
            login.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(name,
                    password == null ? null : new String(password)));
        } catch (AuthenticationException refused) {
            throw new RefusedException("the console user name or password is wrong, or the user is disabled or locked "
                    + "out after repeated failures (custos.console.login.*); nothing was done");
        }
        return users.find(name).orElseThrow();
    }

    /** A name and password that do not log in. */
    public static class RefusedException extends CustosException {
        RefusedException(String message) {
            super(message);
        }
    }
}
