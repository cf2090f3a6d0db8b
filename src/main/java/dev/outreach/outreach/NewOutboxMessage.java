package dev.outreach.outreach;

import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
import java.util.UUID;

/**
 * A message another module puts in the outbox in bulk (the cadence tick's touches): PENDING to be
 * sent from the first step of its sequence, or SKIPPED with the reason, kept for the history.
 */
public record NewOutboxMessage(UUID id, long leadId, long enrollmentId, int touch, String messageType, String subject,
        String body, MessageStatus status, String statusReason, Long sequenceId, ChannelType firstChannel) {
}
