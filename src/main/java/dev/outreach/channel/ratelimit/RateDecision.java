package dev.outreach.channel.ratelimit;

import java.time.Instant;
import java.util.Optional;

/** Whether a send may go now; when not, which limit binds and when its window ends. */
public record RateDecision(boolean allowed, Optional<RateLimit> exceeded) {

    public static RateDecision allow() {
        return new RateDecision(true, Optional.empty());
    }

    public static RateDecision deny(RateLimit limit) {
        return new RateDecision(false, Optional.of(limit));
    }

    /** When to try again: the end of the binding window. */
    public Optional<Instant> retryAt() {
        return exceeded.map(RateLimit::windowEnd);
    }
}
