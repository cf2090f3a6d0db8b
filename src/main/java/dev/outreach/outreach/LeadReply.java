package dev.outreach.outreach;

import java.time.Instant;
import java.util.UUID;

/**
 * A reply a lead sent to one of our messages, read from a mailbox over IMAP, as the lead
 * timeline shows it: quoted history removed, at most 4,000 characters.
 *
 * @param kind REPLY (a person's), AUTO_REPLY (an out-of-office) or CHALLENGE (a challenge-response)
 * @param note what was done about an automatic answer (the pause, the flag); null for a reply
 */
public record LeadReply(UUID messageId, String fromAddress, String subject, String excerpt, Instant receivedAt,
        String kind, String note) {

    public LeadReply(UUID messageId, String fromAddress, String subject, String excerpt, Instant receivedAt) {
        this(messageId, fromAddress, subject, excerpt, receivedAt, "REPLY", null);
    }

    public boolean automatic() {
        return !"REPLY".equals(kind);
    }
}
