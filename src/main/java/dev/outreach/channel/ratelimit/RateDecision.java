package dev.outreach.channel.ratelimit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether a send may go now; when not, which limit binds and when its window ends. An allowed
 * decision lists the limits it took a unit from, so that they can be given back.
 */
public record RateDecision(boolean allowed, Optional<RateLimit> exceeded, List<RateLimit> taken) {

    public static RateDecision allow(List<RateLimit> taken) {
        return new RateDecision(true, Optional.empty(), List.copyOf(taken));
    }

    public static RateDecision deny(RateLimit limit) {
        return new RateDecision(false, Optional.of(limit), List.of());
    }

    /** When to try again: the end of the binding window. */
    public Optional<Instant> retryAt() {
        return exceeded.map(RateLimit::windowEnd);
    }
}
