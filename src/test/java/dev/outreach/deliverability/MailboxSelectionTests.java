package dev.outreach.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.channel.Delivery.SendingMailbox;
import dev.outreach.deliverability.MailboxDirectory.EligibleMailbox;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rotation, without a database. */
class MailboxSelectionTests {

    private static List<EligibleMailbox> mailboxes(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> new EligibleMailbox(new SendingMailbox(i, "m" + i + "@example.com", "M" + i, null), 50))
                .toList();
    }

    @ParameterizedTest(name = "{0} mailboxes")
    @ValueSource(ints = {5, 6, 7, 9, 14})
    void eachReContactCycleStartsOnAnotherMailbox(int count) {
        List<EligibleMailbox> eligible = mailboxes(count);
        for (long leadId : new long[] {1, 42, 12_345}) {
            Set<Long> firstChoices = new HashSet<>();
            for (int cycle = 0; cycle <= 4; cycle++) {
                firstChoices.add(MailboxDirectory.choose(eligible, leadId, 0, cycle).orElseThrow().mailbox().id());
            }
            assertThat(firstChoices).as("lead %d over cycles 0..4", leadId).hasSize(5);
        }
    }

    @Test
    void consecutiveCyclesDifferEvenWithFewMailboxes() {
        for (int count = 2; count <= 4; count++) {
            List<EligibleMailbox> eligible = mailboxes(count);
            for (int cycle = 0; cycle < 4; cycle++) {
                assertThat(MailboxDirectory.choose(eligible, 7, 1, cycle + 1))
                        .isNotEqualTo(MailboxDirectory.choose(eligible, 7, 1, cycle));
            }
        }
    }

    @Test
    void theSameLeadTouchAndCycleAlwaysGetTheSameMailboxAndTheRestFollowInOrder() {
        List<EligibleMailbox> eligible = mailboxes(5);
        List<EligibleMailbox> rotation = MailboxDirectory.rotation(eligible, 8, 2, 0);

        assertThat(MailboxDirectory.rotation(eligible, 8, 2, 0)).isEqualTo(rotation);
        assertThat(rotation).hasSize(5).doesNotHaveDuplicates();
        assertThat(rotation.getFirst().mailbox().id()).isEqualTo(1 + (8 + 2) % 5);
        assertThat(MailboxDirectory.rotation(List.of(), 8, 2, 0)).isEmpty();
    }

    @Test
    void aTouchStartsAtLeadPlusTouchAndWrapsAroundTheList() {
        List<EligibleMailbox> eligible = mailboxes(5);

        assertThat(MailboxDirectory.rotation(eligible, 3, 0, 0)).extracting(e -> e.mailbox().id())
                .containsExactly(4L, 5L, 1L, 2L, 3L);
        assertThat(MailboxDirectory.rotation(eligible, 3, 1, 0)).extracting(e -> e.mailbox().id())
                .containsExactly(5L, 1L, 2L, 3L, 4L);
    }

    @Test
    void aReContactCycleMovesSevenPlacesUnlessSevenDividesTheNumberOfMailboxesThenOne() {
        // 5 mailboxes: cycle 1 starts 7 places on (2 after wrapping); 7 mailboxes: 7 places would be the same one
        assertThat(MailboxDirectory.choose(mailboxes(5), 3, 0, 1).orElseThrow().mailbox().id()).isEqualTo(1 + (3 + 7) % 5);
        assertThat(MailboxDirectory.choose(mailboxes(7), 3, 0, 1).orElseThrow().mailbox().id()).isEqualTo(1 + (3 + 1) % 7);
        assertThat(MailboxDirectory.choose(mailboxes(14), 3, 0, 2).orElseThrow().mailbox().id()).isEqualTo(1 + (3 + 2) % 14);
    }

    @Test
    void aSingleMailboxSendsEveryTouch() {
        assertThat(MailboxDirectory.rotation(mailboxes(1), 99, 3, 4)).extracting(e -> e.mailbox().id()).containsExactly(1L);
    }
}
