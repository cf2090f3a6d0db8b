package dev.outreach.cadence;

import dev.outreach.campaign.EngineSettings;
import java.time.Instant;
import java.time.ZoneId;

/**
 * What the sequencer tick does with one due enrollment, with what it needs to do it. Computed by
 * {@link #decide}, a pure function of the enrollment's row, the time and the engine settings, which
 * the tick ({@link SequencerTick}) carries out and the dry run ({@link TickPreview}) counts; the
 * rules apply in the order of the records below.
 */
sealed interface TickDecision {

    /** The lead must not be touched again ({@code reason}: its {@code LeadStop} or the address's). */
    record Stop(String reason) implements TickDecision {
    }

    /** Every touch of the cycle was made: the enrollment is done. */
    record Finish(int touchesMade) implements TickDecision {
    }

    /** The final touch waits for a human open or a click; looked at again at {@code recheckAt}. */
    record Gate(Instant recheckAt) implements TickDecision {
    }

    /** Not yet, for {@code reason}; looked at again at the next tick ({@code until}). */
    record Wait(Hold reason, Instant until) implements TickDecision {
    }

    /** Due, but outside the lead's business hours in {@code zone}: due again at the window's next opening. */
    record OutsideWindow(ZoneId zone, Instant opening) implements TickDecision {
    }

    /** Write touch {@code touch} (0-based) of re-contact cycle {@code cycle} to the outbox, due at {@code dueAt}. */
    record Write(int touch, int cycle, Instant dueAt) implements TickDecision {

        /** The first touch of a re-contact cycle: the last touch of the previous cycle sets no delay. */
        boolean cycleStart() {
            return touch == 0 && cycle > 0;
        }
    }

    /** Why a due enrollment waits for the next tick. */
    enum Hold {
        CAMPAIGN_PAUSED("its campaign is not running"),
        DAILY_LIMIT("its campaign reached a daily limit"),
        PREVIOUS_TOUCH_IN_OUTBOX("its previous touch is still in the outbox"),
        FOLLOWUP_DELAY("its adaptive follow-up delay has not passed");

        private final String words;

        Hold(String words) {
            this.words = words;
        }

        String words() {
            return words;
        }
    }

    /** The times one tick decides against: now, the next tick and the engagement gate's next look. */
    record Times(Instant now, Instant nextTick, Instant gateRecheck) {
    }

    /**
     * The tick's rules for one due enrollment, first match wins: a stopped lead stops; an
     * enrollment that made every touch of its plan finishes (never one of a campaign that does not run); the final touch without engagement is gated (when
     * the touch has the gate); a campaign that does not run (paused, draft, archived, completed), a previous touch still in the outbox or an
     * adaptive delay that has not passed waits for the next tick; outside the lead's send window
     * (the lead's time zone, else the campaign's, else the engine's) it moves to the next opening;
     * otherwise the touch is written, due now. The delay and the gate come from the row, where the
     * tick's SQL computed them from the engagement columns ({@link FollowupTiming#tierCase},
     * {@link HumanEngagement}); a cycle's first touch has no delay.
     */
    static TickDecision decide(TickStore.Due row, Times times, EngineSettings settings, SendWindow window) {
        if (row.stopReason() != null) {
            return new Stop(row.stopReason());
        }
        // a campaign that does not run has no plan loaded: its enrollments never finish by another plan's count
        if (row.campaignActive() && row.step() >= (row.touchCount() >= 0 ? row.touchCount() : settings.maxSequenceSteps())) {
            return new Finish(row.step());
        }
        if (!row.gatePassed()) {
            return new Gate(times.gateRecheck());
        }
        if (!row.campaignActive()) {
            return new Wait(Hold.CAMPAIGN_PAUSED, times.nextTick());
        }
        if (row.inFlight()) {
            return new Wait(Hold.PREVIOUS_TOUCH_IN_OUTBOX, times.nextTick());
        }
        if (!row.delayPassed()) {
            return new Wait(Hold.FOLLOWUP_DELAY, times.nextTick());
        }
        ZoneId zone = SendWindow.zone(row.leadTimeZone(), row.campaignTimeZone(), settings.defaultTimeZone());
        if (!window.contains(times.now(), zone)) {
            return new OutsideWindow(zone, window.nextOpening(times.now(), zone));
        }
        return new Write(row.step(), row.cycle(), times.now());
    }
}
