package dev.outreach.lead;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Remembers {@code count(*)} per grid filter for a short time, so that scrolling a million
 * leads never counts them again. Any change to leads clears it.
 */
@Component
class LeadCountCache {

    private static final int MAX_ENTRIES = 500;

    private final Map<LeadFilter, Entry> counts = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;

    LeadCountCache(Clock clock, @Value("${outreach.leads.count-cache-ttl:30s}") Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    int count(LeadFilter filter, ToIntFunction<LeadFilter> counter) {
        Instant now = clock.instant();
        Entry cached = counts.get(filter);
        if (cached != null && cached.expiresAt().isAfter(now)) {
            return cached.count();
        }
        int count = counter.applyAsInt(filter);
        if (counts.size() >= MAX_ENTRIES) {
            counts.clear();
        }
        counts.put(filter, new Entry(count, now.plus(ttl)));
        return count;
    }

    void invalidate() {
        counts.clear();
    }

    private record Entry(int count, Instant expiresAt) {
    }
}
