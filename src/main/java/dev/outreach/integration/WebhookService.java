package dev.outreach.integration;

import dev.outreach.channel.UrlRefusedException;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.SecretCipher;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admins' door to outgoing webhooks: endpoints (URL through the URL guard, event types, a signing
 * secret kept encrypted, on or off), their delivery log with each try, and resending. Every change
 * is audited; only admins may call any of it.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class WebhookService {

    static final int MIN_SECRET = 16;

    private final WebhookEndpointStore endpoints;
    private final WebhookDeliveryStore deliveries;
    private final WebhookSubscriptions subscriptions;
    private final WebhookUrls urls;
    private final SecretCipher secrets;
    private final AuditLog auditLog;
    private final OutgoingWebhookProperties properties;
    private final Clock clock;

    WebhookService(WebhookEndpointStore endpoints, WebhookDeliveryStore deliveries, WebhookSubscriptions subscriptions,
            WebhookUrls urls, SecretCipher secrets, AuditLog auditLog, OutgoingWebhookProperties properties, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.urls = urls;
        this.secrets = secrets;
        this.auditLog = auditLog;
        this.properties = properties;
        this.clock = clock;
    }

    /** The event types an endpoint may subscribe to today. */
    public List<WebhookEventType> availableEventTypes() {
        return Arrays.stream(WebhookEventType.values()).filter(WebhookEventType::produced).toList();
    }

    @Transactional(readOnly = true)
    public List<WebhookEndpoint> endpoints() {
        return endpoints.all();
    }

    @Transactional(readOnly = true)
    public WebhookEndpoint endpoint(long id) {
        return endpoints.find(id).orElseThrow(() -> new InvalidInputException("id", "No webhook endpoint with id " + id));
    }

    @Transactional
    public WebhookEndpoint create(WebhookEndpointDraft draft) {
        validate(draft, true);
        long id = endpoints.insert(draft, secrets.encrypt(draft.secret().strip()), AuditLog.currentActor(), clock.instant());
        WebhookEndpoint created = endpoint(id);
        auditLog.record("webhook.create", "webhook_endpoint", id, null, describe(created));
        subscriptions.changed();
        return created;
    }

    /** Changes an endpoint; a blank secret keeps the stored one. */
    @Transactional
    public WebhookEndpoint update(long id, WebhookEndpointDraft draft) {
        WebhookEndpoint before = endpoint(id);
        validate(draft, false);
        boolean newSecret = draft.secret() != null && !draft.secret().isBlank();
        endpoints.update(id, draft, newSecret ? secrets.encrypt(draft.secret().strip()) : null, clock.instant());
        WebhookEndpoint after = endpoint(id);
        auditLog.record("webhook.update", "webhook_endpoint", id, describe(before),
                describe(after) + (newSecret ? ", new secret" : ""));
        subscriptions.changed();
        return after;
    }

    /** Removes an endpoint from the list; nothing more is delivered to it, its log stays. */
    @Transactional
    public void delete(long id) {
        WebhookEndpoint before = endpoint(id);
        endpoints.markDeleted(id, clock.instant());
        auditLog.record("webhook.delete", "webhook_endpoint", id, describe(before), "deleted");
        subscriptions.changed();
    }

    /** The endpoint's latest deliveries, newest first. */
    @Transactional(readOnly = true)
    public List<WebhookDelivery> deliveries(long endpointId, int limit) {
        endpoint(endpointId);
        return deliveries.latest(endpointId, Math.max(1, Math.min(limit, 500)));
    }

    @Transactional(readOnly = true)
    public List<WebhookAttempt> attempts(UUID deliveryId) {
        delivery(deliveryId);
        return deliveries.attempts(deliveryId);
    }

    /** Sends a delivery again as soon as the worker runs, with the same id and a fresh 24 hours of retries. */
    @Transactional
    public WebhookDelivery resend(UUID deliveryId) {
        WebhookDelivery before = delivery(deliveryId);
        Instant now = clock.instant();
        deliveries.resend(deliveryId, now, now.plus(properties.retryFor()));
        auditLog.record("webhook.resend", "webhook_delivery", deliveryId, before.status().name(), "PENDING");
        return delivery(deliveryId);
    }

    private WebhookDelivery delivery(UUID id) {
        return deliveries.find(id).orElseThrow(() -> new InvalidInputException("deliveryId", "No delivery with id " + id));
    }

    private void validate(WebhookEndpointDraft draft, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        if (draft.name() == null || draft.name().isBlank()) {
            errors.add(new FieldError("name", "Enter a name"));
        } else if (draft.name().strip().length() > 100) {
            errors.add(new FieldError("name", "At most 100 characters"));
        }
        checkUrl(draft.url(), errors);
        if (draft.eventTypes().isEmpty()) {
            errors.add(new FieldError("eventTypes", "Choose at least one event type"));
        }
        draft.eventTypes().stream().filter(type -> !type.produced()).findFirst().ifPresent(type -> errors.add(
                new FieldError("eventTypes", type.wireName() + " is not produced by this version yet")));
        boolean blankSecret = draft.secret() == null || draft.secret().isBlank();
        if (creating && blankSecret) {
            errors.add(new FieldError("secret", "Enter a signing secret of at least " + MIN_SECRET + " characters"));
        } else if (!blankSecret && draft.secret().strip().length() < MIN_SECRET) {
            errors.add(new FieldError("secret", "At least " + MIN_SECRET + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private void checkUrl(String url, List<FieldError> errors) {
        if (url == null || url.isBlank()) {
            errors.add(new FieldError("url", "Enter the endpoint's URL"));
            return;
        }
        if (url.strip().length() > 2000) {
            errors.add(new FieldError("url", "At most 2000 characters"));
            return;
        }
        try {
            urls.check(url);
        } catch (UrlRefusedException e) {
            errors.add(new FieldError("url", "Refused: " + e.getMessage()));
        } catch (UnknownHostException e) {
            errors.add(new FieldError("url", "The host does not resolve: " + e.getMessage()));
        }
    }

    private static String describe(WebhookEndpoint endpoint) {
        return endpoint.name() + " " + endpoint.url() + " [" + endpoint.eventTypes().stream().sorted()
                .map(WebhookEventType::wireName).collect(Collectors.joining(",")) + "] "
                + (endpoint.enabled() ? "enabled" : "disabled");
    }
}
