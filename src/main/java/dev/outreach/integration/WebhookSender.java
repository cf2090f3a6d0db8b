package dev.outreach.integration;

import dev.outreach.channel.UrlRefusedException;
import dev.outreach.shared.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One signed POST to an endpoint, bounded in time (connect and whole-request timeouts), without
 * following redirects (a redirect is an answer that is not 2xx: a failure). The answer's body is
 * discarded.
 */
@Component
class WebhookSender implements DisposableBean {

    /** What one try gave: the status (null when none came back) or the error, and how long it took. */
    record Result(Integer status, String error, long latencyMillis) {

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    static final String DELIVERY_HEADER = "X-Outreach-Delivery";
    static final String EVENT_HEADER = "X-Outreach-Event";

    private final HttpClient client;
    private final WebhookUrls urls;
    private final OutgoingWebhookProperties properties;
    private final Clock clock;

    WebhookSender(WebhookUrls urls, OutgoingWebhookProperties properties, Clock clock) {
        this.urls = urls;
        this.properties = properties;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    Result send(String url, byte[] secret, UUID deliveryId, WebhookEventType type, byte[] body) {
        long started = System.nanoTime();
        try {
            URI uri = urls.check(url).uri();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "OutreachEngine-Webhooks/1.0")
                    .header(DELIVERY_HEADER, deliveryId.toString())
                    .header(EVENT_HEADER, type.wireName())
                    .header(WebhookSignature.HEADER, WebhookSignature.header(secret, clock.instant(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new Result(status, status >= 200 && status < 300 ? null : "HTTP " + status, millisSince(started));
        } catch (UrlRefusedException e) {
            return new Result(null, "URL refused: " + e.getMessage(), millisSince(started));
        } catch (UnknownHostException e) {
            return new Result(null, "unknown host: " + e.getMessage(), millisSince(started));
        } catch (HttpTimeoutException e) {
            return new Result(null, "timeout: " + e.getMessage(), millisSince(started));
        } catch (IOException e) {
            return new Result(null, e.getClass().getSimpleName() + ": " + e.getMessage(), millisSince(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted", millisSince(started));
        }
    }

    static byte[] body(UUID id, WebhookEventType type, java.time.Instant occurredAt, String payload) {
        return ("{\"id\":\"" + id + "\",\"type\":\"" + type.wireName() + "\",\"occurred_at\":\"" + occurredAt
                + "\",\"data\":" + payload + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public void destroy() {
        client.shutdownNow();
    }
}
