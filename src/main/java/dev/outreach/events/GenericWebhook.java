package dev.outreach.events;

import dev.outreach.shared.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our own documented event format, for any sender, relay or tool that is not SendGrid.
 *
 * <p>Signature: header {@code X-Outreach-Signature: t=<unix seconds>,v1=<hex>} where the hex is
 * HMAC-SHA256 ({@link WebhookSignature}), keyed with {@code outreach.webhooks.generic.secret}, of the bytes
 * {@code "<t>." + body}. The timestamp must be within 5 minutes of our clock. Several
 * {@code v1=} values may be given (while a secret is being rotated); one must match.
 *
 * <p>Body: one event object or a JSON array of them (at most 1 MB):
 * <pre>{@code
 * {
 *   "id": "evt-123",                  // required, unique per event, at most 200 characters
 *   "type": "open",                   // required: delivered, open, click, bounce, complaint,
 *                                     //   unsubscribe, deferred, reply or dropped
 *   "message_id": "6f1c...-uuid",     // our message id, or instead:
 *   "provider_message_id": "<6f1c...@example.com>",  // the Message-ID header we sent
 *   "occurred_at": "2025-05-04T10:15:30Z",           // required, ISO-8601 with offset
 *   "bounce": "hard",                 // required for bounce: hard (permanent) or soft
 *   "machine_open": false,            // open: true for a proxy, scanner or prefetch open
 *   "detail": "550 5.1.1 user unknown" // optional: bounce reason, clicked URL, reply subject
 * }
 * }</pre>
 */
@Component
class GenericWebhook implements EmailWebhook {

    static final String SIGNATURE = WebhookSignature.HEADER;

    private static final Map<String, EmailEventKind> TYPES = Map.of(
            "delivered", EmailEventKind.DELIVERED, "open", EmailEventKind.OPENED, "click", EmailEventKind.CLICKED,
            "bounce", EmailEventKind.BOUNCED, "complaint", EmailEventKind.COMPLAINED,
            "unsubscribe", EmailEventKind.UNSUBSCRIBED, "deferred", EmailEventKind.DEFERRED,
            "reply", EmailEventKind.REPLIED, "dropped", EmailEventKind.DROPPED);

    private final byte[] secret;
    private final JsonMapper json;

    GenericWebhook(WebhookProperties properties, JsonMapper json) {
        String configured = properties.generic().secret();
        this.secret = configured == null || configured.isBlank() ? null : configured.getBytes(StandardCharsets.UTF_8);
        this.json = json;
    }

    @Override
    public String name() {
        return "generic";
    }

    @Override
    public boolean configured() {
        return secret != null;
    }

    @Override
    public void verify(byte[] body, Function<String, String> headers, Instant now) {
        String header = headers.apply(SIGNATURE);
        if (header == null || header.isBlank()) {
            throw new Rejected(HttpStatus.UNAUTHORIZED, "Missing " + SIGNATURE + " header");
        }
        String timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                timestamp = pair[1];
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                try {
                    signatures.add(HexFormat.of().parseHex(pair[1].strip()));
                } catch (IllegalArgumentException e) {
                    throw new Rejected(HttpStatus.UNAUTHORIZED, SIGNATURE + " has a v1 value that is not hex");
                }
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw new Rejected(HttpStatus.UNAUTHORIZED, SIGNATURE + " must be t=<unix seconds>,v1=<hex HMAC-SHA256>");
        }
        EmailWebhook.requireFresh(timestamp, SIGNATURE + " t", now);
        byte[] expected = WebhookSignature.sign(secret, timestamp.strip(), body);
        if (signatures.stream().noneMatch(signature -> MessageDigest.isEqual(expected, signature))) {
            throw new Rejected(HttpStatus.UNAUTHORIZED, "The signature does not match the body");
        }
    }

    @Override
    public Parsed parse(byte[] body) {
        List<EmailEvent> events = new ArrayList<>();
        for (EventJson event : EventJson.read(json, body, true)) {
            events.add(event(event));
        }
        return new Parsed(events, 0);
    }

    private EmailEvent event(EventJson event) {
        String id = event.required("id", 200);
        String typeName = event.required("type", 30);
        EmailEventKind kind = TYPES.get(typeName);
        if (kind == null) {
            throw event.error("type", "Unknown type '" + typeName
                    + "': use delivered, open, click, bounce, complaint, unsubscribe, deferred, reply or dropped");
        }
        UUID messageId = event.text("message_id", 36).map(text -> {
            try {
                return UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                throw event.error("message_id", "Not a message id (a UUID)");
            }
        }).orElse(null);
        String providerMessageId = event.text("provider_message_id", 300).orElse(null);
        if (messageId == null && providerMessageId == null) {
            throw event.error("message_id", "Give message_id or provider_message_id");
        }
        Instant occurredAt = occurredAt(event);
        boolean hard = false;
        if (kind == EmailEventKind.BOUNCED) {
            String bounce = event.required("bounce", 10);
            if (!bounce.equals("hard") && !bounce.equals("soft")) {
                throw event.error("bounce", "Must be hard or soft");
            }
            hard = bounce.equals("hard");
        }
        return new EmailEvent(name(), id, kind, messageId, providerMessageId, occurredAt, hard,
                event.flag("machine_open"), event.text("detail", 1000).orElse(null), event.raw());
    }

    private static Instant occurredAt(EventJson event) {
        String text = event.required("occurred_at", 40);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw event.error("occurred_at", "Not an ISO-8601 time with offset, e.g. 2025-05-04T10:15:30Z");
        }
    }
}
