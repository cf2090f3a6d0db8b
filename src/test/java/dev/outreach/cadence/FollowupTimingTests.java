package dev.outreach.cadence;

import static dev.outreach.cadence.FollowupTiming.requiredFollowupDelayHours;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.cadence.FollowupTiming.Engagement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The reference's phase 3d tests, and the five tiers around the 36h floor. */
class FollowupTimingTests {

    static final Instant SENT = Instant.parse("2025-06-03T15:00:00Z");

    @Test
    void reopenedThreeTimesGetsTheFastestDelay() {
        var reopened = new Engagement(3, SENT, SENT.plus(Duration.ofHours(5)), null);
        var clicked = new Engagement(1, SENT, SENT.plus(Duration.ofHours(5)), SENT.plus(Duration.ofHours(6)));
        // base 60 keeps every tier above the floor, so the order of the tiers shows
        assertThat(requiredFollowupDelayHours(reopened, 1, 60, 36)).isEqualTo(42);
        assertThat(requiredFollowupDelayHours(clicked, 1, 60, 36)).isEqualTo(48);
        // with the default base 48, base - 18 = 30 is raised to the 36h floor
        assertThat(requiredFollowupDelayHours(reopened, 1, 48, 36)).isEqualTo(36);
        assertThat(requiredFollowupDelayHours(reopened, 3, 60, 36))
                .isLessThan(requiredFollowupDelayHours(clicked, 3, 60, 36));
    }

    @Test
    void openedWithinAnHourOfReceiptGetsThePriorityThreeDelay() {
        var quick = new Engagement(1, SENT, SENT.plus(Duration.ofMinutes(59)), null);
        var late = new Engagement(1, SENT, SENT.plus(Duration.ofMinutes(61)), null);
        assertThat(requiredFollowupDelayHours(quick, 1, 60, 36)).isEqualTo(48);
        assertThat(requiredFollowupDelayHours(late, 1, 60, 36)).isEqualTo(60);
        assertThat(requiredFollowupDelayHours(quick, 1, 48, 36)).isEqualTo(36);
        assertThat(requiredFollowupDelayHours(late, 1, 48, 36)).isEqualTo(48);
        // an open of an earlier touch (before the last one went out) is no quick open of this one
        var earlier = new Engagement(1, SENT, SENT.minus(Duration.ofMinutes(30)), null);
        assertThat(requiredFollowupDelayHours(earlier, 1, 48, 36)).isEqualTo(48);
    }

    @Test
    void backwardCompatibleWhenTheOpenCountIsMissing() {
        assertThat(requiredFollowupDelayHours(new Engagement(null, SENT, null, null), 1, 48, 36)).isEqualTo(72);
        assertThat(requiredFollowupDelayHours(new Engagement(null, SENT, SENT.plus(Duration.ofHours(3)), null), 1, 48, 36))
                .isEqualTo(48);
        assertThat(requiredFollowupDelayHours(new Engagement(null, null, null, null), 0, 48, 36)).isEqualTo(72);
    }

    @Test
    void neverOpenedWaitsADayMoreAndAnotherFromStepTwo() {
        var never = new Engagement(0, SENT, null, null);
        assertThat(requiredFollowupDelayHours(never, 1, 48, 36)).isEqualTo(72);
        assertThat(requiredFollowupDelayHours(never, 2, 48, 36)).isEqualTo(96);
        assertThat(requiredFollowupDelayHours(never, 3, 48, 36)).isEqualTo(96);
    }

    @Test
    void neverUnderTheFloor() {
        var reopened = new Engagement(9, SENT, SENT, SENT);
        assertThat(requiredFollowupDelayHours(reopened, 1, 20, 36)).isEqualTo(36);
        assertThat(FollowupTiming.shortestDelayHours(48, 36)).isEqualTo(36);
        assertThat(FollowupTiming.shortestDelayHours(80, 36)).isEqualTo(62);
    }

    @Test
    void threeOpensBeatAClickAndAClickBeatsAQuickOpen() {
        var all = new Engagement(3, SENT, SENT.plus(Duration.ofMinutes(5)), SENT.plus(Duration.ofMinutes(6)));
        var clickedAndQuick = new Engagement(1, SENT, SENT.plus(Duration.ofMinutes(5)), SENT.plus(Duration.ofMinutes(6)));
        assertThat(FollowupTiming.tier(all, 1)).isZero();
        assertThat(FollowupTiming.tier(clickedAndQuick, 1)).isEqualTo(1);
        // a click without any human open recorded still earns the click's tier
        assertThat(FollowupTiming.tier(new Engagement(0, SENT, null, SENT.plus(Duration.ofHours(2))), 1)).isEqualTo(1);
    }

    @Test
    void aQuickOpenCountsUpToExactlyOneHourAfterTheSend() {
        assertThat(FollowupTiming.tier(new Engagement(1, SENT, SENT, null), 1)).isEqualTo(2);
        assertThat(FollowupTiming.tier(new Engagement(1, SENT, SENT.plus(Duration.ofHours(1)), null), 1)).isEqualTo(2);
        assertThat(FollowupTiming.tier(new Engagement(1, SENT, SENT.plus(Duration.ofHours(1)).plusSeconds(1), null), 1))
                .isEqualTo(3);
        // without the send time no open can be called quick
        assertThat(FollowupTiming.tier(new Engagement(1, null, SENT, null), 1)).isEqualTo(3);
    }

    @Test
    void eachTiersDelayIsListedFlooredInTheOrderTheSqlCaseChooses() {
        assertThat(FollowupTiming.tierHours(60, 36)).containsExactly(42, 48, 48, 60, 84, 108);
        assertThat(FollowupTiming.tierHours(48, 36)).containsExactly(36, 36, 36, 48, 72, 96);
        assertThat(FollowupTiming.tierHours(48, 36)).hasSize(FollowupTiming.TIERS);
    }
}
