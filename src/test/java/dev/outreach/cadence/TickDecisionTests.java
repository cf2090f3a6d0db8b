package dev.outreach.cadence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.cadence.TickDecision.Finish;
import dev.outreach.cadence.TickDecision.Gate;
import dev.outreach.cadence.TickDecision.Hold;
import dev.outreach.cadence.TickDecision.OutsideWindow;
import dev.outreach.cadence.TickDecision.Stop;
import dev.outreach.cadence.TickDecision.Wait;
import dev.outreach.cadence.TickDecision.Write;
import dev.outreach.campaign.EngineSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The tick's decision for one due enrollment ({@link TickDecision#decide}), without a database or
 * Spring: stop, finish, gate, wait, outside the send window or write, in that order of precedence,
 * each with the data the tick carries out. The adaptive delay's tiers and floor are
 * {@link FollowupTiming}'s ({@code FollowupTimingTests}); the SQL that feeds the row is
 * {@code CadenceContract}'s.
 */
class TickDecisionTests {

    /** A Tuesday: 10:00 in New York (the engine's default zone), 23:00 in Tokyo, 15:00 in Paris. */
    static final Instant TUESDAY_14_UTC = Instant.parse("2026-03-10T14:00:00Z");
    static final EngineSettings SETTINGS = EngineSettings.defaults(); // 4 steps, Mon-Fri 9-17, America/New_York
    static final SendWindow WINDOW = SendWindow.of(SETTINGS);
    static final Instant NEXT_TICK = TUESDAY_14_UTC.plus(Duration.ofMinutes(30));
    static final Instant GATE_RECHECK = TUESDAY_14_UTC.plus(Duration.ofHours(6));

    static TickStore.Due due(int step, String leadZone, String campaignZone, boolean campaignActive, String stopReason,
            boolean delayPassed, boolean gatePassed, boolean inFlight) {
        return new TickStore.Due(11L, 7L, step, 0, leadZone, campaignZone, null, campaignActive, stopReason, delayPassed,
                gatePassed, inFlight);
    }

    static TickStore.Due ready(int step, String leadZone, String campaignZone) {
        return due(step, leadZone, campaignZone, true, null, true, true, false);
    }

    static TickDecision decide(TickStore.Due row) {
        return decide(row, TUESDAY_14_UTC);
    }

    static TickDecision decide(TickStore.Due row, Instant now) {
        return TickDecision.decide(row, new TickDecision.Times(now, NEXT_TICK, GATE_RECHECK), SETTINGS, WINDOW);
    }

    @Test
    void aDueTouchInsideTheLeadsBusinessHoursIsWrittenDueNow() {
        assertThat(decide(ready(0, null, null))).isEqualTo(new Write(0, 0, TUESDAY_14_UTC));
        assertThat(decide(ready(3, "Europe/Paris", null))).isEqualTo(new Write(3, 0, TUESDAY_14_UTC));
    }

    @Test
    void theFirstTouchOfAReContactCycleIsWrittenAsTheCyclesStart() {
        TickStore.Due reset = new TickStore.Due(11L, 7L, 0, 2, null, null, null, true, null, true, true, false);
        TickStore.Due followup = new TickStore.Due(11L, 7L, 1, 2, null, null, null, true, null, true, true, false);

        assertThat(decide(reset)).isEqualTo(new Write(0, 2, TUESDAY_14_UTC));
        assertThat(((Write) decide(reset)).cycleStart()).isTrue();
        assertThat(((Write) decide(followup)).cycleStart()).isFalse();
        assertThat(((Write) decide(ready(0, null, null))).cycleStart()).as("the first cycle is no re-contact").isFalse();
    }

    @Test
    void aStoppedLeadStopsWithItsReasonWhateverElseHolds() {
        assertThat(decide(due(1, null, null, true, "The lead replied", true, true, false)))
                .isEqualTo(new Stop("The lead replied"));
        assertThat(decide(due(4, "Asia/Tokyo", null, false, "suppressed", false, false, true)))
                .isEqualTo(new Stop("suppressed"));
    }

    @Test
    void anEnrollmentThatMadeEveryTouchFinishesEvenWhenItsGateOrDelayHoldIt() {
        assertThat(decide(ready(SETTINGS.maxSequenceSteps(), null, null))).isEqualTo(new Finish(4));
        assertThat(decide(due(SETTINGS.maxSequenceSteps() + 1, null, null, true, null, false, false, true)))
                .isEqualTo(new Finish(5));
        assertThat(decide(ready(SETTINGS.maxSequenceSteps() - 1, null, null))).isInstanceOf(Write.class);
    }

