package dev.outreach.security;

import java.time.Instant;

/** A console user as other modules and views see it: never with the password hash. */
public record UserAccount(Long id, String username, Role role, boolean enabled, Instant createdAt) {
}
