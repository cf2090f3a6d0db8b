package dev.outreach.channel.ratelimit;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The embedded mode's limiter: the same windows as Redis, counted in this JVM only. */
class InProcessRateLimiter implements RateLimiter {

    private record Counter(int count, Instant expiresAt) {
    }

    private final Map<String, Counter> counters = new HashMap<>();
    private final Clock clock;

    InProcessRateLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized RateDecision tryAcquire(List<RateLimit> limits) {
        Instant now = clock.instant();
        counters.values().removeIf(counter -> !counter.expiresAt().isAfter(now));
        for (RateLimit limit : limits) {
            Counter counter = counters.get(limit.key());
            if ((counter == null ? 0 : counter.count()) >= limit.max()) {
                return RateDecision.deny(limit);
            }
        }
        for (RateLimit limit : limits) {
            counters.merge(limit.key(), new Counter(1, limit.windowEnd()),
                    (old, one) -> new Counter(old.count() + 1, old.expiresAt()));
        }
        return RateDecision.allow(limits);
    }

    @Override
    public synchronized void release(List<RateLimit> limits) {
        for (RateLimit limit : limits) {
            counters.computeIfPresent(limit.key(), (key, counter) -> counter.count() <= 1 ? null
                    : new Counter(counter.count() - 1, counter.expiresAt()));
        }
    }

    @Override
    public void ping() {
        // the counters are in this JVM: always there
    }

    @Override
    public synchronized List<Integer> current(List<String> keys) {
        Instant now = clock.instant();
        return keys.stream().map(counters::get)
                .map(counter -> counter == null || !counter.expiresAt().isAfter(now) ? 0 : counter.count()).toList();
    }
}
