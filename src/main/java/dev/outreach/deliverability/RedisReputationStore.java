package dev.outreach.deliverability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Reputation counts in Redis: each key is a hash of hour number to count. One script call
 * records an event in all its scopes (one round trip, atomic); one script call reads any number
 * of keys and drops hours that can no longer be read.
 */
class RedisReputationStore implements ReputationStore {

    /** Seconds a key lives after its last write: the window and an hour's margin. */
    static final long KEY_TTL_SECONDS = (WINDOW_HOURS + 1) * 3600L;

    static final RedisScript<Long> RECORD = RedisScript.of("""
            for _, key in ipairs(KEYS) do
              redis.call('HINCRBY', key, ARGV[1], 1)
              redis.call('EXPIRE', key, ARGV[2])
            end
            return #KEYS
            """, Long.class);

    /** KEYS[1] is the marker, set for ARGV[2] seconds; the counters follow only when it was not set yet. */
    static final RedisScript<Long> RECORD_ONCE = RedisScript.of("""
            if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[2]) then
              return 0
            end
            for i = 2, #KEYS do
              redis.call('HINCRBY', KEYS[i], ARGV[1], 1)
              redis.call('EXPIRE', KEYS[i], ARGV[2])
            end
            return 1
            """, Long.class);

    /** Only where the hour still holds a count: a count already expired is not taken below nothing. */
    static final RedisScript<Long> TAKE_BACK = RedisScript.of("""
            local taken = 0
            for _, key in ipairs(KEYS) do
              if tonumber(redis.call('HGET', key, ARGV[1]) or '0') > 0 then
                redis.call('HINCRBY', key, ARGV[1], -1)
                taken = taken + 1
              end
            end
            return taken
            """, Long.class);

    /** For each key its sum from ARGV[1] on, or -1 when the key does not exist. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final RedisScript<List> SUMS = (RedisScript) RedisScript.of("""
            local from = tonumber(ARGV[1])
            local out = {}
            for i, key in ipairs(KEYS) do
              local flat = redis.call('HGETALL', key)
              local sum = -1
              if #flat > 0 then sum = 0 end
              for j = 1, #flat, 2 do
                local hour = tonumber(flat[j])
                if hour >= from then
                  sum = sum + tonumber(flat[j + 1])
                elseif hour < from - 24 then
                  redis.call('HDEL', key, flat[j])
                end
              end
              out[i] = sum
            end
            return out
            """, List.class);

    private final StringRedisTemplate redis;

    RedisReputationStore(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public void increment(List<String> keys, long hour) {
        redis.execute(RECORD, keys, Long.toString(hour), Long.toString(KEY_TTL_SECONDS));
    }

    @Override
    public boolean incrementOnce(String marker, List<String> keys, long hour) {
        List<String> all = new ArrayList<>(keys.size() + 1);
        all.add(marker);
        all.addAll(keys);
        Long counted = redis.execute(RECORD_ONCE, all, Long.toString(hour), Long.toString(KEY_TTL_SECONDS));
        return counted != null && counted == 1L;
    }

    @Override
    public void decrement(List<String> keys, long hour) {
        redis.execute(TAKE_BACK, keys, Long.toString(hour));
    }

    @Override
    public Map<String, Long> sums(List<String> keys, long fromHour) {
        Map<String, Long> sums = new HashMap<>();
        if (keys.isEmpty()) {
            return sums;
        }
        List<?> values = redis.execute(SUMS, keys, Long.toString(fromHour));
        for (int i = 0; i < keys.size() && values != null && i < values.size(); i++) {
            long sum = ((Number) values.get(i)).longValue();
            if (sum >= 0) {
                sums.put(keys.get(i), sum);
            }
        }
        return sums;
    }

    @Override
    public Map<Long, Long> hours(String key, long fromHour) {
        Map<Long, Long> result = new TreeMap<>();
        redis.<String, String>opsForHash().entries(key).forEach((hour, count) -> {
            long h = Long.parseLong(hour);
            if (h >= fromHour) {
                result.put(h, Long.parseLong(count));
            }
        });
        return result;
    }

    @Override
    public Set<String> scan(String pattern) {
        Set<String> keys = new HashSet<>();
        try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match(pattern).count(1000).build())) {
            cursor.forEachRemaining(keys::add);
        }
        return keys;
    }
}
