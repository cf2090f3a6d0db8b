package dev.outreach.channel.linkedin;

import dev.outreach.channel.ratelimit.RateDecision;
import dev.outreach.channel.ratelimit.RateLimit;
import dev.outreach.channel.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;

/**
 * LinkedIn's weekly invitation limit, kept per LinkedIn account: ISO weeks in UTC (Monday to
 * Monday), counted in the shared rate limiter so that all instances count together. An
 * invitation counts when it is handed to the gateway, whether or not it then goes through,
 * because LinkedIn counts attempts too.
 */
final class InvitationCap {

    private final RateLimiter limiter;
    private final Clock clock;

    InvitationCap(RateLimiter limiter, Clock clock) {
        this.limiter = limiter;
        this.clock = clock;
    }

    /** Takes one invitation from the account's week; when the cap is reached, how long until the next week. */
    Optional<Duration> take(String account, int weeklyCap) {
        Instant now = clock.instant();
        ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
        Instant weekEnd = utc.toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                .atStartOfDay(ZoneOffset.UTC).toInstant();
        String week = "%d-W%02d".formatted(utc.get(IsoFields.WEEK_BASED_YEAR),
                utc.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        RateLimit limit = new RateLimit("rate:linkedin:invitations:" + account + ":" + week, weeklyCap, weekEnd,
                "at most " + weeklyCap + " invitations per week from this LinkedIn account");
        RateDecision decision = limiter.tryAcquire(List.of(limit));
        return decision.allowed() ? Optional.empty() : Optional.of(Duration.between(now, weekEnd));
    }
}
