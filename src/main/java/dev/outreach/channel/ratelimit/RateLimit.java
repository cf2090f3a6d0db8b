package dev.outreach.channel.ratelimit;

import java.time.Instant;

/**
 * One limit for the current window: the counter key (it names the window, for example
 * {@code rate:EMAIL:hour:2026112120}), its maximum, when the window ends, and what it is in the
 * words of the people who set it ("at most 50 per hour"): the key is for the store, never shown.
 */
public record RateLimit(String key, int max, Instant windowEnd, String description) {
}
