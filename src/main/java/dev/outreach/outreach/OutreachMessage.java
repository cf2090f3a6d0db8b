package dev.outreach.outreach;

import dev.outreach.campaign.SequenceConfig;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * OutreachMessage: one touch to one lead, delivered on the first channel of its
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

    /** A new first touch for the outbox, outside any enrollment: PENDING from {@code dueAt}, on the first step of {@code plan}. */
    static OutreachMessage firstTouch(long leadId, String subject, String body, Instant dueAt, Instant now,
            SequenceConfig plan) {
        return new OutreachMessage(UUID.randomUUID(), leadId, null, 0, "cold_outreach", null, subject, body,
                MessageStatus.PENDING, null, null, null, false, dueAt, null, now, plan.id(), 0, null,
                plan.steps().isEmpty() ? null : plan.steps().getFirst().channel());
    }
}
