package dev.outreach.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One event about one of our messages, from any source, before it has any effect.
 *
 * @param provider          where it came from: {@code sendgrid}, {@code generic}, {@code tracking}, {@code imap},
 *                          {@code simulator}
 * @param providerEventId   the source's id of the event; with {@code provider} it makes an event idempotent
 * @param kind              what happened
 * @param messageId         our message's id when the source knows it (tracking tokens, custom args)
 * @param providerMessageId the Message-ID header of our message when that is all the source knows
 *                          (IMAP In-Reply-To, DSN Original-Message-ID); either this or {@code messageId} identifies the message
 * @param occurredAt        when it happened at the source
 * @param hardBounce        for BOUNCED: a permanent (5.x.x) failure; soft bounces only count against reputation
 * @param machineOpen       for OPENED and CLICKED: a machine (prefetch, scanner, security gateway) rather than a
 *                          person; machine opens count as opens only, machine clicks count for nothing
 * @param detail            a short human-readable description (bounce reason, clicked URL, reply subject)
 * @param rawPayload        the source's own representation, kept for the record (may be null)
 * @param relayMessageId    the provider's own id of the message (SendGrid's {@code sg_message_id} prefix, Mailgun's,
 *                          Postmark's or SES's message id), when it gives one: an event that names nothing else is
 *                          matched through an earlier event of the same provider with that id
 */
public record EmailEvent(String provider, String providerEventId, EmailEventKind kind, UUID messageId,
        String providerMessageId, Instant occurredAt, boolean hardBounce, boolean machineOpen, String detail,
        String rawPayload, String relayMessageId) {

    /** An event from a source that has no id of its own for the message. */
    public EmailEvent(String provider, String providerEventId, EmailEventKind kind, UUID messageId,
            String providerMessageId, Instant occurredAt, boolean hardBounce, boolean machineOpen, String detail,
            String rawPayload) {
        this(provider, providerEventId, kind, messageId, providerMessageId, occurredAt, hardBounce, machineOpen, detail,
                rawPayload, null);
    }
}