    @Test
    void aFinalTouchWithoutEngagementIsGatedUntilTheGatesRecheckBeforeAnyWaitIsConsidered() {
        assertThat(decide(due(3, null, null, true, null, true, false, false))).isEqualTo(new Gate(GATE_RECHECK));
        assertThat(decide(due(3, null, null, false, null, false, false, true))).isEqualTo(new Gate(GATE_RECHECK));
    }

    @Test
    void itWaitsForTheNextTickNamingWhy() {
        assertThat(decide(due(1, null, null, true, null, false, true, false)))
                .isEqualTo(new Wait(Hold.FOLLOWUP_DELAY, NEXT_TICK));
        assertThat(decide(due(1, null, null, true, null, true, true, true)))
                .isEqualTo(new Wait(Hold.PREVIOUS_TOUCH_IN_OUTBOX, NEXT_TICK));
        assertThat(decide(due(1, null, null, false, null, true, true, false)))
                .isEqualTo(new Wait(Hold.CAMPAIGN_PAUSED, NEXT_TICK));
        // a paused campaign is what an operator can change, so it is named first
        assertThat(decide(due(1, null, null, false, null, false, true, true)))
                .isEqualTo(new Wait(Hold.CAMPAIGN_PAUSED, NEXT_TICK));
        // waiting comes before the window: a touch that may not go yet is not "outside the window"
        assertThat(decide(due(1, "Asia/Tokyo", null, true, null, false, true, false)))
                .isEqualTo(new Wait(Hold.FOLLOWUP_DELAY, NEXT_TICK));
    }

    @Test
    void theWindowIsTheLeadsThenTheCampaignsThenTheEngineDefaultZone() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        // 23:00 on Tuesday in Tokyo: the next opening is Wednesday 09:00 there, 00:00 UTC
        OutsideWindow wednesdayInTokyo = new OutsideWindow(tokyo, Instant.parse("2026-03-11T00:00:00Z"));
        assertThat(decide(ready(1, "Asia/Tokyo", "America/New_York"))).isEqualTo(wednesdayInTokyo);
        assertThat(decide(ready(1, null, "Asia/Tokyo"))).isEqualTo(wednesdayInTokyo);
        assertThat(decide(ready(1, " ", "Asia/Tokyo"))).isEqualTo(wednesdayInTokyo);
        // a zone that is no zone id is passed over for the next one
        assertThat(decide(ready(1, "Mars/Olympus", "Asia/Tokyo"))).isEqualTo(wednesdayInTokyo);
        assertThat(decide(ready(1, "Mars/Olympus", null))).isInstanceOf(Write.class);
    }

    @Test
    void nothingGoesOnADayOffOrWithAnEmptyWindow() {
        Instant saturday = Instant.parse("2026-03-14T15:00:00Z");
        // Saturday 11:00 in New York: the next opening is Monday 09:00 there (UTC-4)
        assertThat(decide(ready(0, null, null), saturday))
                .isEqualTo(new OutsideWindow(ZoneId.of("America/New_York"), Instant.parse("2026-03-16T13:00:00Z")));
        SendWindow never = new SendWindow(SETTINGS.sendDays(), 9, 9);
        assertThat(TickDecision.decide(ready(0, null, null), new TickDecision.Times(TUESDAY_14_UTC, NEXT_TICK,
                GATE_RECHECK), SETTINGS, never)).isEqualTo(new OutsideWindow(ZoneId.of("America/New_York"),
                        TUESDAY_14_UTC.plus(Duration.ofDays(1))));
    }

    @Test
    void theWindowStartsAtItsStartHourAndEndsBeforeItsEndHour() {
        // 09:00 and 16:59 New York time (UTC-4 in March after the 8th) are inside, 17:00 and 08:59 are not
        assertThat(decide(ready(0, null, null), Instant.parse("2026-03-10T13:00:00Z"))).isInstanceOf(Write.class);
        assertThat(decide(ready(0, null, null), Instant.parse("2026-03-10T20:59:00Z"))).isInstanceOf(Write.class);
        assertThat(decide(ready(0, null, null), Instant.parse("2026-03-10T21:00:00Z")))
                .isEqualTo(new OutsideWindow(ZoneId.of("America/New_York"), Instant.parse("2026-03-11T13:00:00Z")));
        assertThat(decide(ready(0, null, null), Instant.parse("2026-03-10T12:59:00Z")))
                .isEqualTo(new OutsideWindow(ZoneId.of("America/New_York"), Instant.parse("2026-03-10T13:00:00Z")));
    }
}
