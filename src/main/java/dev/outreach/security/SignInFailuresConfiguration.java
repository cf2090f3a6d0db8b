package dev.outreach.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Failed sign-ins counted in this JVM in the embedded mode, in Redis when {@code outreach.counters=redis}. */
@Configuration(proxyBeanMethods = false)
class SignInFailuresConfiguration {

    @Bean
    @ConditionalOnProperty(name = "outreach.counters", havingValue = "redis")
    SignInFailures redisSignInFailures(StringRedisTemplate redis) {
        return new RedisSignInFailures(redis, "");
    }

    @Bean
    @ConditionalOnProperty(name = "outreach.counters", havingValue = "in-process", matchIfMissing = true)
    SignInFailures inProcessSignInFailures() {
        return new InProcessSignInFailures();
    }
}
