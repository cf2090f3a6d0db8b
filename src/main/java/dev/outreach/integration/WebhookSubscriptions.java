package dev.outreach.integration;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Which enabled endpoints take which event type, cached for
 * {@code outreach.outgoing-webhooks.subscriptions-cache-ttl} so that an event no endpoint wants
 * costs no query in its cause's transaction (a send, an email event). A change on this instance
 * takes effect at once; one on another instance within the TTL.
 */
@Component
class WebhookSubscriptions {

    private record Snapshot(Map<WebhookEventType, List<Long>> byType, Instant readAt) {
    }

    private final WebhookEndpointStore endpoints;
    private final OutgoingWebhookProperties properties;
    private final Clock clock;
    private volatile Snapshot snapshot;

    WebhookSubscriptions(WebhookEndpointStore endpoints, OutgoingWebhookProperties properties, Clock clock) {
        this.endpoints = endpoints;
        this.properties = properties;
        this.clock = clock;
    }

    /** The ids of the enabled endpoints subscribed to {@code type}. */
    List<Long> endpointsFor(WebhookEventType type) {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current == null || now.isAfter(current.readAt().plus(properties.subscriptionsCacheTtl()))
                || now.isBefore(current.readAt())) {
            current = read(now);
        }
        return current.byType().getOrDefault(type, List.of());
    }

    /** Forgets the cache: an endpoint was changed here. */
    void changed() {
        snapshot = null;
    }

    private Snapshot read(Instant now) {
        Map<WebhookEventType, List<Long>> byType = new EnumMap<>(WebhookEventType.class);
        for (WebhookEndpoint endpoint : endpoints.enabled()) {
            for (WebhookEventType type : endpoint.eventTypes()) {
                byType.merge(type, List.of(endpoint.id()), (a, b) -> java.util.stream.Stream.concat(a.stream(),
                        b.stream()).toList());
            }
        }
        Snapshot fresh = new Snapshot(byType, now);
        snapshot = fresh;
        return fresh;
    }
}
