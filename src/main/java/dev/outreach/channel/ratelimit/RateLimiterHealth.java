package dev.outreach.channel.ratelimit;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code rateLimiter} in {@code /actuator/health}: DOWN while this instance cannot reach its
 * rate-limit counters, and so claims no messages.
 */
@Component
class RateLimiterHealth implements HealthIndicator {

    private final RateLimiterAvailability availability;

    RateLimiterHealth(RateLimiterAvailability availability) {
        this.availability = availability;
    }

    @Override
    public Health health() {
        if (availability.reachable()) {
            return Health.up().build();
        }
        RateLimiterAvailability.Status status = availability.status();
        Health.Builder down = Health.down().withDetail("claiming", "paused: no messages are claimed on this instance");
        status.since().ifPresent(since -> down.withDetail("unreachableSince", since.toString()));
        status.problem().ifPresent(problem -> down.withDetail("problem", problem));
        return down.build();
    }
}
