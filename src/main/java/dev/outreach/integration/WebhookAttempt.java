package dev.outreach.integration;

import java.time.Instant;

/**
 * One try of a delivery.
 *
 * @param responseCode the HTTP status, null when none came back (timeout, connection refused)
 * @param latencyMillis from sending the request to the answer or the failure
 */
public record WebhookAttempt(int attempt, Instant attemptedAt, Outcome outcome, Integer responseCode,
        long latencyMillis, String error) {

    public enum Outcome {
        DELIVERED, FAILED
    }
}
