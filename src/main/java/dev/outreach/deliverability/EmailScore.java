package dev.outreach.deliverability;

/**
 * What {@link ReputationScoring#computeEmailScore} makes of a scope's metrics:
 * {@code {score, status, throttle, metrics}}, with the 95% intervals of the bounce and complaint
 * rates the verdict rests on.
 */
public record EmailScore(int score, Status status, Throttle throttle, EmailMetrics metrics, RateInterval bounceRate,
        RateInterval complaintRate) {

    public enum Status {
        HEALTHY, WARNING, CRITICAL, INSUFFICIENT_DATA
    }

    /** What mailbox selection does with the scope: send as usual, at half the cap, or not at all. */
    public enum Throttle {
        NONE, REDUCED, PAUSED
    }

    public boolean paused() {
        return throttle == Throttle.PAUSED;
    }
}
