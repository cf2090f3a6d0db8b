package dev.outreach.deliverability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The embedded mode's store: the same keys and hourly buckets as Redis, in this JVM only. */
class InProcessReputationStore implements ReputationStore {

    private final Map<String, ConcurrentNavigableMap<Long, LongAdder>> counters = new ConcurrentHashMap<>();
    /** Markers of {@link #incrementOnce}, with the hour each was set. */
    private final Map<String, Long> markers = new ConcurrentHashMap<>();
    private volatile long prunedHour;

    @Override
    public void increment(List<String> keys, long hour) {
        for (String key : keys) {
            ConcurrentNavigableMap<Long, LongAdder> hours = counters.computeIfAbsent(key, k -> new ConcurrentSkipListMap<>());
            hours.computeIfAbsent(hour, h -> new LongAdder()).increment();
            // the key's hours older than the window (and a day's margin) are never read again
            hours.headMap(hour - 2L * WINDOW_HOURS).clear();
        }
    }

    @Override
    public boolean incrementOnce(String marker, List<String> keys, long hour) {
        if (hour != prunedHour) {
            // a marker lives as long as a Redis one (the window and an hour's margin); pruned once an hour
            prunedHour = hour;
            markers.values().removeIf(setAt -> setAt < hour - WINDOW_HOURS);
        }
        if (markers.putIfAbsent(marker, hour) != null) {
            return false;
        }
        increment(keys, hour);
        return true;
    }

    @Override
    public void decrement(List<String> keys, long hour) {
        for (String key : keys) {
            ConcurrentNavigableMap<Long, LongAdder> hours = counters.get(key);
            LongAdder count = hours == null ? null : hours.get(hour);
            if (count != null && count.sum() > 0) {
                count.decrement();
            }
        }
    }

    @Override
    public Map<String, Long> sums(List<String> keys, long fromHour) {
        Map<String, Long> sums = new HashMap<>();
        for (String key : keys) {
            ConcurrentNavigableMap<Long, LongAdder> hours = counters.get(key);
            if (hours != null) {
                long sum = hours.tailMap(fromHour).values().stream().mapToLong(LongAdder::sum).sum();
                if (sum > 0 || !hours.isEmpty()) {
                    sums.put(key, sum);
                }
            }
        }
        return sums;
    }

    @Override
    public Map<Long, Long> hours(String key, long fromHour) {
        ConcurrentNavigableMap<Long, LongAdder> hours = counters.get(key);
        Map<Long, Long> result = new TreeMap<>();
        if (hours != null) {
            hours.tailMap(fromHour).forEach((hour, count) -> result.put(hour, count.sum()));
        }
        return result;
    }

    @Override
    public Set<String> scan(String pattern) {
        Pattern regex = Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
        return counters.keySet().stream().filter(key -> regex.matcher(key).matches()).collect(Collectors.toSet());
    }

    /** Forgets everything (tests). */
    void clear() {
        counters.clear();
        markers.clear();
    }
}
