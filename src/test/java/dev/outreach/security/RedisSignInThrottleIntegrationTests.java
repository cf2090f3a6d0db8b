package dev.outreach.security;

import dev.outreach.support.PostgresIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The throttle's rules on the machine's real Redis (OUTREACH_TEST_REDIS_HOST, default
 * 127.0.0.1:6379), as the {@code postgres} profile counts them for every instance.
 */
class RedisSignInThrottleIntegrationTests extends SignInThrottleContract {

    private static final String HOST = System.getenv().getOrDefault("OUTREACH_TEST_REDIS_HOST", "127.0.0.1");
    private static LettuceConnectionFactory connection;
    /** Set by {@link #store()}, which runs while the contract is constructed (so no initializer here). */
    private String namespace;

    @BeforeAll
    static void connect() {
        connection = new LettuceConnectionFactory(new RedisStandaloneConfiguration(HOST, 6379));
        connection.afterPropertiesSet();
        connection.start();
        try {
            connection.getConnection().ping();
        } catch (RuntimeException e) {
            PostgresIntegrationTest.requireService("Redis at " + HOST + ":6379", e);
        }
    }

    @AfterAll
    static void disconnect() {
        connection.destroy();
    }

    @AfterEach
    void forgetThisTestsKeys() {
        StringRedisTemplate redis = new StringRedisTemplate(connection);
        redis.delete(redis.keys(namespace + "*"));
    }

    @Override
    SignInFailures store() {
        namespace = "test:" + System.nanoTime() + ":";
        return new RedisSignInFailures(new StringRedisTemplate(connection), namespace);
    }
}
