package dev.outreach.deliverability;

import dev.outreach.deliverability.EmailScore.Status;
import dev.outreach.deliverability.EmailScore.Throttle;

/**
 * The reference's {@code _compute_email_score}: a pure function from a scope's six counts to a
 * score, a status and a throttle. The same function scores the global, domain and mailbox scopes.
 *
 * <h2>Formula</h2>
 * <pre>
 * bounce rate     = bounced / sent          complaint rate = complained / sent
 * open rate       = opened / delivered      click rate     = clicked / delivered   (sent when nothing was reported delivered)
 *
 * score = 90
 *       + min(10, open rate x 20 + click rate x 50)        engagement bonus: 50% opens, or 20% clicks, earn the full 10
 *       - min(60, bounce rate x 1000)                      1% bounces cost 10 points, 5% cost 50
 *       - min(60, complaint rate x 10000)                  0.1% complaints cost 10 points, 0.3% cost 30
 * clamped to 0..100
 *
 * throttle, first match wins:
 *   sent below the minimum volume (20)                        INSUFFICIENT_DATA, NONE   never paused by noise
 *   complaints >= 0.3% or bounces >= 5%                       CRITICAL, PAUSED          (Google and Yahoo's sender
 *   complaints >= 0.1% or bounces >= 2%                       WARNING,  REDUCED          guidelines; the usual bounce
 *   otherwise                                                 HEALTHY,  NONE             thresholds of ESPs)
 * </pre>
 * Mailbox selection also skips a mailbox scored below {@code mailbox_health_threshold}.
 */
public final class ReputationScoring {

    /** Below this many sends in the window a scope has too little data to be judged. */
    public static final long MINIMUM_VOLUME = 20;

    static final double PAUSE_COMPLAINT_RATE = 0.003;
    static final double PAUSE_BOUNCE_RATE = 0.05;
    static final double REDUCE_COMPLAINT_RATE = 0.001;
    static final double REDUCE_BOUNCE_RATE = 0.02;

    private ReputationScoring() {
    }

    public static EmailScore computeEmailScore(EmailMetrics metrics) {
        return computeEmailScore(metrics, MINIMUM_VOLUME);
    }

    public static EmailScore computeEmailScore(EmailMetrics metrics, long minimumVolume) {
        double engagement = Math.min(10, metrics.openRate() * 20 + metrics.clickRate() * 50);
        double bouncePenalty = Math.min(60, metrics.bounceRate() * 1000);
        double complaintPenalty = Math.min(60, metrics.complaintRate() * 10_000);
        int score = (int) Math.round(Math.max(0, Math.min(100, 90 + engagement - bouncePenalty - complaintPenalty)));
        if (metrics.sent() < minimumVolume) {
            return new EmailScore(score, Status.INSUFFICIENT_DATA, Throttle.NONE, metrics);
        }
        if (metrics.complaintRate() >= PAUSE_COMPLAINT_RATE || metrics.bounceRate() >= PAUSE_BOUNCE_RATE) {
            return new EmailScore(score, Status.CRITICAL, Throttle.PAUSED, metrics);
        }
        if (metrics.complaintRate() >= REDUCE_COMPLAINT_RATE || metrics.bounceRate() >= REDUCE_BOUNCE_RATE) {
            return new EmailScore(score, Status.WARNING, Throttle.REDUCED, metrics);
        }
        return new EmailScore(score, Status.HEALTHY, Throttle.NONE, metrics);
    }
}
