package dev.outreach.deliverability;

import java.util.List;

/**
 * Email events that count for reputation (sent, delivered, opened, clicked, deferred, bounced,
 * complained), each with the mailbox that sent the message: the sequencer's refusals (a send is
 * counted from {@code MessageSent}, by {@link SentMessageCounting}),
 * and every event the ingestion applied. {@link ReputationCounting} counts them, once the
 * publishing transaction has committed, so that a rolled-back or duplicate event never counts.
 */
public record ReputationEventsObserved(List<Observed> observed) {

    /** One event; without a mailbox (a message we cannot place) it counts globally only. */
    public record Observed(EmailEventType type, String mailboxAddress) {
    }

    public static ReputationEventsObserved of(EmailEventType type, String mailboxAddress) {
        return new ReputationEventsObserved(List.of(new Observed(type, mailboxAddress)));
    }
}
