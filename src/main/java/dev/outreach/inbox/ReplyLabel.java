package dev.outreach.inbox;

import java.time.Instant;

/**
 * A reply's label as stored: the intent in force (whoever gave it) and the machine's own label
 * beside it, which a person's relabel leaves as it was.
 *
 * @param awaitingModel the rules left it open and the model has not answered yet
 */
public record ReplyLabel(long replyId, long leadId, ReplyIntent intent, IntentLabel machineLabel, IntentSource machineSource,
        boolean awaitingModel, Instant classifiedAt, Instant updatedAt) {
}
