package dev.outreach.channel.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.connection.RedisConnectionCommands;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The production limiter: one Lua script checks every counter and, only when all are below
 * their maximum, increments them all. Redis runs a script atomically, so instances sharing
 * the server are exact together, in one round trip. Counters expire with their window.
 */
class RedisRateLimiter implements RateLimiter {

    /** Returns 0 when allowed, otherwise the 1-based index of the first limit reached. */
    private static final RedisScript<Long> ACQUIRE = RedisScript.of("""
            for i, key in ipairs(KEYS) do
              local current = tonumber(redis.call('GET', key) or '0')
              if current >= tonumber(ARGV[2 * i - 1]) then
                return i
              end
            end
            for i, key in ipairs(KEYS) do
              if redis.call('INCR', key) == 1 then
                redis.call('PEXPIRE', key, ARGV[2 * i])
              end
            end
            return 0
            """, Long.class);

    /** Decrements each counter that is still above zero (an expired one stays gone). */
    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            for i, key in ipairs(KEYS) do
              if tonumber(redis.call('GET', key) or '0') > 0 then
                redis.call('DECR', key)
              end
            end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;
    private final Clock clock;

    RedisRateLimiter(StringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public RateDecision tryAcquire(List<RateLimit> limits) {
        List<String> keys = new ArrayList<>(limits.size());
        List<String> args = new ArrayList<>(limits.size() * 2);
        for (RateLimit limit : limits) {
            keys.add(limit.key());
            args.add(Integer.toString(limit.max()));
            // a little past the window's end, so that a clock skew between instances cannot reset it early
            long ttl = Math.max(1, Duration.between(clock.instant(), limit.windowEnd()).toMillis()) + 60_000;
            args.add(Long.toString(ttl));
        }
        Long exceeded = redis.execute(ACQUIRE, keys, args.toArray());
        return exceeded == null || exceeded == 0 ? RateDecision.allow(limits)
                : RateDecision.deny(limits.get(exceeded.intValue() - 1));
    }

    @Override
    public void release(List<RateLimit> limits) {
        if (!limits.isEmpty()) {
            redis.execute(RELEASE, limits.stream().map(RateLimit::key).toList());
        }
    }

    @Override
    public void ping() {
        redis.execute((RedisCallback<String>) RedisConnectionCommands::ping);
    }

    @Override
    public List<Integer> current(List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<String> values = redis.opsForValue().multiGet(keys);
        return values == null ? keys.stream().map(key -> 0).toList()
                : values.stream().map(value -> value == null ? 0 : Integer.parseInt(value)).toList();
    }
}
