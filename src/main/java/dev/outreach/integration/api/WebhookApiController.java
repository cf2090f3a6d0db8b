package dev.outreach.integration.api;

import dev.outreach.integration.WebhookAttempt;
import dev.outreach.integration.WebhookDelivery;
import dev.outreach.integration.WebhookEndpoint;
import dev.outreach.integration.WebhookEndpointDraft;
import dev.outreach.integration.WebhookEventType;
import dev.outreach.integration.WebhookService;
import dev.outreach.shared.InvalidInputException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Outgoing webhook endpoints and their delivery log over REST; ADMIN keys only (checked by the
 * service: an OPERATOR key gets 403). Event types go by their wire names ({@code message.sent}).
 */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookApiController {

    private final WebhookService webhooks;

    WebhookApiController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    /** An endpoint as the API writes it; the secret is never returned. */
    record EndpointView(long id, String name, String url, List<String> eventTypes, boolean enabled, String createdBy,
            String createdAt, String updatedAt) {

        static EndpointView of(WebhookEndpoint endpoint) {
            return new EndpointView(endpoint.id(), endpoint.name(), endpoint.url(), endpoint.eventTypes().stream()
                    .sorted().map(WebhookEventType::wireName).toList(), endpoint.enabled(), endpoint.createdBy(),
                    endpoint.createdAt().toString(), endpoint.updatedAt().toString());
        }
    }

    /** What a create or update takes; on an update a missing secret keeps the stored one. */
    record EndpointRequest(String name, String url, List<String> eventTypes, String secret, Boolean enabled) {

        WebhookEndpointDraft draft() {
            Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
            for (String name : eventTypes == null ? List.<String>of() : eventTypes) {
                types.add(WebhookEventType.ofWireName(name).orElseThrow(() -> new InvalidInputException("eventTypes",
                        "Unknown event type '" + name + "'")));
            }
            return new WebhookEndpointDraft(name, url, types, secret, enabled == null || enabled);
        }
    }

    record DeliveryView(UUID id, String eventType, String status, int attempts, Integer lastResponseCode,
            String lastError, String createdAt, String nextAttemptAt, String deliveredAt) {

        static DeliveryView of(WebhookDelivery delivery) {
            return new DeliveryView(delivery.id(), delivery.eventType().wireName(), delivery.status().name(),
                    delivery.attempts(), delivery.lastResponseCode(), delivery.lastError(),
                    delivery.createdAt().toString(), delivery.nextAttemptAt().toString(),
                    delivery.deliveredAt() == null ? null : delivery.deliveredAt().toString());
        }
    }

    @GetMapping
    List<EndpointView> all() {
        return webhooks.endpoints().stream().map(EndpointView::of).toList();
    }

    @GetMapping("/{id}")
    EndpointView get(@PathVariable long id) {
        return EndpointView.of(webhooks.endpoint(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    EndpointView create(@RequestBody EndpointRequest request) {
        return EndpointView.of(webhooks.create(request.draft()));
    }

    @PutMapping("/{id}")
    EndpointView update(@PathVariable long id, @RequestBody EndpointRequest request) {
        return EndpointView.of(webhooks.update(id, request.draft()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        webhooks.delete(id);
    }

    /** The endpoint's latest deliveries, newest first (at most 500). */
    @GetMapping("/{id}/deliveries")
    List<DeliveryView> deliveries(@PathVariable long id, @RequestParam(defaultValue = "100") int limit) {
        return webhooks.deliveries(id, limit).stream().map(DeliveryView::of).toList();
    }

    @GetMapping("/deliveries/{deliveryId}/attempts")
    List<WebhookAttempt> attempts(@PathVariable UUID deliveryId) {
        return webhooks.attempts(deliveryId);
    }

    /** Sends the delivery again, with the same id. */
    @PostMapping("/deliveries/{deliveryId}/resend")
    DeliveryView resend(@PathVariable UUID deliveryId) {
        return DeliveryView.of(webhooks.resend(deliveryId));
    }
}
