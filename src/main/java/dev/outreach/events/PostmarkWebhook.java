package dev.outreach.events;

import dev.outreach.shared.EspMessageTag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Postmark's webhooks: one JSON object per request, its kind in {@code RecordType}. Postmark
 * signs nothing; it authenticates with HTTP basic auth written into the webhook URL
 * ({@code outreach.webhooks.postmark.username} and {@code password}) and/or a custom header
 * {@code X-Outreach-Webhook-Token} set on the webhook ({@code outreach.webhooks.postmark.token}).
 * Each configured one must match. With no timestamp there is no replay window; a replayed event is
 * a duplicate by its id and changes nothing.
 *
 * <p>Records: Delivery; Bounce by {@code TypeCode} (1 HardBounce and 100000 BadEmailAddress:
 * hard; 4096 SoftBounce, 256 DnsError, 2048 Unknown, 100006 Blocked, 100009 DMARCPolicy: soft;
 * 2 Transient: a deferral; 512 SpamNotification and 100001 SpamComplaint: a complaint;
 * 16 Unsubscribe: an unsubscribe; the rest, such as 64 AutoResponder, ignored); SpamComplaint;
 * Open ({@code FirstOpen}); Click ({@code OriginalLink}); SubscriptionChange with
 * {@code SuppressSending} and reason ManualSuppression (an unsubscribe; the other reasons come
 * with their own bounce or complaint record). Bounces and complaints are keyed by their
 * {@code ID}, the other records, which have none, by record type, MessageID and time.
 *
 * <p>The message: {@code Metadata.outreach_message_id} (our sender sets
 * {@code X-PM-Metadata-outreach_message_id} on mail relayed through Postmark), else Postmark's
 * {@code MessageID} through an earlier Postmark event that named our message.
 */
@Component
class PostmarkWebhook implements EmailWebhook {

    static final String TOKEN = "X-Outreach-Webhook-Token";

    private static final Map<Long, EmailEventKind> BOUNCES = Map.ofEntries(
            Map.entry(1L, EmailEventKind.BOUNCED), Map.entry(100000L, EmailEventKind.BOUNCED),
            Map.entry(4096L, EmailEventKind.BOUNCED), Map.entry(256L, EmailEventKind.BOUNCED),
            Map.entry(2048L, EmailEventKind.BOUNCED), Map.entry(100006L, EmailEventKind.BOUNCED),
            Map.entry(100009L, EmailEventKind.BOUNCED), Map.entry(2L, EmailEventKind.DEFERRED),
            Map.entry(512L, EmailEventKind.COMPLAINED), Map.entry(100001L, EmailEventKind.COMPLAINED),
            Map.entry(16L, EmailEventKind.UNSUBSCRIBED));
    private static final List<Long> HARD = List.of(1L, 100000L);

    private final byte[] basic;
    private final byte[] token;
    private final JsonMapper json;

    PostmarkWebhook(WebhookProperties properties, JsonMapper json) {
        WebhookProperties.Postmark postmark = properties.postmark();
        this.basic = blank(postmark.username()) || blank(postmark.password()) ? null
                : ("Basic " + Base64.getEncoder().encodeToString((postmark.username() + ":" + postmark.password())
                        .getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
        this.token = blank(postmark.token()) ? null : postmark.token().strip().getBytes(StandardCharsets.UTF_8);
        this.json = json;
    }

    @Override
    public String name() {
        return "postmark";
    }

    @Override
    public boolean configured() {
        return basic != null || token != null;
    }

    @Override
    public void verify(byte[] body, Function<String, String> headers, Instant now) {
        if (basic != null && !matches(basic, headers.apply("Authorization"))) {
            throw new Rejected(HttpStatus.UNAUTHORIZED, "Missing or wrong basic authentication");
        }
        if (token != null && !matches(token, headers.apply(TOKEN))) {
            throw new Rejected(HttpStatus.UNAUTHORIZED, "Missing or wrong " + TOKEN + " header");
        }
    }

    private static boolean matches(byte[] expected, String given) {
        return given != null && MessageDigest.isEqual(expected, given.strip().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Parsed parse(byte[] body) {
        EventJson record = EventJson.read(json, body, true).getFirst();
        String type = record.required("RecordType", 50);
        Optional<EmailEvent> event = switch (type) {
            case "Delivery" -> Optional.of(event(record, "delivery", EmailEventKind.DELIVERED, "DeliveredAt", false,
                    record.text("Details", 500).orElse(null)));
            case "Bounce" -> bounce(record);
            case "SpamComplaint" -> Optional.of(event(record, "complaint:" + record.required("ID", 30),
                    EmailEventKind.COMPLAINED, "BouncedAt", false, null));
            case "Open" -> Optional.of(event(record, "open", EmailEventKind.OPENED, "ReceivedAt", false, null));
            case "Click" -> Optional.of(event(record, "click", EmailEventKind.CLICKED, "ReceivedAt", false,
                    record.text("OriginalLink", 1000).orElse(null)));
            case "SubscriptionChange" -> record.flag("SuppressSending")
                    && record.text("SuppressionReason", 50).filter("ManualSuppression"::equals).isPresent()
                    ? Optional.of(event(record, "unsubscribe", EmailEventKind.UNSUBSCRIBED, "ChangedAt", false, null))
                    : Optional.empty();
            default -> Optional.empty();
        };
        return event.map(e -> new Parsed(List.of(e), 0)).orElseGet(() -> new Parsed(List.of(), 1));
    }

    private Optional<EmailEvent> bounce(EventJson record) {
        long code = record.requiredLong("TypeCode");
        EmailEventKind kind = BOUNCES.get(code);
        if (kind == null) {
            return Optional.empty();
        }
        String type = record.text("Type", 50).orElse("TypeCode " + code);
        String detail = record.text("Details", 500).or(() -> record.text("Description", 500))
                .map(text -> type + ": " + text).orElse(type);
        return Optional.of(event(record, "bounce:" + record.required("ID", 30), kind, "BouncedAt", HARD.contains(code),
                detail));
    }

    /** {@code key}: the event id when it has one ("bounce:42"), else the record's name, made unique by message and time. */
    private EmailEvent event(EventJson record, String key, EmailEventKind kind, String timeField, boolean hard,
            String detail) {
        Instant at = record.requiredTime(timeField);
        String postmarkId = record.required("MessageID", 100);
        String id = key.contains(":") ? key : key + ":" + postmarkId + ":" + at;
        UUID messageId = record.object("Metadata").flatMap(m -> m.text(EspMessageTag.NAME, 100))
                .flatMap(PostmarkWebhook::uuid).orElse(null);
        return new EmailEvent(name(), id, kind, messageId, null, at, hard, false, detail, record.raw(), postmarkId);
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
