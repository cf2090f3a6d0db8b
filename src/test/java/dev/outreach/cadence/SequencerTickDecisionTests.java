package dev.outreach.cadence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.cadence.SequencerTick.Decision;
import dev.outreach.campaign.EngineSettings;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The tick's decision for one due enrollment ({@link SequencerTick#decide}), without a database:
 * stop, complete, gate, wait, outside the send window or send, in that order of precedence.
 */
class SequencerTickDecisionTests {

    /** A Tuesday: 10:00 in New York (the engine's default zone), 23:00 in Tokyo, 15:00 in Paris. */
    static final Instant TUESDAY_14_UTC = Instant.parse("2026-03-10T14:00:00Z");
    static final EngineSettings SETTINGS = EngineSettings.defaults(); // 4 steps, Mon-Fri 9-17, America/New_York
    static final SendWindow WINDOW = SendWindow.of(SETTINGS);

    static TickStore.Due due(int step, String leadZone, String campaignZone, boolean campaignActive, String stopReason,
            boolean delayPassed, boolean gatePassed, boolean inFlight) {
        return new TickStore.Due(11L, 7L, step, 0, leadZone, campaignZone, null, campaignActive, stopReason, delayPassed,
                gatePassed, inFlight);
    }

    static TickStore.Due ready(int step, String leadZone, String campaignZone) {
        return due(step, leadZone, campaignZone, true, null, true, true, false);
    }

    static Decision decide(TickStore.Due row) {
        return SequencerTick.decide(row, TUESDAY_14_UTC, SETTINGS, WINDOW);
    }

    @Test
    void aDueTouchInsideTheLeadsBusinessHoursIsSent() {
        assertThat(decide(ready(0, null, null))).isEqualTo(Decision.SEND);
        assertThat(decide(ready(3, "Europe/Paris", null))).isEqualTo(Decision.SEND);
    }

    @Test
    void aStoppedLeadStopsWhateverElseHolds() {
        assertThat(decide(due(1, null, null, true, "The lead replied", true, true, false))).isEqualTo(Decision.STOP);
        assertThat(decide(due(4, "Asia/Tokyo", null, false, "The address is suppressed", false, false, true)))
                .isEqualTo(Decision.STOP);
    }

    @Test
    void anEnrollmentThatMadeEveryTouchIsCompleteEvenWhenItsGateOrDelayHoldIt() {
        assertThat(decide(ready(SETTINGS.maxSequenceSteps(), null, null))).isEqualTo(Decision.COMPLETE);
        assertThat(decide(due(SETTINGS.maxSequenceSteps() + 1, null, null, true, null, false, false, true)))
                .isEqualTo(Decision.COMPLETE);
        assertThat(decide(ready(SETTINGS.maxSequenceSteps() - 1, null, null))).isEqualTo(Decision.SEND);
    }

    @Test
    void aFinalTouchWithoutEngagementIsGatedBeforeAnyWaitIsConsidered() {
        assertThat(decide(due(3, null, null, true, null, true, false, false))).isEqualTo(Decision.GATED);
        assertThat(decide(due(3, null, null, false, null, false, false, true))).isEqualTo(Decision.GATED);
    }

    @Test
    void itWaitsForTheAdaptiveDelayThePreviousTouchInTheOutboxOrAPausedCampaign() {
        assertThat(decide(due(1, null, null, true, null, false, true, false))).isEqualTo(Decision.WAIT);
        assertThat(decide(due(1, null, null, true, null, true, true, true))).isEqualTo(Decision.WAIT);
        assertThat(decide(due(1, null, null, false, null, true, true, false))).isEqualTo(Decision.WAIT);
        // waiting comes before the window: a touch that may not go yet is not "outside the window"
        assertThat(decide(due(1, "Asia/Tokyo", null, true, null, false, true, false))).isEqualTo(Decision.WAIT);
    }

    @Test
    void theWindowIsTheLeadsThenTheCampaignsThenTheEngineDefaultZone() {
        assertThat(decide(ready(1, "Asia/Tokyo", "America/New_York"))).isEqualTo(Decision.OUTSIDE_WINDOW);
        assertThat(decide(ready(1, null, "Asia/Tokyo"))).isEqualTo(Decision.OUTSIDE_WINDOW);
        assertThat(decide(ready(1, " ", "Asia/Tokyo"))).isEqualTo(Decision.OUTSIDE_WINDOW);
        // a zone that is no zone id is passed over for the next one
        assertThat(decide(ready(1, "Mars/Olympus", "Asia/Tokyo"))).isEqualTo(Decision.OUTSIDE_WINDOW);
        assertThat(decide(ready(1, "Mars/Olympus", null))).isEqualTo(Decision.SEND);
    }

    @Test
    void nothingGoesOnADayOffOrWithAnEmptyWindow() {
        Instant saturday = Instant.parse("2026-03-14T15:00:00Z");
        assertThat(SequencerTick.decide(ready(0, null, null), saturday, SETTINGS, WINDOW)).isEqualTo(Decision.OUTSIDE_WINDOW);
        SendWindow never = new SendWindow(SETTINGS.sendDays(), 9, 9);
        assertThat(SequencerTick.decide(ready(0, null, null), TUESDAY_14_UTC, SETTINGS, never))
                .isEqualTo(Decision.OUTSIDE_WINDOW);
    }

    @Test
    void theWindowStartsAtItsStartHourAndEndsBeforeItsEndHour() {
        // 09:00 and 16:59 New York time (UTC-4 in March after the 8th) are inside, 17:00 and 08:59 are not
        assertThat(SequencerTick.decide(ready(0, null, null), Instant.parse("2026-03-10T13:00:00Z"), SETTINGS, WINDOW))
                .isEqualTo(Decision.SEND);
        assertThat(SequencerTick.decide(ready(0, null, null), Instant.parse("2026-03-10T20:59:00Z"), SETTINGS, WINDOW))
                .isEqualTo(Decision.SEND);
        assertThat(SequencerTick.decide(ready(0, null, null), Instant.parse("2026-03-10T21:00:00Z"), SETTINGS, WINDOW))
                .isEqualTo(Decision.OUTSIDE_WINDOW);
        assertThat(SequencerTick.decide(ready(0, null, null), Instant.parse("2026-03-10T12:59:00Z"), SETTINGS, WINDOW))
                .isEqualTo(Decision.OUTSIDE_WINDOW);
    }
}
