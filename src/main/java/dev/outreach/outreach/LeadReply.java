package dev.outreach.outreach;

import java.time.Instant;
import java.util.UUID;

/**
 * A reply a lead sent to one of our messages, read from a mailbox over IMAP, as the lead
 * timeline shows it: quoted history removed, at most 4,000 characters.
 */
public record LeadReply(UUID messageId, String fromAddress, String subject, String excerpt, Instant receivedAt) {
}
