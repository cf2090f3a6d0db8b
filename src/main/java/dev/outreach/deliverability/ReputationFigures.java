package dev.outreach.deliverability;

import java.util.Locale;

/** The figures behind a score, in words, for skip reasons, pauses, the audit log and the health grids. */
public final class ReputationFigures {

    private ReputationFigures() {
    }

    /** "score 30, 200 sent, 20 bounced (10.0%, 95% CI 6.6%-14.9%), 0 complaints (0.00%, 95% CI 0.00%-1.88%) in 24 h". */
    public static String of(EmailScore score) {
        EmailMetrics m = score.metrics();
        return String.format(Locale.ROOT, "score %d, %d sent, %d bounced%s, %d complaints%s in 24 h", score.score(), m.sent(),
                m.bounced(), inParentheses(bounceRate(score)), m.complained(), inParentheses(complaintRate(score)));
    }

    /** "20 (10.0%, 95% CI 6.6%-14.9%)", or "0" when nothing was sent. */
    public static String bounced(EmailScore score) {
        return score.metrics().bounced() + inParentheses(bounceRate(score));
    }

    /** "1 (0.10%, 95% CI 0.00%-0.56%)", or "0" when nothing was sent. */
    public static String complaints(EmailScore score) {
        return score.metrics().complained() + inParentheses(complaintRate(score));
    }

    /** " Bounce rate 10.0% (95% CI 6.6%-14.9%), complaint rate 0.10% (95% CI 0.00%-0.56%).", or "" when nothing was sent. */
    public static String rates(EmailScore score) {
        return score.metrics().sent() == 0 ? ""
                : " Bounce rate " + bounceRate(score).replaceFirst(", ", " (") + "), complaint rate "
                        + complaintRate(score).replaceFirst(", ", " (") + ").";
    }

    private static String bounceRate(EmailScore score) {
        return rate(score.metrics().bounceRate(), score.bounceRate(), 1, score.metrics().sent());
    }

    private static String complaintRate(EmailScore score) {
        return rate(score.metrics().complaintRate(), score.complaintRate(), 2, score.metrics().sent());
    }

    /** The observed rate and where it lies with 95% confidence; empty when nothing was sent. */
    private static String rate(double observed, RateInterval interval, int decimals, long sent) {
        if (sent == 0) {
            return "";
        }
        String percent = "%." + decimals + "f%%";
        return String.format(Locale.ROOT, percent + ", 95%% CI " + percent + "-" + percent, observed * 100,
                interval.lower() * 100, interval.upper() * 100);
    }

    private static String inParentheses(String text) {
        return text.isEmpty() ? "" : " (" + text + ")";
    }
}
