package dev.outreach.channel;

import dev.outreach.shared.MessageStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of one attempt.
 *
 * @param status SENT, BOUNCED (hard, never retried on this channel), FAILED, SKIPPED, PENDING
 *     when an operator must act first (a manual LinkedIn or call task; see {@link ManualTaskCompleted}),
 *     or SENDING when it is unknown whether the other side has the message (in doubt)
 * @param retryable for FAILED: whether a later retry on the same channel may succeed
 * @param retryAfter when the other side asked us to wait (HTTP 429 Retry-After), if it did
 * @param providerMessageId the id the channel gave the message (our email Message-ID, a provider id)
 * @param reason why it failed or was skipped, in words an operator understands
 * @param details what was actually sent or submitted, for the outreach history
 * @param deferred true when our own limit (not the channel) says "not now": the message waits
 *     for {@code retryAfter} without counting a failure, like a rate limit
 * @param addressRejected for BOUNCED: the lead's address itself was refused for good (an unknown
 *     or disabled mailbox), not our message, our mailbox or a policy
 * @param unconfirmed for SENT: the message went out but the other side did not confirm it (a
 *     contact form whose answer shows neither success nor error); counted apart in the metrics
 * @param relayMessageId for SENT: the email service provider's own id of the message, from its
 *     SMTP relay's answer (SendGrid's "queued as" id), which its events name; null when none
 */
public record DeliveryResult(
        MessageStatus status,
        boolean retryable,
        Optional<Duration> retryAfter,
        String providerMessageId,
        String reason,
        String details,
        boolean deferred,
        boolean addressRejected,
        boolean unconfirmed,
        String relayMessageId) {

    public static DeliveryResult sent(String providerMessageId, String details) {
        return new DeliveryResult(MessageStatus.SENT, false, Optional.empty(), providerMessageId, null, details, false, false, false, null);
    }

    /** Went out, but the other side's answer neither confirmed nor refused it. */
    public static DeliveryResult sentUnconfirmed(String providerMessageId, String details) {
        return new DeliveryResult(MessageStatus.SENT, false, Optional.empty(), providerMessageId, null, details, false,
                false, true, null);
    }

    /** The same outcome with the provider's own id of the message, as its SMTP relay gave it. */
    public DeliveryResult withRelayMessageId(String id) {
        return new DeliveryResult(status, retryable, retryAfter, providerMessageId, reason, details, deferred,
                addressRejected, unconfirmed, id);
    }

    /** The same outcome with what was actually sent or submitted, kept for failures too. */
    public DeliveryResult withDetails(String sentDetails) {
        return new DeliveryResult(status, retryable, retryAfter, providerMessageId, reason, sentDetails, deferred,
                addressRejected, unconfirmed, relayMessageId);
    }

    /** A permanent refusal of this message (content, size, policy): the next channel, the address stays usable. */
    public static DeliveryResult bounced(String reason) {
        return new DeliveryResult(MessageStatus.BOUNCED, false, Optional.empty(), null, reason, null, false, false, false, null);
    }

    /** The recipient's address does not exist or takes no mail, for good: BOUNCED, and the address is dead. */
    public static DeliveryResult addressRejected(String reason) {
        return new DeliveryResult(MessageStatus.BOUNCED, false, Optional.empty(), null, reason, null, false, true, false, null);
    }

    /**
     * The message may have reached the other side, which never said (RFC 1047: the connection
     * dropped after the email's final dot, before the server's reply): not a failure to retry.
     */
    public static DeliveryResult inDoubt(String providerMessageId, String reason) {
        return new DeliveryResult(MessageStatus.SENDING, false, Optional.empty(), providerMessageId, reason, null, false,
                false, false, null);
    }

    public static DeliveryResult retryLater(String reason, Optional<Duration> retryAfter) {
        return new DeliveryResult(MessageStatus.FAILED, true, retryAfter, null, reason, null, false, false, false, null);
    }

    public static DeliveryResult hardFailure(String reason) {
        return new DeliveryResult(MessageStatus.FAILED, false, Optional.empty(), null, reason, null, false, false, false, null);
    }

    /** A manual task was queued; the outcome arrives later as a {@link ManualTaskCompleted} event. */
    public static DeliveryResult awaitingOperator(String taskReference, String details) {
        return new DeliveryResult(MessageStatus.PENDING, false, Optional.empty(), taskReference, null, details, false, false, false, null);
    }

    /** Our own limit binds (a weekly invitation cap): wait, nothing was sent and nothing failed. */
    public static DeliveryResult deferred(String reason, Duration wait) {
        return new DeliveryResult(MessageStatus.PENDING, false, Optional.of(wait), null, reason, null, true, false, false, null);
    }

    public static DeliveryResult skipped(String reason) {
        return new DeliveryResult(MessageStatus.SKIPPED, false, Optional.empty(), null, reason, null, false, false, false, null);
    }

    /** True when the sequencer should move on to the next channel now. */
    public boolean isHardFailure() {
        return status == MessageStatus.BOUNCED || status == MessageStatus.SKIPPED
                || (status == MessageStatus.FAILED && !retryable);
    }
}
