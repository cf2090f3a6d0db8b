package dev.outreach.shared;

import java.time.Instant;

/**
 * The lead answered one of our messages (a provider's reply event or a reply read over IMAP):
 * the lead becomes REPLIED, which stops every sequence.
 *
 * @param cause what reported it, for the lead's audit log
 */
public record ReplyReceived(long leadId, String cause, Instant at) {
}
