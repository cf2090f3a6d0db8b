package dev.outreach.events;

import dev.outreach.shared.EspMessageTag;
import dev.outreach.shared.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Amazon SES events delivered by Amazon SNS to an HTTPS subscription: one SNS message per
 * request. Accepted only from the SNS topics listed in {@code outreach.webhooks.ses.topic-arns}
 * (anyone can have SNS sign a message of their own topic) and only with a valid SNS signature:
 * {@code SignatureVersion} 1 (SHA1withRSA) or 2 (SHA256withRSA) over SNS's canonical string,
 * checked with the certificate at {@code SigningCertURL}, which must be an https URL on
 * {@code sns.<region>.amazonaws.com} and is fetched through the URL guard ({@link SnsEndpoints}).
 * The message's {@code Timestamp} must be within an hour of our clock (SNS retries for a while;
 * a replay inside that hour is a duplicate by its MessageId).
 *
 * <p>A {@code SubscriptionConfirmation} is confirmed by fetching its {@code SubscribeURL} (same
 * host rule); an {@code UnsubscribeConfirmation} is acknowledged. A {@code Notification}'s
 * {@code Message} is an SES event, by {@code eventType} (configuration-set event publishing) or
 * {@code notificationType} (identity notifications): Bounce (bounceType Permanent: hard; Transient
 * or Undetermined: soft), Complaint, Delivery, DeliveryDelay (a deferral), Open, Click, Reject
 * (dropped); Send and others are ignored. The event id is the SNS MessageId.
 *
 * <p>The message: the tag {@code outreach_message_id} in {@code mail.tags} (our sender sets
 * {@code X-SES-MESSAGE-TAGS} on mail relayed through SES), else {@code mail.commonHeaders.messageId}
 * as our Message-ID, else SES's {@code mail.messageId} through an earlier SES event.
 */
@Component
class SesWebhook implements EmailWebhook {

    static final Duration SNS_TOLERANCE = Duration.ofHours(1);
    private static final List<String> NOTIFICATION_FIELDS = List.of("Message", "MessageId", "Subject", "Timestamp",
            "TopicArn", "Type");
    private static final List<String> SUBSCRIPTION_FIELDS = List.of("Message", "MessageId", "SubscribeURL", "Timestamp",
            "Token", "TopicArn", "Type");

    private final Set<String> topics;
    private final SnsEndpoints sns;
    private final JsonMapper json;

    SesWebhook(WebhookProperties properties, SnsEndpoints sns, JsonMapper json) {
        this.topics = Set.copyOf(properties.ses().topicArns().stream().map(String::strip).filter(t -> !t.isEmpty()).toList());
        this.sns = sns;
        this.json = json;
    }

    @Override
    public String name() {
        return "ses";
    }

    @Override
    public boolean configured() {
        return !topics.isEmpty();
    }

