package dev.outreach.deliverability;

import dev.outreach.support.PostgresIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The reputation contract on the machine's real Redis (OUTREACH_TEST_REDIS_HOST, default 127.0.0.1:6379). */
class RedisReputationStoreIntegrationTests extends ReputationStoreContract {

    private static final String HOST = System.getenv().getOrDefault("OUTREACH_TEST_REDIS_HOST", "127.0.0.1");
    private static LettuceConnectionFactory connection;
    private static RedisReputationStore store;

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
        store = new RedisReputationStore(new StringRedisTemplate(connection));
    }

    @AfterAll
    static void disconnect() {
        connection.destroy();
    }

    @Override
    ReputationStore store() {
        return store;
    }
}
