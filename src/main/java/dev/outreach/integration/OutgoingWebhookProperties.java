package dev.outreach.integration;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outgoing webhooks, under {@code outreach.outgoing-webhooks}.
 *
 * @param enabled whether this instance's worker delivers (the deliveries are recorded either way)
 * @param pollInterval how often the worker looks for due deliveries
 * @param batchSize deliveries claimed at a time
 * @param parallelism deliveries in flight at once
 * @param connectTimeout to open a connection to an endpoint
 * @param timeout for the whole request, answer included: longer is a failure, retried
 * @param lease how long a claimed delivery is held before another run may try it (a worker that died)
 * @param firstRetry the wait after the first failure; doubled after each further one
 * @param maxRetryInterval the longest wait between two tries
 * @param retryFor how long after the event a delivery is still tried; then it is FAILED
 * @param subscriptionsCacheTtl how long an instance trusts its list of subscribed endpoints (a
 *                              change made on another instance takes effect within it)
 * @param allowedHosts exact {@code host:port} pairs the URL guard lets through although they are
 *                     not public (tests only: loopback receivers)
 */
@ConfigurationProperties("outreach.outgoing-webhooks")
public record OutgoingWebhookProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("16") int parallelism,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("30s") Duration firstRetry,
        @DefaultValue("1h") Duration maxRetryInterval,
        @DefaultValue("24h") Duration retryFor,
        @DefaultValue("5s") Duration subscriptionsCacheTtl,
        @DefaultValue List<String> allowedHosts) {

    public OutgoingWebhookProperties {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        if (parallelism < 1 || batchSize < 1) {
            throw new IllegalArgumentException("outreach.outgoing-webhooks.parallelism and batch-size must be at least 1");
        }
    }

    /** The wait after {@code failures} failed tries: firstRetry doubled each time, at most maxRetryInterval. */
    Duration retryDelay(int failures) {
        Duration delay = firstRetry;
        for (int i = 1; i < failures && delay.compareTo(maxRetryInterval) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryInterval) > 0 ? maxRetryInterval : delay;
    }
}
