package dev.custos.scheduler.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login throttling: after {@code maxFailures} consecutive wrong passwords a user is locked for
 * {@code lockout}, the right password included; {@code minPasswordLength} for new passwords.
 */
@ConfigurationProperties("custos.console.login")
public record LoginProperties(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration lockout,
                              @DefaultValue("12") int minPasswordLength) {

    public LoginProperties {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("custos.console.login.max-failures must be 1 or more, not " + maxFailures);
        }
        if (lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException("custos.console.login.lockout must be a positive duration, not " + lockout);
        }
    }
}
