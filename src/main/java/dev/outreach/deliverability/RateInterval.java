package dev.outreach.deliverability;

/**
 * Where a rate (bounces or complaints per send) lies with 95% confidence, given {@code events}
 * out of {@code trials}: the Wilson score interval (z = 1.96).
 *
 * <p>Wilson's bound is too eager next to 0 and 1 events: it would put one complaint in 50 sends
 * over 0.3% "with 95% confidence", where 15% of mailboxes truly at 0.3% show one. So, as Brown, Cai
 * and DasGupta (Statistical Science, 2001) advise, the bound for 1 to 3 events (and the upper bound
 * for 1 to 3 non-events) is the exact Poisson one when that is wider.
 */
public record RateInterval(double lower, double upper) {

    static final double Z = 1.96;

    /** Half the 2.5% quantile of chi-square with 2x degrees of freedom, for x = 1, 2, 3: the Poisson bound times n. */
    private static final double[] POISSON_LOWER = {0, 0.025318, 0.242209, 0.618672};

    public static RateInterval of(long events, long trials) {
        if (trials <= 0) {
            return new RateInterval(0, 1);
        }
        double n = trials;
        double p = Math.min(events, trials) / n;
        double z2 = Z * Z;
        double centre = p + z2 / (2 * n);
        double spread = Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        double lower = Math.max(0, (centre - spread) / (1 + z2 / n));
        double upper = Math.min(1, (centre + spread) / (1 + z2 / n));
        long misses = trials - events;
        if (events > 0 && events < POISSON_LOWER.length) {
            lower = Math.min(lower, POISSON_LOWER[(int) events] / n);
        }
        if (misses > 0 && misses < POISSON_LOWER.length) {
            upper = Math.max(upper, 1 - POISSON_LOWER[(int) misses] / n);
        }
        return new RateInterval(events == 0 ? 0 : lower, misses <= 0 ? 1 : upper);
    }
}
