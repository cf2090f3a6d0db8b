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
}
