package dev.outreach.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.cadence.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The throttle's rules, with time moved by the test, on every {@link SignInFailures} store. */
abstract class SignInThrottleContract {

    /**
     * Starts at the real time: Redis expires a key at the absolute time the store gives it
     * ({@code PEXPIREAT}), so a fixed start in the past would have Redis drop every key at once.
     */
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final SignInThrottle throttle = new SignInThrottle(store(), clock);

    /** A store of its own for this test (Redis: keys no other test or run sees). */
    abstract SignInFailures store();

    private static final SignInAttempt STRANGER = new SignInAttempt("dana", "203.0.113.7");
    private static final SignInAttempt DANA_AT_HER_DESK = new SignInAttempt("Dana", "198.51.100.23");

    @Test
    void fiveFailuresFromOneAddressMakeItWaitAMinuteThenItMayTryAgain() {
        fail(STRANGER, 4);
        assertThat(throttle.throttled(STRANGER)).isEmpty();

        Optional<SignInThrottle.Throttled> fifth = throttle.failed(STRANGER, "wrong username or password");

        assertThat(fifth).map(SignInThrottle.Throttled::left).hasValue(Duration.ofMinutes(1));
        assertThat(fifth.get().minutes()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(59));
        assertThat(throttle.throttled(STRANGER)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.throttled(STRANGER)).isEmpty();
    }

    @Test
    void eachFurtherFailureDoublesTheWaitUpToFifteenMinutes() {
        fail(STRANGER, 4);
        for (long expected : new long[] {1, 2, 4, 8, 15, 15}) {
            assertThat(throttle.failed(STRANGER, "wrong username or password").map(SignInThrottle.Throttled::left))
                    .hasValue(Duration.ofMinutes(expected));
            clock.advance(Duration.ofMinutes(expected));
            assertThat(throttle.throttled(STRANGER)).isEmpty();
        }
    }

    @Test
    void aStrangersGuessesDoNotMakeTheRealUserWaitAtHerOwnAddress() {
        fail(STRANGER, 5);

        assertThat(throttle.throttled(STRANGER)).isPresent();
        assertThat(throttle.throttled(DANA_AT_HER_DESK)).isEmpty();
    }

    @Test
    void guessesFromManyAddressesMakeTheAccountWaitButNotWhereItSignedInBefore() {
        throttle.succeeded(DANA_AT_HER_DESK);
        for (int address = 1; address <= 5; address++) {
            fail(new SignInAttempt("dana", "192.0.2." + address), 4);
        }

        Optional<SignInThrottle.Throttled> newAddress = throttle.throttled(new SignInAttempt("dana", "192.0.2.99"));
        assertThat(newAddress).map(throttled -> throttled.rule()).hasValue(SignInThrottle.PER_ACCOUNT);
        assertThat(newAddress.get().left()).isEqualTo(Duration.ofMinutes(1));
        assertThat(throttle.throttled(DANA_AT_HER_DESK)).isEmpty();
    }

    @Test
    void oneAddressTryingManyAccountsIsMadeToWait() {
        for (int account = 1; account <= 50; account++) {
            throttle.failed(new SignInAttempt("user" + account, "203.0.113.50"), "wrong username or password");
        }

        assertThat(throttle.throttled(new SignInAttempt("anyone-else", "203.0.113.50")))
                .map(throttled -> throttled.rule()).hasValue(SignInThrottle.PER_ADDRESS);
        assertThat(throttle.throttled(new SignInAttempt("anyone-else", "203.0.113.51"))).isEmpty();
    }

    @Test
    void aSuccessForgivesTheAccountsFailuresButNotTheAddresss() {
        SignInAttempt attacker = new SignInAttempt("own-account", "203.0.113.60");
        for (int account = 1; account <= 40; account++) {
            throttle.failed(new SignInAttempt("victim" + account, "203.0.113.60"), "wrong username or password");
        }
        fail(attacker, 4);

        throttle.succeeded(attacker);

        assertThat(throttle.failed(attacker, "wrong username or password")).isEmpty();
        for (int account = 41; account <= 44; account++) {
            throttle.failed(new SignInAttempt("victim" + account, "203.0.113.60"), "wrong username or password");
        }
        assertThat(throttle.failed(new SignInAttempt("victim45", "203.0.113.60"), "wrong username or password"))
                .map(throttled -> throttled.rule()).hasValue(SignInThrottle.PER_ADDRESS);
    }

    @Test
    void failuresAreForgottenAnHourAfterTheLatest() {
        fail(STRANGER, 4);
        clock.advance(Duration.ofMinutes(59));
        assertThat(throttle.failed(STRANGER, "wrong username or password")).isPresent();

        clock.advance(Duration.ofMinutes(61));

        assertThat(throttle.failed(STRANGER, "wrong username or password")).isEmpty();
    }

    @Test
    void addressesOfOneIpv6NetworkCountAsOneAndUsernamesIgnoreCase() {
        fail(new SignInAttempt("Dana", "2001:db8:1:2::a"), 4);

        assertThat(throttle.failed(new SignInAttempt(" dana ", "2001:db8:1:2:ffff::1"), "wrong username or password"))
                .isPresent();
        assertThat(throttle.throttled(new SignInAttempt("dana", "2001:db8:1:3::a"))).isEmpty();
    }

    @Test
    void aForgedUsernameCannotWriteLogLines() {
        assertThat(new SignInAttempt("eve\n2026-12-07 INFO admin signed in", "::ffff:192.0.2.1"))
                .satisfies(attempt -> {
                    assertThat(attempt.loggableUsername()).doesNotContain("\n");
                    assertThat(attempt.address()).isEqualTo("192.0.2.1");
                });
        assertThat(new SignInAttempt("x", "not an address").address()).isEqualTo("not?an?address");
    }

    private void fail(SignInAttempt attempt, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(attempt, "wrong username or password");
        }
    }
}
