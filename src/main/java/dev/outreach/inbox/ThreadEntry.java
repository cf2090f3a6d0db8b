package dev.outreach.inbox;

import java.time.Instant;
import java.util.Optional;

/**
 * One message of a lead's thread: a touch of ours (any channel, any message type, a reply sent
 * from the console included) or a reply or automatic answer of theirs. Text only, never HTML.
 *
 * @param ours a touch we sent (or are sending); false: their reply
 * @param channel ours: the channel it went (or goes) out on; theirs: EMAIL
 * @param status ours: the message status (SENT, DELIVERED, PENDING...); theirs: REPLY or AUTO_REPLY
 * @param replyId theirs: the reply's id
 * @param label theirs: the label in force
 */
public record ThreadEntry(boolean ours, Instant at, String channel, String status, String from, String subject,
        String text, Optional<Long> replyId, Optional<IntentLabel> label) {
}
