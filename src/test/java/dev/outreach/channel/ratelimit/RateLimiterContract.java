package dev.outreach.channel.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.channel.ChannelSettings;
import dev.outreach.shared.ChannelType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link RateLimiter} store must show; run against the in-process one and real Redis. */
abstract class RateLimiterContract {

    static final Instant NOW = Instant.parse("2026-11-21T20:15:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** Two limiters sharing one store, as two app instances would. */
    abstract RateLimiter first();

    abstract RateLimiter second();

    /** Keys unique to this test run, so that runs never see each other's counters. */
    abstract String prefix();

    @Test
    void fiftyThreadsOnTwoInstancesNeverExceedTheLimit() throws Exception {
        RateLimit limit = new RateLimit(prefix() + "race", 37, NOW.plus(Duration.ofHours(1)), "a test limit");
        AtomicInteger allowed = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(50);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 50; t++) {
            RateLimiter limiter = t % 2 == 0 ? first() : second();
            futures.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < 4; i++) {
                    if (limiter.tryAcquire(List.of(limit)).allowed()) {
                        allowed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get();
        }
        threads.shutdown();

        assertThat(allowed.get()).isEqualTo(37);
    }

    @Test
    void theFourthEmailToOneLeadIsBlockedButOtherLeadsStillGo() {
        ChannelRateLimits limits = new ChannelRateLimits(prefixed(first()), CLOCK, Duration.ofDays(30));
        ChannelSettings email = new ChannelSettings(ChannelType.EMAIL, true, 100, 500, 3, 2, List.of(24, 48),
                Map.of(), Map.of(), null, null);

        List<Boolean> toLead = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            toLead.add(limits.tryAcquire(email, 42L, null, null).allowed());
        }
        RateDecision fourth = limits.tryAcquire(email, 42L, null, null);

        assertThat(toLead).containsExactly(true, true, true, false);
        assertThat(fourth.exceeded().orElseThrow().key()).contains(":lead:42:");
        assertThat(limits.tryAcquire(email, 43L, null, null).allowed()).isTrue();
    }

    @Test
    void aDeniedRequestTakesNothingFromTheOtherLimits() {
        RateLimit roomy = new RateLimit(prefix() + "roomy", 10, NOW.plus(Duration.ofHours(1)), "a test limit");
        RateLimit full = new RateLimit(prefix() + "full", 1, NOW.plus(Duration.ofHours(1)), "a test limit");
        first().tryAcquire(List.of(full));

        RateDecision denied = first().tryAcquire(List.of(roomy, full));

        assertThat(denied.allowed()).isFalse();
        assertThat(denied.exceeded()).contains(full);
        assertThat(denied.retryAt()).contains(NOW.plus(Duration.ofHours(1)));
        int left = 0;
        while (first().tryAcquire(List.of(roomy)).allowed()) {
            left++;
        }
        assertThat(left).isEqualTo(10);
    }

    @Test
    void theHourlyLimitBindsBeforeTheDailyOneAndSaysUntilWhen() {
        ChannelRateLimits limits = new ChannelRateLimits(prefixed(first()), CLOCK, Duration.ofDays(30));
        ChannelSettings form = new ChannelSettings(ChannelType.CONTACT_FORM, true, 2, 50, 5, 0, List.of(),
                Map.of(), Map.of(), null, null);

        limits.tryAcquire(form, 1L, null, null);
        limits.tryAcquire(form, 2L, null, null);
        RateDecision third = limits.tryAcquire(form, 3L, null, null);

        assertThat(third.allowed()).isFalse();
        assertThat(third.exceeded().orElseThrow().key()).contains("CONTACT_FORM:hour:2026112120");
        assertThat(third.exceeded().orElseThrow().description()).as("what an operator reads").isEqualTo("at most 2 per hour");
        assertThat(third.retryAt()).contains(Instant.parse("2026-11-21T21:00:00Z"));
    }

    @Test
    void releasedUnitsCanBeTakenAgain() {
        RateLimit one = new RateLimit(prefix() + "release", 1, NOW.plus(Duration.ofHours(1)), "a test limit");
        RateDecision taken = first().tryAcquire(List.of(one));
        assertThat(second().tryAcquire(List.of(one)).allowed()).isFalse();

        second().release(taken.taken());

        assertThat(first().tryAcquire(List.of(one)).allowed()).isTrue();
        first().release(List.of(one));
        first().release(List.of(one));
        assertThat(second().tryAcquire(List.of(one)).allowed()).as("never released below zero").isTrue();
        assertThat(first().tryAcquire(List.of(one)).allowed()).isFalse();
    }

    @Test
    void aMailboxStopsAtItsDailyCap() {
        ChannelRateLimits limits = new ChannelRateLimits(prefixed(first()), CLOCK, Duration.ofDays(30));
        ChannelSettings email = new ChannelSettings(ChannelType.EMAIL, true, 100, 500, 3, 2, List.of(24, 48),
                Map.of(), Map.of(), null, null);

        assertThat(limits.tryAcquire(email, 1L, 7L, 2).allowed()).isTrue();
        assertThat(limits.tryAcquire(email, 2L, 7L, 2).allowed()).isTrue();
        RateDecision third = limits.tryAcquire(email, 3L, 7L, 2);

        assertThat(third.allowed()).isFalse();
        assertThat(third.exceeded().orElseThrow().key()).contains("mailbox:7:day:20261121");
        assertThat(third.exceeded().orElseThrow().description()).isEqualTo("at most 2 per day from this mailbox");
        assertThat(third.retryAt()).contains(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(limits.mailboxSendsToday(List.of(7L, 8L))).containsEntry(7L, 2).containsEntry(8L, 0);
    }

    @Test
    void aSendingDomainsDailyCapHoldsAcrossItsMailboxes() {
        ChannelRateLimits limits = new ChannelRateLimits(prefixed(first()), CLOCK, Duration.ofDays(30));
        ChannelSettings email = new ChannelSettings(ChannelType.EMAIL, true, 100, 500, 10, 2, List.of(24, 48),
                Map.of(), Map.of(), null, null);

        assertThat(limits.tryAcquire(email, 1L, 7L, 10, 3L, 2).allowed()).isTrue();
        assertThat(limits.tryAcquire(email, 2L, 8L, 10, 3L, 2).allowed()).isTrue();
        RateDecision third = limits.tryAcquire(email, 3L, 9L, 10, 3L, 2);

        assertThat(third.allowed()).isFalse();
        assertThat(third.exceeded().orElseThrow().key()).contains("rate:domain:3:day:20261121");
        assertThat(limits.tryAcquire(email, 3L, 9L, 10, 4L, 2).allowed()).as("another domain").isTrue();
    }

    /** Puts this run's prefix in front of every key, keeping runs apart in a shared Redis. */
    private RateLimiter prefixed(RateLimiter limiter) {
        return new RateLimiter() {
            @Override
            public RateDecision tryAcquire(List<RateLimit> limits) {
                return limiter.tryAcquire(limits.stream().map(this::prefixed).toList());
            }

            @Override
            public void release(List<RateLimit> limits) {
                limiter.release(limits.stream().map(this::prefixed).toList());
            }

            @Override
            public void ping() {
                limiter.ping();
            }

            @Override
            public List<Integer> current(List<String> keys) {
                return limiter.current(keys.stream().map(key -> prefix() + key).toList());
            }

            private RateLimit prefixed(RateLimit limit) {
                return new RateLimit(prefix() + limit.key(), limit.max(), limit.windowEnd(), limit.description());
            }
        };
    }
}
