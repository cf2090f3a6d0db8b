package dev.outreach.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
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
 * SendGrid's Event Webhook: a JSON array of events, signed with ECDSA (P-256, SHA-256) over the
 * {@code X-Twilio-Email-Event-Webhook-Timestamp} header followed by the raw body; the signature
 * (base64 DER) is in {@code X-Twilio-Email-Event-Webhook-Signature}. The verification key is
 * the base64 public key SendGrid shows for the signed webhook
 * ({@code outreach.webhooks.sendgrid.public-key}). We also refuse timestamps more than 5
 * minutes from our clock, which SendGrid's own libraries do not check.
 *
 * <p>Events: delivered, open ({@code sg_machine_open} marks proxy opens), click, bounce
 * ({@code type} "blocked" is a temporary, soft bounce; otherwise hard), dropped, spamreport,
 * unsubscribe and group_unsubscribe, deferred. Others (processed, group_resubscribe, new ones)
 * are acknowledged and ignored.
 *
 * <p>The message is found by every id the event carries, in turn: the custom argument
 * {@code outreach_message_id} (our sender puts it in the {@code X-SMTPAPI} header's
 * {@code unique_args} of every message relayed through SendGrid; {@code message_id} is read as
 * well), else {@code smtp-id} when it is the Message-ID we sent, else the prefix of
 * {@code sg_message_id} (SendGrid's own id of the message, before {@code .filter} or
 * {@code .recvd}) through an earlier SendGrid event that named our message. Open and click
 * events carry no {@code smtp-id}. Only an event that none of them names is an orphan.
 */
@Component
class SendGridWebhook implements EmailWebhook {

    static final String SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";
    static final String MESSAGE_ID_ARG = dev.outreach.shared.EspMessageTag.NAME;
    /** A custom argument name some senders use for their message id. */
    static final String PLAIN_MESSAGE_ID_ARG = "message_id";

    private static final Map<String, EmailEventKind> EVENTS = Map.of(
            "delivered", EmailEventKind.DELIVERED, "open", EmailEventKind.OPENED, "click", EmailEventKind.CLICKED,
            "bounce", EmailEventKind.BOUNCED, "dropped", EmailEventKind.DROPPED, "spamreport", EmailEventKind.COMPLAINED,
            "unsubscribe", EmailEventKind.UNSUBSCRIBED, "group_unsubscribe", EmailEventKind.UNSUBSCRIBED,
            "deferred", EmailEventKind.DEFERRED);

    private final PublicKey key;
    private final JsonMapper json;

    SendGridWebhook(WebhookProperties properties, JsonMapper json) {
        this.key = publicKey(properties.sendgrid().publicKey());
        this.json = json;
    }

    /** The configured key, base64 DER (SubjectPublicKeyInfo) as SendGrid shows it; PEM armour is tolerated. */
    static PublicKey publicKey(String configured) {
        if (configured == null || configured.isBlank()) {
            return null;
        }
        String base64 = configured.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalStateException("outreach.webhooks.sendgrid.public-key is not a base64 EC public key", e);
        }
    }

    @Override
    public String name() {
        return "sendgrid";
    }

    @Override
    public boolean configured() {
        return key != null;
    }

    @Override
    public void verify(byte[] body, Function<String, String> headers, Instant now) {
        String signature = headers.apply(SIGNATURE);
        String timestamp = headers.apply(TIMESTAMP);
        if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) {
            throw new Rejected(HttpStatus.UNAUTHORIZED, "Missing " + SIGNATURE + " or " + TIMESTAMP + " header");
        }
        EmailWebhook.requireFresh(timestamp, TIMESTAMP, now);
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(timestamp.getBytes(StandardCharsets.UTF_8));
            verifier.update(body);
            if (!verifier.verify(Base64.getDecoder().decode(signature.strip()))) {
                throw new Rejected(HttpStatus.UNAUTHORIZED, "The signature does not match the body");
            }
        } catch (IllegalArgumentException | java.security.SignatureException e) {
            throw new Rejected(HttpStatus.UNAUTHORIZED, SIGNATURE + " is not a base64 DER ECDSA signature");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withECDSA is not available", e);
        }
    }

    @Override
    public Parsed parse(byte[] body) {
        List<EmailEvent> events = new ArrayList<>();
        int ignored = 0;
        for (EventJson event : EventJson.read(json, body, false)) {
            String name = event.required("event", 50);
            String id = event.required("sg_event_id", 200);
            Instant occurredAt = Instant.ofEpochSecond(event.requiredLong("timestamp"));
            EmailEventKind kind = EVENTS.get(name);
            if (kind == null) {
                ignored++;
                continue;
            }
            boolean soft = kind == EmailEventKind.BOUNCED && (event.text("type", 30).filter("blocked"::equals).isPresent()
                    || event.text("status", 30).filter(status -> status.startsWith("4")).isPresent());
            events.add(new EmailEvent(name(), id, kind, messageId(event), providerMessageId(event), occurredAt, !soft,
                    kind == EmailEventKind.OPENED && event.flag("sg_machine_open"), detail(kind, event), event.raw(),
                    relayMessageId(event)));
        }
        return new Parsed(events, ignored);
    }

    /** Our custom argument; a value that is not a message id of ours is left out, and the other ids decide. */
    private static UUID messageId(EventJson event) {
        return uuid(event, MESSAGE_ID_ARG).or(() -> uuid(event, PLAIN_MESSAGE_ID_ARG)).orElse(null);
    }

    private static Optional<UUID> uuid(EventJson event, String field) {
        try {
            return event.text(field, 100).map(UUID::fromString);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String providerMessageId(EventJson event) {
        return event.text("smtp-id", 300).orElse(null);
    }

    /** SendGrid's own id of the message: {@code sg_message_id} up to {@code .filter...} or {@code .recvd-...}. */
    static String relayMessageId(EventJson event) {
        return event.text("sg_message_id", 300).map(SendGridWebhook::sendGridMessageId).orElse(null);
    }

    static String sendGridMessageId(String sgMessageId) {
        int end = sgMessageId.length();
        for (String marker : new String[] {".filter", ".recvd"}) {
            int at = sgMessageId.indexOf(marker);
            if (at > 0) {
                end = Math.min(end, at);
            }
        }
        return sgMessageId.substring(0, end);
    }

    private static String detail(EmailEventKind kind, EventJson event) {
        Optional<String> detail = switch (kind) {
            case BOUNCED, DROPPED -> event.text("reason", 1000).map(reason -> event.text("status", 30)
                    .map(status -> status + " " + reason).orElse(reason));
            case CLICKED -> event.text("url", 1000);
            case DEFERRED -> event.text("response", 1000);
            default -> Optional.empty();
        };
        return detail.orElse(null);
    }
}
