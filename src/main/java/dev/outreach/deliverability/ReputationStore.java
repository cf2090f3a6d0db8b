package dev.outreach.deliverability;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where reputation counts live: Redis in production, memory in embedded mode, the same keys
 * and the same rolling window in both.
 *
 * <p>Each key ({@code email:reputation:domain:example.com:sent}, ...) holds one counter per
 * hour (the hour's number since the epoch). Recording adds one to the current hour of every
 * key; reading sums the last 24 hours, the current one included, and drops older hours. A key
 * with one 24-hour expiry renewed on each write would never expire while traffic continues, so
 * a bounce from a week ago would count forever; with hourly buckets a bounce stops counting
 * between 23 and 24 hours after it happened. The key itself expires 25 hours after its last
 * write, so a scope with no traffic disappears.
 */
public interface ReputationStore {

    /** Hours the window spans. */
    int WINDOW_HOURS = 24;

    /** Adds one to {@code hour} of each key, in one round trip. */
    void increment(List<String> keys, long hour);

    /**
     * {@link #increment} unless {@code marker} was already used within the window (and an hour's
     * margin), in one atomic step; true when it counted. A count keyed on what it counts (a
     * message's id) is then counted once however often it is reported.
     */
    boolean incrementOnce(String marker, List<String> keys, long hour);

    /**
     * Takes one back from {@code hour} of each key, in one round trip: an event counted there
     * turned out not to be one (a scanner's click first taken for a person's).
     */
    void decrement(List<String> keys, long hour);

    /**
     * The sums over hours {@code fromHour..} (inclusive) of each key, in one round trip; keys that
     * do not exist are absent.
     */
    Map<String, Long> sums(List<String> keys, long fromHour);

    /** Per hour counts of one key, hours {@code fromHour..} (for trends). */
    Map<Long, Long> hours(String key, long fromHour);

    /** Keys matching a glob pattern ({@code *} only), found without blocking the store (SCAN). */
    Set<String> scan(String pattern);
}
