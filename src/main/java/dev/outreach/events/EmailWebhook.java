package dev.outreach.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.HttpStatus;

/**
 * One provider's event webhook: whether it is configured, how its signature is checked (on the
 * raw bytes, before anything is parsed) and how its body becomes {@link EmailEvent}s.
 */
interface EmailWebhook {

    /** How far a signed timestamp may be from our clock, either way: a replay window, and clock skew. */
    Duration TOLERANCE = Duration.ofMinutes(5);

    /** The name in the URL, {@code /api/webhooks/email-events/{name}}, and the events' provider. */
    String name();

    /** False when its key or secret is not set: it then refuses every request. */
    boolean configured();

    /** Throws {@link Rejected} (401) unless the request is signed by the provider within the tolerance. */
    void verify(byte[] body, Function<String, String> headers, Instant now);

    /**
     * The events in a verified body; throws {@link dev.outreach.shared.InvalidInputException}
     * naming the event index and field when the body or an event is malformed.
     */
    Parsed parse(byte[] body);

    /** The events to ingest and how many the provider sent that we do not act on (e.g. SendGrid's "processed"). */
    record Parsed(List<EmailEvent> events, int ignored) {
    }

    /** A refused request: its HTTP status and the reason the sender is told. */
    final class Rejected extends RuntimeException {

        private final HttpStatus status;

        Rejected(HttpStatus status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }

        HttpStatus status() {
            return status;
        }
    }

    /** Checks a signed unix timestamp against the tolerance. */
    static void requireFresh(String unixSeconds, String header, Instant now) {
        long seconds;
        try {
            seconds = Long.parseLong(unixSeconds.strip());
        } catch (NumberFormatException e) {
            throw new Rejected(HttpStatus.UNAUTHORIZED, header + " is not a unix timestamp");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            throw new Rejected(HttpStatus.UNAUTHORIZED, "The signature's timestamp is more than "
                    + TOLERANCE.toMinutes() + " minutes from the server's clock (stale or replayed request)");
        }
    }
}
