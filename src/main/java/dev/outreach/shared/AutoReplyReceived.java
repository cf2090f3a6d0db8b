package dev.outreach.shared;

import java.time.Instant;

/**
 * An automatic answer (out-of-office, autoresponder) to one of our messages was recorded on the
 * lead's timeline. Unlike {@link ReplyReceived} it stops nothing; the inbox labels it.
 *
 * @param cause what reported it
 */
public record AutoReplyReceived(long leadId, String cause, Instant at) {
}