    @Override
    public void verify(byte[] body, Function<String, String> headers, Instant now) {
        EventJson message;
        try {
            message = EventJson.read(json, body, true).getFirst();
        } catch (InvalidInputException e) {
            throw new Rejected(HttpStatus.UNAUTHORIZED, "Not an SNS message: " + e.getMessage());
        }
        String topic = message.text("TopicArn", 300).orElse("");
        if (!topics.contains(topic)) {
            throw new Rejected(HttpStatus.FORBIDDEN, "TopicArn '" + topic + "' is not one of outreach.webhooks.ses.topic-arns");
        }
        String type = message.text("Type", 40).orElse("");
        List<String> fields = switch (type) {
            case "Notification" -> NOTIFICATION_FIELDS;
            case "SubscriptionConfirmation", "UnsubscribeConfirmation" -> SUBSCRIPTION_FIELDS;
            default -> throw new Rejected(HttpStatus.UNAUTHORIZED, "Unknown SNS message Type '" + type + "'");
        };
        String algorithm = switch (message.text("SignatureVersion", 5).orElse("")) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw new Rejected(HttpStatus.UNAUTHORIZED, "SignatureVersion must be 1 or 2");
        };
        Instant sent = timestamp(message);
        if (Duration.between(sent, now).abs().compareTo(SNS_TOLERANCE) > 0) {
            throw new Rejected(HttpStatus.UNAUTHORIZED, "The SNS Timestamp is more than an hour from the server's clock");
        }
        String signature = message.text("Signature", 1000).orElseThrow(() -> new Rejected(HttpStatus.UNAUTHORIZED,
                "Missing Signature"));
        X509Certificate certificate = sns.certificate(message.text("SigningCertURL", 500)
                .orElseThrow(() -> new Rejected(HttpStatus.UNAUTHORIZED, "Missing SigningCertURL")));
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(stringToSign(message, fields).getBytes(StandardCharsets.UTF_8));
            if (!verifier.verify(Base64.getDecoder().decode(signature))) {
                throw new Rejected(HttpStatus.UNAUTHORIZED, "The SNS signature does not match the message");
            }
        } catch (IllegalArgumentException | java.security.SignatureException e) {
            throw new Rejected(HttpStatus.UNAUTHORIZED, "Signature is not a base64 RSA signature");
        } catch (GeneralSecurityException e) {
            throw new Rejected(HttpStatus.UNAUTHORIZED, "The signing certificate's key cannot verify: " + e.getMessage());
        }
    }

    /** SNS's canonical string: each present field's name and value, one per line, in this order. */
    static String stringToSign(EventJson message, List<String> fields) {
        StringBuilder text = new StringBuilder();
        for (String field : fields) {
            message.raw(field).ifPresent(value -> text.append(field).append('\n').append(value).append('\n'));
        }
        return text.toString();
    }

    private static Instant timestamp(EventJson message) {
        try {
            return message.requiredTime("Timestamp");
        } catch (InvalidInputException e) {
            throw new Rejected(HttpStatus.UNAUTHORIZED, "The SNS message has no valid Timestamp");
        }
    }

    @Override
    public Parsed parse(byte[] body) {
        EventJson message = EventJson.read(json, body, true).getFirst();
        String type = message.required("Type", 40);
        if (type.equals("SubscriptionConfirmation")) {
            sns.confirm(message.required("SubscribeURL", 2000));
            return new Parsed(List.of(), 1);
        }
        if (!type.equals("Notification")) {
            return new Parsed(List.of(), 1);
        }
        String snsId = message.required("MessageId", 100);
        EventJson ses;
        try {
            JsonNode node = json.readTree(message.raw("Message").orElseThrow(() -> message.error("Message", "Missing")));
            if (node == null || !node.isObject()) {
                throw message.error("Message", "Must be an SES event object");
            }
            ses = EventJson.of(node);
        } catch (JacksonException e) {
            throw message.error("Message", "Not JSON: " + e.getOriginalMessage());
        }
        return event(snsId, ses).map(e -> new Parsed(List.of(e), 0)).orElseGet(() -> new Parsed(List.of(), 1));
    }

    private Optional<EmailEvent> event(String snsId, EventJson ses) {
        String type = ses.text("eventType", 40).or(() -> ses.text("notificationType", 40))
                .orElseThrow(() -> ses.error("eventType", "Missing eventType or notificationType"));
        EventJson mail = ses.object("mail").orElseThrow(() -> ses.error("mail", "Missing"));
        EmailEventKind kind;
        String section;
        boolean hard = false;
        String detail = null;
        switch (type) {
            case "Bounce" -> {
                kind = EmailEventKind.BOUNCED;
                section = "bounce";
                EventJson bounce = ses.object(section).orElseThrow(() -> ses.error(section, "Missing"));
                hard = bounce.text("bounceType", 30).filter("Permanent"::equals).isPresent();
                detail = recipientDetail(bounce, "bouncedRecipients", bounce.text("bounceType", 30).orElse("")
                        + " " + bounce.text("bounceSubType", 30).orElse(""));
            }
            case "Complaint" -> {
                kind = EmailEventKind.COMPLAINED;
                section = "complaint";
                detail = ses.object(section).flatMap(c -> c.text("complaintFeedbackType", 50)).orElse(null);
            }
            case "Delivery" -> {
                kind = EmailEventKind.DELIVERED;
                section = "delivery";
                detail = ses.object(section).flatMap(d -> d.text("smtpResponse", 500)).orElse(null);
            }
            case "DeliveryDelay" -> {
                kind = EmailEventKind.DEFERRED;
                section = "deliveryDelay";
                EventJson delay = ses.object(section).orElseThrow(() -> ses.error(section, "Missing"));
                detail = recipientDetail(delay, "delayedRecipients", delay.text("delayType", 50).orElse(""));
            }
            case "Open" -> {
                kind = EmailEventKind.OPENED;
                section = "open";
            }
            case "Click" -> {
                kind = EmailEventKind.CLICKED;
                section = "click";
                detail = ses.object(section).flatMap(c -> c.text("link", 1000)).orElse(null);
            }
            case "Reject" -> {
                kind = EmailEventKind.DROPPED;
                section = "reject";
                detail = ses.object(section).flatMap(r -> r.text("reason", 200)).orElse(null);
            }
            default -> {
                return Optional.empty();
            }
        }
        Instant at = ses.object(section).flatMap(s -> s.text("timestamp", 40)).isPresent()
                ? ses.object(section).orElseThrow().requiredTime("timestamp") : mail.requiredTime("timestamp");
        UUID messageId = mail.object("tags").flatMap(tags -> tags.firstText(EspMessageTag.NAME, 100))
                .flatMap(SesWebhook::uuid).orElse(null);
        String headerId = mail.object("commonHeaders").flatMap(h -> h.text("messageId", 300)).orElse(null);
        return Optional.of(new EmailEvent(name(), snsId, kind, messageId, headerId, at, hard, false, detail, ses.raw(),
                mail.text("messageId", 200).orElse(null)));
    }

    /** "smtp; 550 5.1.1 user unknown" of the first recipient, else the status, else the type. */
    private static String recipientDetail(EventJson section, String recipients, String type) {
        Optional<EventJson> first = section.firstOf(recipients);
        String said = first.flatMap(r -> r.text("diagnosticCode", 500).or(() -> r.text("status", 20))).orElse("");
        String text = (type.strip() + (said.isEmpty() ? "" : ": " + said)).strip();
        return text.isEmpty() ? null : text;
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
