package dev.outreach.deliverability;

/**
 * What {@link ReputationScoring#computeEmailScore} makes of a scope's metrics: the reference's
 * {@code {score, status, throttle, metrics}}.
 */
public record EmailScore(int score, Status status, Throttle throttle, EmailMetrics metrics) {

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
