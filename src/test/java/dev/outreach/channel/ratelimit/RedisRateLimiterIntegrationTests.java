package dev.outreach.channel.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.support.PostgresIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The same contract on the machine's real Redis (OUTREACH_TEST_REDIS_HOST, default 127.0.0.1:6379),
 * with two limiters on two separate connections, as two app instances would have.
 */
class RedisRateLimiterIntegrationTests extends RateLimiterContract {

    private static final String HOST = System.getenv().getOrDefault("OUTREACH_TEST_REDIS_HOST", "127.0.0.1");
    private static LettuceConnectionFactory firstConnection;
    private static LettuceConnectionFactory secondConnection;
    private static RateLimiter first;
    private static RateLimiter second;
    private final String prefix = "test:" + System.nanoTime() + ":";

    @BeforeAll
    static void connect() {
        firstConnection = connection();
        secondConnection = connection();
        try {
            firstConnection.getConnection().ping();
        } catch (RuntimeException e) {
            PostgresIntegrationTest.requireService("Redis at " + HOST + ":6379", e);
        }
        first = new RedisRateLimiter(new StringRedisTemplate(firstConnection), CLOCK);
        second = new RedisRateLimiter(new StringRedisTemplate(secondConnection), CLOCK);
    }

    @AfterAll
    static void disconnect() {
        firstConnection.destroy();
        secondConnection.destroy();
    }

    private static LettuceConnectionFactory connection() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(HOST, 6379));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    @Test
    void aRedisThatAnswersIsReachableAndAClosedPortIsNot() {
        LettuceConnectionFactory closedPort = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 1));
        closedPort.afterPropertiesSet();
        closedPort.start();
        try {
            RateLimiter unreachable = new RedisRateLimiter(new StringRedisTemplate(closedPort), CLOCK);

            assertThat(new RateLimiterAvailability(first, CLOCK, Duration.ZERO).reachable()).isTrue();
            assertThat(new RateLimiterAvailability(unreachable, CLOCK, Duration.ZERO).reachable()).isFalse();
        } finally {
            closedPort.destroy();
        }
    }

    @Override
    RateLimiter first() {
        return first;
    }

    @Override
    RateLimiter second() {
        return second;
    }

    @Override
    String prefix() {
        return prefix;
    }
}
