package dev.outreach.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded mode's counts, in this JVM. Expired entries are swept every 1,000 writes, so that
 * usernames made up by an attacker (each failure costs them a bcrypt check) do not pile up.
 */
class InProcessSignInFailures implements SignInFailures {

    private record Entry(Count count, Instant expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private int writesSinceSweep;

    @Override
    public synchronized List<Count> add(List<String> keys, Instant at, Duration forgetAfter) {
        sweepNowAndThen(at);
        return keys.stream().map(key -> entries.compute(key, (k, old) -> {
            int before = old == null || !old.expiresAt().isAfter(at) ? 0 : old.count().failures();
            return new Entry(new Count(before + 1, at), at.plus(forgetAfter));
        }).count()).toList();
    }

    @Override
    public List<Count> get(List<String> keys, Instant now) {
        return keys.stream().map(entries::get)
                .map(entry -> entry == null || !entry.expiresAt().isAfter(now) ? NONE : entry.count()).toList();
    }

    @Override
    public void clear(List<String> keys) {
        keys.forEach(entries::remove);
    }

    @Override
    public synchronized void remember(String key, Instant at, Duration forHowLong) {
        sweepNowAndThen(at);
        entries.put(key, new Entry(NONE, at.plus(forHowLong)));
    }

    @Override
    public boolean remembers(String key, Instant now) {
        Entry entry = entries.get(key);
        return entry != null && entry.expiresAt().isAfter(now);
    }

    private void sweepNowAndThen(Instant now) {
        if (++writesSinceSweep >= 1_000) {
            writesSinceSweep = 0;
            entries.values().removeIf(entry -> !entry.expiresAt().isAfter(now));
        }
    }
}
