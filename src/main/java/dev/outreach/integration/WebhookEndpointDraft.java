package dev.outreach.integration;

import java.util.Set;

/**
 * What an admin enters for an endpoint.
 *
 * @param secret the signing secret; on an update, blank keeps the stored one
 */
public record WebhookEndpointDraft(String name, String url, Set<WebhookEventType> eventTypes, String secret,
        boolean enabled) {

    public WebhookEndpointDraft {
        eventTypes = eventTypes == null ? Set.of() : Set.copyOf(eventTypes);
    }
}
