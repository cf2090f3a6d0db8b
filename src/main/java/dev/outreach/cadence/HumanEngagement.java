package dev.outreach.cadence;

/**
 * The one rule for what the cadence counts as a lead's engagement, as SQL over an enrollment
 * aliased {@code e}: human opens and clicks only. The follow-up tiers ({@link FollowupTiming}),
 * the engagement gate on the final touch ({@link TickStore}) and re-contact eligibility
 * ({@link RecontactEligibility}) read these and nothing else.
 *
 * <p>Machine opens (Apple Mail Privacy Protection prefetches, security gateways, scanners: the
 * events module classifies every tracking request) still count in {@code email_open_count} and
 * {@code last_email_opened_at}, for the record; machine clicks are stored as events but never set
 * {@code last_email_clicked_at}.
 */
final class HumanEngagement {

    /** Human opens of the cycle's touches, re-opens included. */
    static final String OPENS = "coalesce(e.email_human_open_count, 0)";

    /** When the latest touch that a person opened was first opened by a person. */
    static final String FIRST_OPENED_AT = "e.last_email_human_opened_at";

    /** When the lead first clicked a link of its latest clicked touch (clicks are always a person's). */
    static final String CLICKED_AT = "e.last_email_clicked_at";

    /** The lead engaged: a human open or a click. */
    static final String ENGAGED = "(" + OPENS + " > 0 or " + CLICKED_AT + " is not null)";

    /** The lead has not engaged: no human open and no click. */
    static final String NOT_ENGAGED = "(" + OPENS + " = 0 and " + CLICKED_AT + " is null)";

    private HumanEngagement() {
    }
}
