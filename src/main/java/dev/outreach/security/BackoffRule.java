package dev.outreach.security;

import java.time.Duration;

/**
 * How many failed sign-ins a scope (an account, an address, or both) gets for free; after them
 * every further failure makes the scope wait from that failure, twice as long each time, never
 * longer than {@code maxWait}, so that nobody can lock a real user out for long.
 */
record BackoffRule(String scope, int freeFailures, Duration firstWait, Duration maxWait) {

    /** The wait that follows the latest of so many failures (zero while they are free). */
    Duration waitAfter(int failures) {
        if (failures < freeFailures) {
            return Duration.ZERO;
        }
        Duration wait = firstWait.multipliedBy(1L << Math.min(failures - freeFailures, 20));
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }
}
