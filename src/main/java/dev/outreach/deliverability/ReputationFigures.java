package dev.outreach.deliverability;

import java.util.Locale;

/** The figures behind a score, in words, for skip reasons, pauses and the audit log. */
final class ReputationFigures {

    private ReputationFigures() {
    }

    static String of(EmailScore score) {
        EmailMetrics m = score.metrics();
        return String.format(Locale.ROOT, "score %d, %d sent, %d bounced (%.1f%%), %d complaints (%.2f%%) in 24 h",
                score.score(), m.sent(), m.bounced(), m.bounceRate() * 100, m.complained(), m.complaintRate() * 100);
    }
}
