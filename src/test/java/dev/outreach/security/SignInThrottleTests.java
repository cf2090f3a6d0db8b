package dev.outreach.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;

/** The throttle's rules on the embedded mode's store, and what happens when a store cannot be reached. */
class SignInThrottleTests extends SignInThrottleContract {

    @Override
    SignInFailures store() {
        return new InProcessSignInFailures();
    }

    @Test
    void withTheStoreUnreachableSignInsGoOnUnthrottled() {
        SignInThrottle withoutStore = new SignInThrottle(new UnreachableStore(), clock);
        SignInAttempt attempt = new SignInAttempt("dana", "203.0.113.7");

        assertThat(withoutStore.failed(attempt, "wrong username or password")).isEmpty();
        assertThat(withoutStore.throttled(attempt)).isEmpty();
        withoutStore.succeeded(attempt);
    }

    private static final class UnreachableStore implements SignInFailures {

        @Override
        public List<Count> add(List<String> keys, Instant at, Duration forgetAfter) {
            throw new RedisConnectionFailureException("Unable to connect to Redis");
        }

        @Override
        public List<Count> get(List<String> keys, Instant now) {
            throw new RedisConnectionFailureException("Unable to connect to Redis");
        }

        @Override
        public void clear(List<String> keys) {
            throw new RedisConnectionFailureException("Unable to connect to Redis");
        }

        @Override
        public void remember(String key, Instant at, Duration forHowLong) {
            throw new RedisConnectionFailureException("Unable to connect to Redis");
        }

        @Override
        public boolean remembers(String key, Instant now) {
            throw new RedisConnectionFailureException("Unable to connect to Redis");
        }
    }
}
