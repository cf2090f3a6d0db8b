package dev.outreach.cadence;

import java.time.Duration;
import java.time.Instant;
import java.util.function.IntFunction;

/**
 * The required follow-up delay: how long after the last touch the next one
 * may go, from what the lead did with it. Five tiers, first match wins, never under the floor:
 * <ol>
 * <li>opened 3+ times (human opens, re-opens included): base - 18h</li>
 * <li>clicked: base - 12h</li>
 * <li>first opened within 1h of receipt: base - 12h</li>
 * <li>opened: base</li>
 * <li>never opened: base + 24h, and 24h more from step 2 on</li>
 * </ol>
 * Opens are human opens only ({@link HumanEngagement}): a prefetch or a scanner moves no tier.
 * The same tiers exist twice: as this Java function and as the SQL {@code CASE} the sequencer
 * tick filters with ({@link #tierCase}); a test holds them to the same answers.
 */
public final class FollowupTiming {

    /** Number of distinct answers {@link #tierCase} chooses between (tier 5 counts twice: before and from step 2). */
    static final int TIERS = 6;

    private FollowupTiming() {
    }

    /**
     * What the enrollment knows about the lead's human engagement ({@link HumanEngagement}): human
     * opens, the latest touch's send time, its first human open, its first click. A missing open
     * count counts as none.
     */
    public record Engagement(Integer openCount, Instant lastSentAt, Instant firstOpenedAt, Instant clickedAt) {
    }

    /**
     * Hours to wait after the last touch before the next one.
     *
     * @param step the enrollment's {@code outreach_sequence_step}: touches already made
     */
    public static int requiredFollowupDelayHours(Engagement engagement, int step, int baseHours, int floorHours) {
        return Math.max(floorHours, unfloored(tier(engagement, step), baseHours));
    }

    /** Which of the {@link #TIERS} answers applies (0-based, in {@link #tierCase} order). */
    static int tier(Engagement e, int step) {
        int opens = e.openCount() == null ? 0 : e.openCount();
        if (opens >= 3) {
            return 0;
        }
        if (e.clickedAt() != null) {
            return 1;
        }
        if (e.firstOpenedAt() != null && e.lastSentAt() != null && !e.firstOpenedAt().isBefore(e.lastSentAt())
                && !e.firstOpenedAt().isAfter(e.lastSentAt().plus(Duration.ofHours(1)))) {
            return 2;
        }
        if (e.firstOpenedAt() != null) {
            return 3;
        }
        return step >= 2 ? 5 : 4;
    }

    private static int unfloored(int tier, int base) {
        return switch (tier) {
            case 0 -> base - 18;
            case 1, 2 -> base - 12;
            case 3 -> base;
            case 4 -> base + 24;
            default -> base + 48;
        };
    }

    /** The delay of each tier, floored, in {@link #tierCase} order. */
    static int[] tierHours(int baseHours, int floorHours) {
        int[] hours = new int[TIERS];
        for (int tier = 0; tier < TIERS; tier++) {
            hours[tier] = Math.max(floorHours, unfloored(tier, baseHours));
        }
        return hours;
    }

    /** The shortest delay any engagement can earn: the earliest a follow-up can be due. */
    static int shortestDelayHours(int baseHours, int floorHours) {
        return java.util.Arrays.stream(tierHours(baseHours, floorHours)).min().orElseThrow();
    }

    /**
     * The tiers as a SQL {@code CASE} over an enrollment aliased {@code e}, choosing
     * {@code value.apply(tier)} for the first tier that matches: literal hours for the
     * agreement test, or the tier's cutoff parameter (now minus its delay) for the tick.
     */
    static String tierCase(IntFunction<String> value) {
        return """
                case when {opens} >= 3 then %s
                     when {clicked} is not null then %s
                     when {opened} is not null and e.last_email_sent_at is not null
                          and {opened} >= e.last_email_sent_at
                          and {opened} <= e.last_email_sent_at + interval '1' hour then %s
                     when {opened} is not null then %s
                     when e.outreach_sequence_step < 2 then %s
                     else %s end""".replace("{opens}", HumanEngagement.OPENS)
                .replace("{clicked}", HumanEngagement.CLICKED_AT).replace("{opened}", HumanEngagement.FIRST_OPENED_AT)
                .formatted(value.apply(0), value.apply(1), value.apply(2), value.apply(3), value.apply(4), value.apply(5));
    }
}
