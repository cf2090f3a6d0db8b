package dev.outreach.channel.ratelimit;

import java.time.Instant;

/**
 * One limit for the current window: the counter key (it names the window, for example
 * {@code rate:EMAIL:hour:2026112120}), its maximum and when the window ends.
 */
public record RateLimit(String key, int max, Instant windowEnd) {
}
