package dev.outreach.outreach;

import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What one run of a message's channel-fallback sequence came to: whether it was sent, the message
 * id, the channel used and every attempt. {@code status} and {@code note} say what happens next
 * when it was not sent (a retry time, a rate-limit window, an operator task).
 */
public record SequenceResult(
        boolean success,
        UUID messageId,
        ChannelType channelUsed,
        MessageStatus status,
        String note,
        List<Attempt> attempts) {

    SequenceResult withAttempts(List<Attempt> all) {
        return new SequenceResult(success, messageId, channelUsed, status, note, List.copyOf(all));
    }

    /** One attempt: its channel, whether it went out, the status it left and any error. */
    public record Attempt(ChannelType channel, boolean success, MessageStatus status, Instant timestamp, String error) {

        static Attempt of(OutreachAttempt attempt) {
            return new Attempt(attempt.channel(), attempt.success(), attempt.status(), attempt.attemptedAt(),
                    attempt.error());
        }
    }
}
