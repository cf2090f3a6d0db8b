package dev.outreach.outreach;

import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * The reference's OutreachMessage: one touch to one lead, delivered on the first channel of its
 * sequence that works. {@code stepIndex} is the sequence step it is on; {@code waitingFor} is
 * set while an operator task is open; {@code needsReview} marks a message found SENDING after a
 * crash, which is never re-sent automatically.
 */
public record OutreachMessage(
        UUID id,
        long leadId,
        Long enrollmentId,
        int touch,
        String messageType,
        ChannelType channelUsed,
        String subject,
        String body,
        MessageStatus status,
        Long mailboxId,
        String providerMessageId,
        String statusReason,
        boolean needsReview,
        Instant dueAt,
        Instant sentAt,
        Instant createdAt,
        Long sequenceId,
        int stepIndex,
        String waitingFor,
        ChannelType firstChannel) {
}
