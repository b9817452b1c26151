package dev.custos.scheduler.security;

import java.time.Instant;

/** A console user as stored, without the password hash. */
public record ConsoleUser(String name, Role role, boolean enabled, int failedLogins, Instant lockedUntil,
                          Instant createdAt, Instant passwordChangedAt, Instant lastLoginAt) {
}
