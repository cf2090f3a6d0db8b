package dev.outreach.channel.ratelimit;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** In-process counters in the embedded mode, Redis when {@code outreach.counters=redis} (the postgres profile). */
@Configuration(proxyBeanMethods = false)
class RateLimiterConfiguration {

    @Bean
    @ConditionalOnProperty(name = "outreach.counters", havingValue = "redis")
    RateLimiter redisRateLimiter(StringRedisTemplate redis, Clock clock) {
        return new RedisRateLimiter(redis, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "outreach.counters", havingValue = "in-process", matchIfMissing = true)
    RateLimiter inProcessRateLimiter(Clock clock) {
        return new InProcessRateLimiter(clock);
    }
}
