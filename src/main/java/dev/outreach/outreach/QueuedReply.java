package dev.outreach.outreach;

import java.util.Optional;
import java.util.UUID;

/**
 * A reply from the console, in the outbox: the dispatcher sends it from {@code from}.
 *
 * @param waits why it cannot go out right now (its mailbox is paused or unhealthy), when it cannot
 */
public record QueuedReply(UUID messageId, String from, String subject, Optional<String> waits) {
}
