package dev.outreach.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Service;

/**
 * Slows down password guessing at the login form. Failures are counted per account and address
 * together, per account and per address, each forgotten an hour after its latest failure. The
 * pair is throttled first (5 free failures), so that a stranger guessing from somewhere else
 * hardly touches the real user; the account alone (20, a guesser spread over many addresses)
 * and the address alone (50, one address trying many accounts) only later, and neither applies
 * where the account signed in successfully within 30 days. Every wait is 1 minute doubling to
 * 15 minutes at most. A waiting attempt is refused before its password is checked and does not
 * count, so waiting it out is all a real user has to do. When the store (Redis) cannot be
 * reached, sign-ins go on unthrottled with a warning: the password check still holds, and
 * nobody should be locked out of the console by a Redis outage.
 */
@Service
class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    static final BackoffRule PER_ACCOUNT_AND_ADDRESS = new BackoffRule("this account from this address", 5,
            Duration.ofMinutes(1), Duration.ofMinutes(15));
    static final BackoffRule PER_ACCOUNT = new BackoffRule("this account", 20, Duration.ofMinutes(1), Duration.ofMinutes(15));
    static final BackoffRule PER_ADDRESS = new BackoffRule("this address", 50, Duration.ofMinutes(1), Duration.ofMinutes(15));
    /** Same order as {@link #keys}; all but the first spare addresses the account signed in from. */
    private static final List<BackoffRule> RULES = List.of(PER_ACCOUNT_AND_ADDRESS, PER_ACCOUNT, PER_ADDRESS);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    static final Duration KNOWN_ADDRESS_FOR = Duration.ofDays(30);

    /** An attempt that must wait: how long still, and the rule and count that make it. */
    record Throttled(Duration left, BackoffRule rule, int failures) {

        /** The wait in whole minutes, rounded up, as the login page shows it. */
        long minutes() {
            return Math.max(1, (left.toSeconds() + 59) / 60);
        }

        @Override
        public String toString() {
            return "throttled for " + left.toSeconds() + " s more after " + failures + " failures for " + rule.scope();
        }
    }

    private final SignInFailures failures;
    private final Clock clock;

    SignInThrottle(SignInFailures failures, Clock clock) {
        this.failures = failures;
        this.clock = clock;
    }

    /** Whether this attempt must wait before its password is even checked. */
    Optional<Throttled> throttled(SignInAttempt attempt) {
        return unlessStoreFails(attempt, "not checked", () -> {
            Instant now = clock.instant();
            return throttled(attempt, failures.get(keys(attempt), now), now);
        });
    }

    /** Counts a failed attempt, logs it (never the password), and returns the wait it brings, if any. */
    Optional<Throttled> failed(SignInAttempt attempt, String reason) {
        return unlessStoreFails(attempt, "failed (" + reason + "), not counted", () -> {
            Instant now = clock.instant();
            List<SignInFailures.Count> counts = failures.add(keys(attempt), now, FORGET_AFTER);
            log.info("Failed sign-in as '{}' from {}: {} (failures in the last hour: {} for this account from this "
                    + "address, {} for this account, {} from this address)", attempt.loggableUsername(),
                    attempt.address(), reason, counts.get(0).failures(), counts.get(1).failures(), counts.get(2).failures());
            Optional<Throttled> throttled = throttled(attempt, counts, now);
            throttled.ifPresent(wait -> log.warn("Sign-ins as '{}' from {} are {}", attempt.loggableUsername(),
                    attempt.address(), wait));
            return throttled;
        });
    }

    /**
     * Forgets the failures of the account (the password was right) and remembers the address as
     * the account's; the address's own count stays, or one valid account would reset it.
     */
    void succeeded(SignInAttempt attempt) {
        unlessStoreFails(attempt, "succeeded, not recorded", () -> {
            failures.clear(keys(attempt).subList(0, 2));
            failures.remember(knownAddressKey(attempt), clock.instant(), KNOWN_ADDRESS_FOR);
            return Optional.empty();
        });
    }

    private static Optional<Throttled> unlessStoreFails(SignInAttempt attempt, String outcome,
            Supplier<Optional<Throttled>> work) {
        try {
            return work.get();
        } catch (DataAccessException unreachable) {
            log.warn("Sign-in throttle unavailable ({}): sign-in as '{}' from {} {}", unreachable.getMessage(),
                    attempt.loggableUsername(), attempt.address(), outcome);
            return Optional.empty();
        }
    }

    /** A form sign-in succeeded: its details name the address the form was posted from. */
    @EventListener
    void on(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details) {
            succeeded(new SignInAttempt(event.getAuthentication().getName(), details.getRemoteAddress()));
        }
    }

    private Optional<Throttled> throttled(SignInAttempt attempt, List<SignInFailures.Count> counts, Instant now) {
        boolean knownAddress = failures.remembers(knownAddressKey(attempt), now);
        Optional<Throttled> longest = Optional.empty();
        for (int i = 0; i < RULES.size(); i++) {
            if (i > 0 && knownAddress) {
                break;
            }
            SignInFailures.Count count = counts.get(i);
            Duration left = Duration.between(now, count.latest().plus(RULES.get(i).waitAfter(count.failures())));
            if (left.isPositive() && longest.map(wait -> left.compareTo(wait.left()) > 0).orElse(true)) {
                longest = Optional.of(new Throttled(left, RULES.get(i), count.failures()));
            }
        }
        return longest;
    }

    // an address never holds a space, so "address username" cannot be made to collide
    private static List<String> keys(SignInAttempt attempt) {
        return List.of("signin:pair:" + attempt.address() + " " + attempt.username(),
                "signin:account:" + attempt.username(), "signin:address:" + attempt.address());
    }

    private static String knownAddressKey(SignInAttempt attempt) {
        return "signin:known:" + attempt.address() + " " + attempt.username();
    }
}
