package dev.outreach.channel.linkedin;

import dev.outreach.channel.DeliveryResult;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP gateway: a LinkedIn automation provider's API. POST {base}/v1/connection-requests
 * or {base}/v1/messages with {@code {"profile", "note" or "text", "account"}}, a bearer token and
 * an {@code Idempotency-Key} (our message id, the same on every retry), so that a provider
 * which honours it never sends a retried message twice.
 *
 * <p>2xx is sent; 429 is the provider's rate limit, tried again after its Retry-After; 5xx and
 * 408 are the provider's trouble, worth a retry; any other status is a refusal that a retry
 * will not change (a bad key, an unknown profile).
 */
final class LinkedInProviderClient {

    private static final Logger log = LoggerFactory.getLogger(LinkedInProviderClient.class);
    private static final int EXCERPT = 200;

    private final LinkedInProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient client;

    LinkedInProviderClient(LinkedInProperties properties, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** One request to the provider; {@code details} says what was sent, for the outreach history. */
    DeliveryResult send(LinkedInSettings settings, LinkedInAction action, String profile, String text, UUID messageId,
            String details) {
        URI endpoint = URI.create(settings.providerBaseUrl() + action.providerPath());
        Map<String, String> body = new LinkedHashMap<>();
        body.put("profile", profile);
        body.put(action.textField(), text);
        body.put("account", settings.account());
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(properties.requestTimeout())
                .header("Authorization", "Bearer " + settings.providerApiKey())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (messageId != null) {
            builder.header("Idempotency-Key", messageId.toString());
        }
        HttpRequest request = builder.build();
        CompletableFuture<HttpResponse<String>> future =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            HttpResponse<String> response = future.get(properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return verdict(response, action, details);
        } catch (TimeoutException e) {
            future.cancel(true);
            return lostAnswer(action, "no answer from the LinkedIn provider within "
                    + properties.requestTimeout().toSeconds() + " s");
        } catch (ExecutionException e) {
            return failure(action, endpoint, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retryLater("interrupted while sending to the LinkedIn provider", Optional.empty());
        }
    }

    private DeliveryResult verdict(HttpResponse<String> response, LinkedInAction action, String details) {
        int status = response.statusCode();
        log.debug("LinkedIn provider answered {} to a {}", status, action.label());
        if (status >= 200 && status < 300) {
            return DeliveryResult.sent(providerId(response.body()), details);
        }
        if (status == 429) {
            return DeliveryResult.retryLater("provider rate limit (429)",
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null), clock.instant()));
        }
        String answer = "the LinkedIn provider answered HTTP " + status + excerpt(response.body());
        if (status >= 500 || status == 408) {
            return DeliveryResult.retryLater(answer, Optional.empty());
        }
        log.info("LinkedIn provider refused a {} with HTTP {}", action.label(), status);
        return DeliveryResult.hardFailure(answer);
    }

    private DeliveryResult failure(LinkedInAction action, URI endpoint, Throwable error) {
        if (causedBy(error, HttpConnectTimeoutException.class) || causedBy(error, ConnectException.class)) {
            return DeliveryResult.retryLater("could not connect to the LinkedIn provider at " + endpoint.getHost(),
                    Optional.empty());
        }
        log.info("LinkedIn provider request failed: {}", error.toString());
        return lostAnswer(action,
                "the connection to the LinkedIn provider failed: " + error.getClass().getSimpleName());
    }

    /**
     * The request went out but no answer came back, so the provider may have sent it. LinkedIn
     * itself refuses a second pending invitation to the same person, so a connection request is
     * safe to retry; a direct message is not, because a second copy is worse than none.
     */
    private static DeliveryResult lostAnswer(LinkedInAction action, String what) {
        return action == LinkedInAction.CONNECTION_REQUEST ? DeliveryResult.retryLater(what, Optional.empty())
                : DeliveryResult.hardFailure(what + "; the message may have been sent, so it is not retried");
    }

    private String providerId(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode id = json.readTree(body).path("id");
            return id.isString() || id.isNumber() ? id.asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Retry-After holds either seconds or an HTTP date (RFC 9110); anything else is ignored. */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return ": " + (flat.length() > EXCERPT ? flat.substring(0, EXCERPT) + "…" : flat);
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
