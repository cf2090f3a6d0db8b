package dev.outreach.integration;

import java.time.Instant;
import java.util.UUID;

/**
 * One event for one endpoint, as the delivery log shows it.
 *
 * @param id the receiver's idempotency key (header {@code X-Outreach-Delivery} and the body's {@code id})
 * @param nextAttemptAt when a PENDING delivery is tried next
 */
public record WebhookDelivery(UUID id, long endpointId, WebhookEventType eventType, Status status, int attempts,
        Integer lastResponseCode, String lastError, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt) {

    public enum Status {
        /** Waiting for its next try. */
        PENDING,
        /** The endpoint answered 2xx. */
        DELIVERED,
        /** Retries ran out (24 hours by default); an admin may resend it. */
        FAILED
    }
}
