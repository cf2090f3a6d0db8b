package dev.outreach.channel.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.support.CapturedLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.RedisConnectionFailureException;

class RateLimiterAvailabilityTests {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @RegisterExtension
    final CapturedLog log = new CapturedLog();

    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger pings = new AtomicInteger();
    private final RateLimiter store = new RateLimiter() {
        @Override
        public RateDecision tryAcquire(List<RateLimit> limits) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void release(List<RateLimit> limits) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void ping() {
            pings.incrementAndGet();
            if (down.get()) {
                throw new RedisConnectionFailureException("Unable to connect to Redis",
                        new IllegalStateException("Connection refused: /127.0.0.1:1"));
            }
        }

        @Override
        public List<Integer> current(List<String> keys) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void anAnsweringStoreIsAskedOncePerProbeInterval() {
        RateLimiterAvailability availability = availability(Duration.ofMinutes(1));

        for (int i = 0; i < 100; i++) {
            assertThat(availability.reachable()).isTrue();
        }

        assertThat(pings).hasValue(1);
        assertThat(availability.status()).isEqualTo(new RateLimiterAvailability.Status(true, java.util.Optional.empty(),
                java.util.Optional.empty()));
    }

    @Test
    void anOutageIsLoggedOnceInOneLineAndItsEndOnce() {
        RateLimiterAvailability availability = availability(Duration.ZERO);
        assertThat(availability.reachable()).isTrue();

        down.set(true);
        for (int i = 0; i < 20; i++) {
            assertThat(availability.recheck()).isFalse();
            assertThat(availability.reachable()).isFalse();
        }

        assertThat(availability.status().since()).contains(NOW);
        assertThat(availability.status().problem()).contains("Unable to connect to Redis: Connection refused: /127.0.0.1:1");
        assertThat(log.warnings()).containsExactly("WARN " + RateLimiterAvailability.class.getName()
                + ": The rate-limit counters cannot be reached (Unable to connect to Redis: Connection refused: /127.0.0.1:1);"
                + " this instance claims no messages until they answer");
        assertThat(log.stackTraces()).isEmpty();

        down.set(false);
        assertThat(availability.reachable()).isTrue();
        assertThat(availability.reachable()).isTrue();

        assertThat(availability.status().reachable()).isTrue();
        assertThat(log.warnings()).hasSize(1);
    }

    @Test
    void aFailedCallIsLearntAtOnceNotAfterTheProbeInterval() {
        RateLimiterAvailability availability = availability(Duration.ofHours(1));
        assertThat(availability.reachable()).isTrue();

        down.set(true);

        assertThat(availability.reachable()).as("the last probe is still fresh").isTrue();
        assertThat(availability.recheck()).as("after a call to the counters failed").isFalse();
        assertThat(availability.reachable()).isFalse();
    }

    @Test
    void theEmbeddedCountersAreAlwaysThere() {
        RateLimiterAvailability availability = new RateLimiterAvailability(RateLimiter.inProcess(clock()), clock(),
                Duration.ZERO);

        assertThat(availability.reachable()).isTrue();
        assertThat(availability.recheck()).isTrue();
    }

    private RateLimiterAvailability availability(Duration probeInterval) {
        return new RateLimiterAvailability(store, clock(), probeInterval);
    }

    private static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }
}
