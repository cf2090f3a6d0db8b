package dev.outreach.deliverability;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Reputation counts in Redis when {@code outreach.counters=redis} (the postgres profile), else in memory. */
@Configuration(proxyBeanMethods = false)
class ReputationConfiguration {

    @Bean
    @ConditionalOnProperty(name = "outreach.counters", havingValue = "redis")
    ReputationStore redisReputationStore(StringRedisTemplate redis) {
        return new RedisReputationStore(redis);
    }

    @Bean
    @ConditionalOnProperty(name = "outreach.counters", havingValue = "in-process", matchIfMissing = true)
    ReputationStore inProcessReputationStore() {
        return new InProcessReputationStore();
    }
}
