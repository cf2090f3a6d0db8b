package dev.outreach.channel.ratelimit;

/** In-process store: "two instances" share one limiter, as they share one JVM in the embedded mode. */
class InProcessRateLimiterTests extends RateLimiterContract {

    private final RateLimiter limiter = new InProcessRateLimiter(CLOCK);

    @Override
    RateLimiter first() {
        return limiter;
    }

    @Override
    RateLimiter second() {
        return limiter;
    }

    @Override
    String prefix() {
        return "";
    }
}
