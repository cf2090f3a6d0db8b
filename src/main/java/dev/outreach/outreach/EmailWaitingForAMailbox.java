package dev.outreach.outreach;

import dev.outreach.deliverability.DomainResumed;
import dev.outreach.deliverability.MailboxResumed;
import dev.outreach.shared.AfterCommitEffect;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * When a mailbox or a domain may send again, the email that waits for lack of one goes at once
 * instead of at its next check (an hour for "no healthy mailbox", the next day for a full daily
 * cap): those messages are due now, and the sequencer picks a mailbox again. A pause needs nothing
 * here: a message holds no mailbox while it waits, the mailbox is chosen at each try among those
 * that may send, so a paused one is simply no longer chosen. Idempotent: making due again what
 * still waits for a mailbox only makes the sequencer look once more.
 */
@Component
class EmailWaitingForAMailbox {

    private final OutreachStore store;
    private final Clock clock;

    EmailWaitingForAMailbox(OutreachStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @AfterCommitEffect
    void on(MailboxResumed event) {
        store.dueNowWaitingForAMailbox(clock.instant());
    }

    @AfterCommitEffect
    void on(DomainResumed event) {
        store.dueNowWaitingForAMailbox(clock.instant());
    }
}
