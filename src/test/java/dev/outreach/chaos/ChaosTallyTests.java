package dev.outreach.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.chaos.ChaosTally.Touch;
import dev.outreach.chaos.RecordingMailServer.Accepted;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChaosTallyTests {

    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();

    @Test
    void theSameMessageIdReceivedTwiceIsOneDuplicate() {
        ChaosTally tally = ChaosTally.of(List.of(touch(first, "a@p.example", 1, "SENT", false)),
                List.of(mail(first, "a@p.example", 1), mail(first, "a@p.example", 1)), Set.of());

        assertThat(tally.duplicates()).isEqualTo(1);
        assertThat(tally.duplicatesByMessageId()).isEqualTo(1);
        assertThat(tally.reached()).isEqualTo(1);
        assertThat(tally.lostCount()).isZero();
    }

    @Test
    void theSameLeadAndTouchUnderAnotherMessageIdIsADuplicate() {
        ChaosTally tally = ChaosTally.of(List.of(touch(first, "a@p.example", 1, "SENT", false)),
                List.of(mail(first, "a@p.example", 1), mail(second, "A@p.example", 1),
                        mail(UUID.randomUUID(), "a@p.example", 2)),
                Set.of());

        assertThat(tally.duplicatesByMessageId()).isZero();
        assertThat(tally.duplicatesByLeadAndTouch()).isEqualTo(1);
        assertThat(tally.duplicates()).as("touch 2 of the lead is another touch").isEqualTo(1);
    }

    @Test
    void aTouchThatEndedWithoutReachingTheServerIsLostByItsStatus() {
        ChaosTally tally = ChaosTally.of(List.of(touch(first, "a@p.example", 1, "SENT", false),
                touch(second, "b@p.example", 1, "FAILED", false)), List.of(), Set.of());

        assertThat(tally.lost()).isEqualTo(Map.of("FAILED", 1, "SENT", 1));
        assertThat(tally.lostSummary()).isEqualTo("2 (FAILED 1, SENT 1)");
    }

    @Test
    void aTouchInDoubtIsNeitherLostNorUnfinishedAndCountsAsReachedWhenItWasReceived() {
        ChaosTally tally = ChaosTally.of(List.of(touch(first, "a@p.example", 1, "SENDING", true),
                touch(second, "b@p.example", 1, "SENDING", true)), List.of(mail(first, "a@p.example", 1)),
                Set.of(first, second));

        assertThat(tally.inDoubt()).isEqualTo(2);
        assertThat(tally.inDoubtReached()).isEqualTo(1);
        assertThat(tally.lostCount()).isZero();
        assertThat(tally.unfinished()).isZero();
    }

    @Test
    void aTouchStillDueAfterReachingTheServerIsASecondSendWaiting() {
        ChaosTally tally = ChaosTally.of(List.of(touch(first, "a@p.example", 1, "PENDING", false),
                touch(second, "b@p.example", 1, "SENDING", false)), List.of(mail(first, "a@p.example", 1)), Set.of());

        assertThat(tally.unfinished()).isEqualTo(2);
        assertThat(tally.reachedButUnsent()).isEqualTo(1);
        assertThat(tally.lostCount()).isZero();
    }

    @Test
    void onlyOurMessageIdsNameATouch() {
        assertThat(ChaosTally.ourId("<" + first + "@chaos.example>")).contains(first);
        assertThat(ChaosTally.ourId("<abc@elsewhere.example>")).isEmpty();
        assertThat(ChaosTally.ourId(null)).isEmpty();
    }

    private static Touch touch(UUID id, String email, int touch, String status, boolean needsReview) {
        return new Touch(id, email, touch, status, needsReview);
    }

    private static Accepted mail(UUID id, String recipient, int touch) {
        return new Accepted("<" + id + "@chaos.example>", recipient, "sender1@chaos.example", ChaosTally.subject(touch),
                Instant.now());
    }
}
