package dev.outreach.deliverability;

import dev.outreach.deliverability.EmailScore.Status;
import dev.outreach.deliverability.EmailScore.Throttle;
import java.util.Optional;

/**
 * The email score of a scope, and the one place a health verdict is made: a
 * pure function from a scope's six counts to a score, a status and a throttle. The same function
 * scores the global, domain and mailbox scopes; mailbox selection and the health guard both take
 * their verdict from here.
 *
 * <p>The lines are Gmail's, Yahoo's and Microsoft's (complaints 0.1% and 0.3%) and the usual bounce
 * lines of ESPs (2% and 5%). A scope crosses a line only when the data say so with 95% confidence:
 * the lower bound of the rate's interval ({@link RateInterval}) is at or over it. One bounce in 20
 * sends is 5%, but its interval runs from 0.1% to 24%: no verdict. 20 in 200 (10%, at least 6.6%)
 * is one.
 *
 * <h2>Formula</h2>
 * <pre>
 * bounce rate     = bounced / sent          complaint rate = complained / sent     (lower bounds of their 95% intervals)
 * open rate       = opened / delivered      click rate     = clicked / delivered   (sent when nothing was reported delivered)
 *
 * score = 90
 *       + min(10, open rate x 20 + click rate x 50)        engagement bonus: 50% opens, or 20% clicks, earn the full 10
 *       - min(60, bounce rate x 1000)                      1% bounces cost 10 points, 5% cost 50
 *       - min(60, complaint rate x 10000)                  0.1% complaints cost 10 points, 0.3% cost 30
 * clamped to 0..100
 *
 * throttle, first match wins:
 *   sent below the minimum volume (20)                        INSUFFICIENT_DATA, NONE
 *   complaints >= 0.3% or bounces >= 5%                       CRITICAL, PAUSED
 *   complaints >= 0.1% or bounces >= 2%                       WARNING,  REDUCED
 *   otherwise                                                 HEALTHY,  NONE
 * </pre>
 * A mailbox scored below {@code mailbox_health_threshold} (with enough data) is unfit as well.
 */
public final class ReputationScoring {

    /**
     * Below this many sends in the window a scope is not judged: one event would decide. The window
     * stays 24 hours, so a scope that sends fewer a day is never judged (widening its window to 7
     * days would need the stores to keep a week of hourly buckets).
     */
    public static final long MINIMUM_VOLUME = 20;

    static final double PAUSE_COMPLAINT_RATE = 0.003;
    static final double PAUSE_BOUNCE_RATE = 0.05;
    static final double REDUCE_COMPLAINT_RATE = 0.001;
    static final double REDUCE_BOUNCE_RATE = 0.02;

    private ReputationScoring() {
    }

    public static EmailScore computeEmailScore(EmailMetrics metrics) {
        RateInterval bounces = RateInterval.of(metrics.bounced(), metrics.sent());
        RateInterval complaints = RateInterval.of(metrics.complained(), metrics.sent());
        double engagement = Math.min(10, metrics.openRate() * 20 + metrics.clickRate() * 50);
        double bouncePenalty = Math.min(60, bounces.lower() * 1000);
        double complaintPenalty = Math.min(60, complaints.lower() * 10_000);
        int score = (int) Math.round(Math.max(0, Math.min(100, 90 + engagement - bouncePenalty - complaintPenalty)));
        Status status;
        Throttle throttle;
        if (metrics.sent() < MINIMUM_VOLUME) {
            status = Status.INSUFFICIENT_DATA;
            throttle = Throttle.NONE;
        } else if (complaints.lower() >= PAUSE_COMPLAINT_RATE || bounces.lower() >= PAUSE_BOUNCE_RATE) {
            status = Status.CRITICAL;
            throttle = Throttle.PAUSED;
        } else if (complaints.lower() >= REDUCE_COMPLAINT_RATE || bounces.lower() >= REDUCE_BOUNCE_RATE) {
            status = Status.WARNING;
            throttle = Throttle.REDUCED;
        } else {
            status = Status.HEALTHY;
            throttle = Throttle.NONE;
        }
        return new EmailScore(score, status, throttle, metrics, bounces, complaints);
    }

    /**
     * Why no mailbox of a domain with this score may send, if none may: its throttle is PAUSED.
     * The one rule for a domain's health: selection skips its mailboxes live, the health guard
     * records the pause.
     */
    public static Optional<String> domainUnfit(EmailScore score) {
        return score != null && score.paused()
                ? Optional.of("reputation is paused (" + ReputationFigures.of(score) + ")") : Optional.empty();
    }

    /**
     * Why a mailbox with this score must not send, if it must not (the one rule for a mailbox's
     * health, read live by selection and recorded by the health guard): its throttle is PAUSED or, with
     * enough data to judge, its score is below {@code threshold}. No score means no traffic: fit.
     */
    public static Optional<String> mailboxUnfit(EmailScore score, int threshold) {
        if (score == null) {
            return Optional.empty();
        }
        if (score.paused()) {
            return Optional.of("reputation is paused (" + ReputationFigures.of(score) + ")");
        }
        if (score.status() != Status.INSUFFICIENT_DATA && score.score() < threshold) {
            return Optional.of("score " + score.score() + " is below the health threshold " + threshold + " ("
                    + ReputationFigures.of(score) + ")");
        }
        return Optional.empty();
    }

    /**
     * Whether a scope the health guard paused may send again: no traffic left in the window, or
     * neither paused nor reduced. Pausing at the pause line and resuming only under the warning
     * line keeps a scope that hovers at the line from flapping; a paused scope sends nothing, so
     * its window drains within 24 hours at most.
     */
    public static boolean clean(EmailScore score) {
        return score == null || score.throttle() == Throttle.NONE;
    }

    /** {@link #clean} for a mailbox, whose score must also be back at {@code threshold}. */
    public static boolean mailboxClean(EmailScore score, int threshold) {
        return clean(score) && mailboxUnfit(score, threshold).isEmpty();
    }
}
