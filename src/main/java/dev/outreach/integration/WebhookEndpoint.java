package dev.outreach.integration;

import java.time.Instant;
import java.util.Set;

/** A registered receiver as admins see it; its secret is never shown again. */
public record WebhookEndpoint(long id, String name, String url, Set<WebhookEventType> eventTypes, boolean enabled,
        String createdBy, Instant createdAt, Instant updatedAt) {

    public WebhookEndpoint {
        eventTypes = Set.copyOf(eventTypes);
    }
}
