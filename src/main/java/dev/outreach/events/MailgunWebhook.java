package dev.outreach.events;

import dev.outreach.shared.EspMessageTag;
import dev.outreach.shared.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mailgun's webhooks: one event per request, {@code {"signature": {...}, "event-data": {...}}}.
 * The signature is in the body: {@code signature.signature} is the hex HMAC-SHA256, keyed with
 * the account's HTTP webhook signing key ({@code outreach.webhooks.mailgun.signing-key}), of
 * {@code signature.timestamp} followed by {@code signature.token}; the timestamp must be within
 * 5 minutes of our clock.
 *
 * <p>Events ({@code event-data.event}): delivered; failed with {@code severity} permanent (a hard
 * bounce; a soft one when Mailgun gave up after temporary failures: a 4xx code or reason
 * {@code old}; dropped when the reason is one of Mailgun's suppressions) or temporary (a deferral:
 * Mailgun retries); opened; clicked ({@code url}); complained; unsubscribed. Others (accepted,
 * stored, new ones) are acknowledged and ignored. The event id is {@code event-data.id}.
 *
 * <p>The message: {@code user-variables.outreach_message_id} (our sender sets
 * {@code X-Mailgun-Variables} on mail relayed through Mailgun), else
 * {@code message.headers.message-id} as our Message-ID, else that id through an earlier Mailgun
 * event that named our message.
 */
@Component
class MailgunWebhook implements EmailWebhook {

    private final byte[] key;
    private final JsonMapper json;

    MailgunWebhook(WebhookProperties properties, JsonMapper json) {
        String configured = properties.mailgun().signingKey();
        this.key = configured == null || configured.isBlank() ? null : configured.strip().getBytes(StandardCharsets.UTF_8);
        this.json = json;
    }

    @Override
    public String name() {
        return "mailgun";
    }

    @Override
    public boolean configured() {
        return key != null;
    }

    @Override
    public void verify(byte[] body, Function<String, String> headers, Instant now) {
        EventJson signature;
        try {
            signature = root(body).object("signature").orElseThrow(() -> new Rejected(HttpStatus.UNAUTHORIZED,
                    "The body has no signature object"));
        } catch (InvalidInputException e) {
            throw new Rejected(HttpStatus.UNAUTHORIZED, "The body carries no readable signature: " + e.getMessage());
        }
        String timestamp = signature.text("timestamp", 20).orElse(null);
        String token = signature.text("token", 200).orElse(null);
        String hex = signature.text("signature", 200).orElse(null);
        if (timestamp == null || token == null || hex == null) {
            throw new Rejected(HttpStatus.UNAUTHORIZED, "signature must have timestamp, token and signature");
        }
        EmailWebhook.requireFresh(timestamp, "signature.timestamp", now);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new Rejected(HttpStatus.UNAUTHORIZED, "signature.signature is not hex");
        }
        if (!MessageDigest.isEqual(sign(key, timestamp, token), given)) {
            throw new Rejected(HttpStatus.UNAUTHORIZED, "The signature does not match");
        }
    }

    /** HMAC-SHA256 of timestamp followed by token: what Mailgun puts in {@code signature.signature}. */
    static byte[] sign(byte[] key, String timestamp, String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private EventJson root(byte[] body) {
        return EventJson.read(json, body, true).getFirst();
    }

    @Override
    public Parsed parse(byte[] body) {
        EventJson event = root(body).object("event-data").orElseThrow(() -> new InvalidInputException("event-data",
                "Missing: a Mailgun webhook body has signature and event-data"));
        String name = event.required("event", 50);
        String id = event.required("id", 190);
        Instant occurredAt = event.decimal("timestamp").map(MailgunWebhook::instant)
                .orElseThrow(() -> event.error("timestamp", "Missing"));
        Optional<EventJson> status = event.object("delivery-status");
        String severity = event.text("severity", 20).orElse("");
        String reason = event.text("reason", 100).orElse("");
        EmailEventKind kind;
        boolean hard = false;
        switch (name) {
            case "delivered" -> kind = EmailEventKind.DELIVERED;
            case "opened" -> kind = EmailEventKind.OPENED;
            case "clicked" -> kind = EmailEventKind.CLICKED;
            case "complained" -> kind = EmailEventKind.COMPLAINED;
            case "unsubscribed" -> kind = EmailEventKind.UNSUBSCRIBED;
            case "failed" -> {
                if (severity.equals("temporary")) {
                    kind = EmailEventKind.DEFERRED;
                } else if (reason.startsWith("suppress-")) {
                    kind = EmailEventKind.DROPPED;
                } else {
                    kind = EmailEventKind.BOUNCED;
                    hard = !reason.equals("old") && !status.flatMap(s -> s.text("code", 10)).filter(c -> c.startsWith("4"))
                            .isPresent();
                }
            }
            default -> {
                return new Parsed(List.of(), 1);
            }
        }
        String headerId = event.object("message").flatMap(m -> m.object("headers")).flatMap(h -> h.text("message-id", 300))
                .orElse(null);
        UUID messageId = event.object("user-variables").flatMap(v -> v.text(EspMessageTag.NAME, 100))
                .flatMap(MailgunWebhook::uuid).orElse(null);
        return new Parsed(List.of(new EmailEvent(name(), id, kind, messageId, headerId, occurredAt, hard, false,
                detail(kind, event, status, reason), event.raw(), headerId)), 0);
    }

    private static String detail(EmailEventKind kind, EventJson event, Optional<EventJson> status, String reason) {
        return switch (kind) {
            case BOUNCED, DROPPED, DEFERRED -> status.map(s -> String.join(" ", s.text("code", 10).orElse(""),
                    s.text("enhanced-code", 20).orElse(""), s.text("message", 500).or(() -> s.text("description", 500))
                            .orElse(reason)).strip()).filter(text -> !text.isEmpty()).orElse(reason.isEmpty() ? null : reason);
            case CLICKED -> event.text("url", 1000).orElse(null);
            default -> null;
        };
    }

    private static Instant instant(double seconds) {
        long whole = (long) Math.floor(seconds);
        return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1_000_000) * 1000);
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
