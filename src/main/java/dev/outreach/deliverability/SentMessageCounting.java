package dev.outreach.deliverability;

import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageSent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Every email that went out from a known mailbox counts as sent for the global, the domain's and
 * the mailbox's reputation, once the send committed. Like {@link ReputationCounting}, not in the
 * event publication registry: a counter is not worth a publication row and a transaction per
 * send, so a crash between the commit and the count may lose one count, never add one; the count
 * is also keyed on the message's id ({@link ReputationService#recordSentOnce}), so the same
 * message reported twice counts once.
 */
@Component
class SentMessageCounting {

    private static final Logger log = LoggerFactory.getLogger(SentMessageCounting.class);

    private final ReputationService reputation;

    SentMessageCounting(ReputationService reputation) {
        this.reputation = reputation;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(MessageSent event) {
        if (event.channel() == ChannelType.EMAIL && event.mailboxAddress() != null) {
            try {
                reputation.recordSentOnce(event.messageId(), event.mailboxAddress());
            } catch (RuntimeException e) {
                // the send committed; a counter store that is down costs this one count, not the send
                log.warn("Sent count not recorded for message {}: {}", event.messageId(), e.toString());
            }
        }
    }
}
