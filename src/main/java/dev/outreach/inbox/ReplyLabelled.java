package dev.outreach.inbox;

import java.time.Instant;
import java.util.UUID;

/**
 * A reply or automatic answer has the label it is announced with, once per reply, published in
 * the transaction that stores it: the rules' label when they decide (or leave the reply open and
 * no model is configured), the model's when it answers, a person's when they label it first, else
 * the rules' open label once the model has not answered within {@code outreach.inbox.announce-within}.
 * A later relabel is not announced again.
 *
 * @param messageId our message the reply answers
 * @param automatic an automatic answer (out of office, autoresponder), not a person's reply
 */
public record ReplyLabelled(long replyId, long leadId, UUID messageId, boolean automatic, String subject,
        ReplyIntent intent, Instant receivedAt) {
}
