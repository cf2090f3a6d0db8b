package dev.outreach.events;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A reply or automatic answer the IMAP poller recorded for a lead ({@code email_reply}).
 *
 * @param text what the person wrote, without the quoted history ({@link ReplyReading#text})
 * @param automatic why it was taken for an automatic answer (its headers or subject); empty for a person's reply
 * @param writtenAt its Date header (else when it arrived): the poller reads dates without a year from that day
 * @param headerMessageId its own Message-ID header ({@code <id>}), what an answer's In-Reply-To names; empty
 *     when the mail had none (or one too long to keep as it was)
 */
public record InboundReply(long id, long leadId, UUID messageId, Optional<Long> mailboxId, String from, String subject,
        String text, Optional<String> automatic, Instant receivedAt, Instant writtenAt, Optional<String> headerMessageId) {
}
