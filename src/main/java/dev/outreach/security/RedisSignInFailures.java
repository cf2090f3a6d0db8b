package dev.outreach.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Failed sign-ins counted in Redis, so that every instance behind the load balancer sees the
 * same counts: one hash per key (failures, latest failure, when it is forgotten; epoch
 * milliseconds), updated by one script per attempt and expiring in Redis when forgotten.
 */
class RedisSignInFailures implements SignInFailures {

    /**
     * ARGV[1]: the failure's time, ARGV[2]: when the key is forgotten (epoch ms); returns count and
     * latest per key. Expiry is checked against the app's clock too, not only Redis's TTL, so that
     * both stores agree with the injected clock.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> ADD = RedisScript.of("""
            local result = {}
            for i, key in ipairs(KEYS) do
              if tonumber(redis.call('HGET', key, 'forget_at') or '0') <= tonumber(ARGV[1]) then
                redis.call('DEL', key)
              end
              result[2 * i - 1] = redis.call('HINCRBY', key, 'failures', 1)
              redis.call('HSET', key, 'latest', ARGV[1], 'forget_at', ARGV[2])
              redis.call('PEXPIREAT', key, ARGV[2])
              result[2 * i] = tonumber(ARGV[1])
            end
            return result
            """, List.class);

    /** ARGV[1]: now (epoch ms); returns count and latest per key, 0 and 0 for a forgotten one. */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> GET = RedisScript.of("""
            local result = {}
            for i, key in ipairs(KEYS) do
              local fields = redis.call('HMGET', key, 'failures', 'latest', 'forget_at')
              if tonumber(fields[3] or '0') > tonumber(ARGV[1]) then
                result[2 * i - 1] = tonumber(fields[1])
                result[2 * i] = tonumber(fields[2])
              else
                result[2 * i - 1] = 0
                result[2 * i] = 0
              end
            end
            return result
            """, List.class);

    private final StringRedisTemplate redis;
    private final String namespace;

    /** {@code namespace} goes before every key (tests give each run its own). */
    RedisSignInFailures(StringRedisTemplate redis, String namespace) {
        this.redis = redis;
        this.namespace = namespace;
    }

    @Override
    public List<Count> add(List<String> keys, Instant at, Duration forgetAfter) {
        return counts(redis.execute(ADD, namespaced(keys), Long.toString(at.toEpochMilli()),
                Long.toString(at.plus(forgetAfter).toEpochMilli())));
    }

    @Override
    public List<Count> get(List<String> keys, Instant now) {
        return counts(redis.execute(GET, namespaced(keys), Long.toString(now.toEpochMilli())));
    }

    @Override
    public void clear(List<String> keys) {
        redis.delete(namespaced(keys));
    }

    @Override
    public void remember(String key, Instant at, Duration forHowLong) {
        redis.opsForValue().set(namespace + key, Long.toString(at.plus(forHowLong).toEpochMilli()), forHowLong);
    }

    @Override
    public boolean remembers(String key, Instant now) {
        String until = redis.opsForValue().get(namespace + key);
        return until != null && Long.parseLong(until) > now.toEpochMilli();
    }

    private List<String> namespaced(List<String> keys) {
        return keys.stream().map(key -> namespace + key).toList();
    }

    private static List<Count> counts(List<?> values) {
        List<Count> counts = new ArrayList<>(values.size() / 2);
        for (int i = 0; i < values.size(); i += 2) {
            int failures = ((Number) values.get(i)).intValue();
            counts.add(failures == 0 ? NONE : new Count(failures, Instant.ofEpochMilli(((Number) values.get(i + 1)).longValue())));
        }
        return counts;
    }
}
