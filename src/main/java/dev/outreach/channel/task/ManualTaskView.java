package dev.outreach.channel.task;

import dev.outreach.shared.ChannelType;
import java.time.Instant;
import java.util.UUID;

/**
 * A manual task as the queues show it.
 *
 * @param text what to paste (LinkedIn) or the talking points (calls)
 * @param link the lead's profile URL or {@code tel:} link; from lead data, so untrusted
 * @param outcome the operator's note when closed, or why it expired
 */
public record ManualTaskView(
        long id,
        UUID messageId,
        long leadId,
        ChannelType channel,
        ManualTaskType type,
        ManualTaskStatus status,
        String text,
        String link,
        String outcome,
        Instant createdAt,
        Instant dueAt,
        Instant completedAt,
        String completedBy) {
}
