package dev.outreach.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where failed sign-ins are counted: by key (an account, an address, or both), each key
 * forgotten a while after its latest failure; and which addresses an account signed in from.
 * In this JVM in the embedded mode, in Redis when {@code outreach.counters=redis}, so that all
 * instances behind one load balancer count together.
 */
interface SignInFailures {

    /** How many failures a key holds and when the latest was; {@link #NONE} for a key without any. */
    record Count(int failures, Instant latest) {
    }

    Count NONE = new Count(0, Instant.EPOCH);

    /** Counts one failure at {@code at} for every key and returns their counts after it. */
    List<Count> add(List<String> keys, Instant at, Duration forgetAfter);

    List<Count> get(List<String> keys, Instant now);

    void clear(List<String> keys);

    /** Marks a key (an account with one of its addresses) as seen at {@code at}, for {@code forHowLong}. */
    void remember(String key, Instant at, Duration forHowLong);

    boolean remembers(String key, Instant now);
}
