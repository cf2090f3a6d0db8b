package dev.outreach.outreach;

import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * One try of a message on one channel; the full history of a message is its attempts in order.
 * {@code details} is what went out (for a contact form: where and every field, failed tries
 * included); {@code unconfirmed} marks a SENT try the other side did not confirm.
 */
public record OutreachAttempt(
        long id,
        UUID messageId,
        ChannelType channel,
        int attemptNumber,
        MessageStatus status,
        String error,
        Instant attemptedAt,
        Instant nextRetryAt,
        String details,
        boolean unconfirmed) {

    public boolean success() {
        return status == MessageStatus.SENT || status == MessageStatus.DELIVERED || status == MessageStatus.REPLIED;
    }
}
