package dev.outreach.inbox;

import java.time.Instant;

/**
 * A reply got the label the machine decided (the rules', or the model's for what the rules left
 * open), published by {@link ReplyIntents} in the transaction that stored it, once per reply. Not
 * published for a reply left waiting for the model, nor for a person's relabel.
 */
public record ReplyLabelled(long replyId, long leadId, ReplyIntent intent, Instant at) {
}
