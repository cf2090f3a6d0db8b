package dev.outreach.deliverability;

import java.time.Instant;
import java.util.List;

/**
 * Email events counted for reputation that turned out not to count (the first click of a link
 * scanner's burst, first taken for a person's): {@link ReputationCounting} takes each back in the
 * hour it was counted, once the publishing transaction has committed.
 */
public record ReputationEventsRetracted(List<Retracted> retracted) {

    /** One event, with the mailbox that sent its message and when it was counted. */
    public record Retracted(EmailEventType type, String mailboxAddress, Instant countedAt) {
    }
}
