package dev.outreach.cadence;

import dev.outreach.campaign.EngineSettings;
import dev.outreach.lead.LeadStop;

/**
 * Which enrollments the {@link RecontactWorker} resets, as SQL over {@code enrollment e join lead l}:
 * the re-contact eligibility rule, shared by the worker and {@link RecontactStats} so that
 * the screen counts exactly what the next run resets.
 *
 * <p>Eligible: the cycle is over for the lead, the last touch went out at or before
 * {@code :cutoff} (now minus {@code recontact_cooldown_days}), never replied, not unsubscribed,
 * {@code re_contact_cycle} below {@code :maxCycles}, not paused at {@code :now} (an out-of-office's
 * {@code paused_until}), and a valid email (an address that has not bounced and is not unsubscribed).
 *
 * <p>"The cycle is over" means CONTACTED (every touch
 * went out), and also, while {@code require_engagement_for_final_step} is on, ACTIVE with only the
 * final touch left and no human open or click. The gate holds that touch back for as long as the
 * lead does not engage; without this second case the leads who never engaged, the very ones
 * re-contact is for, would wait for their final touch forever and never get a new cycle. Each case
 * is an equality on {@code status}, so the worker seeks {@code ix_outreach_recontact} once per
 * case.
 */
final class RecontactEligibility {

    /** The two ways a cycle is over, each one equality on {@code status}. */
    enum CycleOver {
        /** Every touch of the cycle went out. */
        CONTACTED("e.status = 'CONTACTED'"),
        /** Only the final touch is left and the engagement gate holds it back. */
        GATED_FINAL_TOUCH("e.status = 'ACTIVE' and e.outreach_sequence_step >= :finalStep and "
                + HumanEngagement.NOT_ENGAGED);

        final String condition;

        CycleOver(String condition) {
            this.condition = condition;
        }

        /** Whether this case applies under these settings (a gated final touch needs the gate on). */
        boolean appliesTo(EngineSettings settings) {
            return this == CONTACTED || settings.requireEngagementForFinalStep();
        }
    }

    /** The lead can still be written to: an address, and no stop ({@link LeadStop}: replied, unsubscribed, bounced, disqualified). */
    static final String LEAD_REACHABLE = """
            l.email_normalized is not null and l.email_normalized like '%_@_%'
              and l.status not in (""" + LeadStop.sqlStatuses() + ")";

    /**
     * What the enrollment row itself says, besides the status and the cycle: binds {@code :cutoff}
     * and {@code :now}. A paused enrollment (an out-of-office's {@code paused_until}) waits for its
     * pause to end.
     */
    static final String ENROLLMENT_READY = """
            e.last_email_sent_at <= :cutoff
              and e.last_email_replied_at is null and not e.email_unsubscribed
              and (e.paused_until is null or e.paused_until <= :now)""";

    /** Everything but the status and the cycle: binds {@code :cutoff} and {@code :now}. */
    static final String REST = ENROLLMENT_READY + " and " + LEAD_REACHABLE;

    /** Either case that applies under these settings, for counting; binds {@code :finalStep} too. */
    static String anyCycleOver(EngineSettings settings) {
        return settings.requireEngagementForFinalStep()
                ? "((" + CycleOver.CONTACTED.condition + ") or (" + CycleOver.GATED_FINAL_TOUCH.condition + "))"
                : CycleOver.CONTACTED.condition;
    }

    private RecontactEligibility() {
    }
}
