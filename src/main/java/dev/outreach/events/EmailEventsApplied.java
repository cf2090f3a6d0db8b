package dev.outreach.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The new email events one ingestion applied to our messages (a webhook request, a tracking hit,
 * a mail read over IMAP), for modules that tell others about them (the outgoing webhooks).
 * Published in the ingesting transaction, once per batch: a duplicate event is not in it, and a
 * listener that writes in that transaction commits or rolls back with the events.
 */
public record EmailEventsApplied(List<Applied> events) {

    /**
     * One applied event.
     *
     * @param hardBounce for a bounce: permanent (true) or soft
     * @param machine true for a proxy, scanner or prefetch open, or a machine's click
     * @param detail the bounce reason, clicked URL or reply subject, when the source gave one
     */
    public record Applied(EmailEventKind kind, UUID messageId, long leadId, Long enrollmentId, boolean hardBounce,
            boolean machine,
            String provider, String detail, Instant occurredAt) {

        /**
         * A reply read from one of our mailboxes: its text is on the lead's timeline ({@link InboundReplies}),
         * where the inbox labels it. A reply a provider reports has no text and gets no label.
         */
        public boolean readFromMailbox() {
            return kind == EmailEventKind.REPLIED && InboundMailRecorder.PROVIDER.equals(provider);
        }
    }
}
