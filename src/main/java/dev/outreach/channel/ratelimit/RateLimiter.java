package dev.outreach.channel.ratelimit;

import java.time.Clock;
import java.util.List;

/**
 * Counts sends against fixed windows. One call takes one unit from every given limit, or from
 * none when any of them is already at its maximum, atomically, so that several app instances
 * sharing the store never exceed a limit together.
 */
public interface RateLimiter {

    RateDecision tryAcquire(List<RateLimit> limits);

    /** Gives back units taken by {@link #tryAcquire} for a send that did not happen or failed. */
    void release(List<RateLimit> limits);

    /** Asks the store for an answer (Redis: PING); throws when it cannot be reached. */
    void ping();

    /** The current counts of the given keys (0 for a key with nothing counted in its window), in one round trip. */
    List<Integer> current(List<String> keys);

    /** The embedded mode's limiter, counting in this JVM only; for code that runs without Spring (tests). */
    static RateLimiter inProcess(Clock clock) {
        return new InProcessRateLimiter(clock);
    }
}
