package dev.outreach.deliverability;

import dev.outreach.shared.AfterCommitEffect;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageSent;
import org.springframework.stereotype.Component;

/**
 * Every email that went out from a known mailbox counts as sent for the global, the domain's and
 * the mailbox's reputation. In the event publication registry, unlike {@link ReputationCounting}:
 * the count is keyed on the message's id ({@link ReputationService#recordSentOnce}), so a
 * publication run again after a restart counts nothing twice, and a counter store that was down
 * when the message went out leaves the publication to be counted later instead of losing it.
 */
@Component
class SentMessageCounting {

    private final ReputationService reputation;

    SentMessageCounting(ReputationService reputation) {
        this.reputation = reputation;
    }

    @AfterCommitEffect
    void on(MessageSent event) {
        if (event.channel() == ChannelType.EMAIL && event.mailboxAddress() != null) {
            reputation.recordSentOnce(event.messageId(), event.mailboxAddress());
        }
    }
}
