package dev.outreach.channel;

import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * Published when an operator closes a manual task (or it expires): SENT when they sent it,
 * FAILED when it could not be sent or was left open too long, SKIPPED when they chose not to.
 */
public record ManualTaskCompleted(long taskId, UUID messageId, ChannelType channel, MessageStatus outcome,
        String note, String completedBy, Instant completedAt) {
}
