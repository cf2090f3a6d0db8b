package dev.outreach.events;

import dev.outreach.events.EmailEventIngestion.Outcome;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/webhooks/email-events/{provider}}: {@code sendgrid}, {@code mailgun},
 * {@code postmark}, {@code ses} or {@code generic} (see {@link SendGridWebhook},
 * {@link MailgunWebhook}, {@link PostmarkWebhook}, {@link SesWebhook} and {@link GenericWebhook}). The raw body is read
 * here with a 1 MB cap, its signature checked on the raw bytes, and only then parsed. One request
 * is one transaction: a bad signature, an oversized body, malformed JSON or one bad event is
 * refused with the reason and changes nothing. The answer counts what became of the events.
 */
@RestController
class EmailWebhookController {

    static final int MAX_BODY = 1024 * 1024;
    /** A request that lost a lock race with a concurrent one (deadlock, suppression insert) is run again. */
    private static final int TRIES = 3;

    private static final Logger log = LoggerFactory.getLogger(EmailWebhookController.class);

    record Counts(int applied, int duplicate, int orphan, int ignored) {
    }

    record Refusal(String error, List<FieldError> errors) {
    }

    private final Map<String, EmailWebhook> webhooks;
    private final EmailEventIngestion ingestion;
    private final Clock clock;

    EmailWebhookController(List<EmailWebhook> webhooks, EmailEventIngestion ingestion, Clock clock) {
        this.webhooks = webhooks.stream().collect(Collectors.toMap(EmailWebhook::name, Function.identity()));
        this.ingestion = ingestion;
        this.clock = clock;
    }

    @PostMapping("/api/webhooks/email-events/{provider}")
    ResponseEntity<?> receive(@PathVariable String provider, HttpServletRequest request) throws IOException {
        EmailWebhook webhook = webhooks.get(provider);
        if (webhook == null) {
            return refuse(HttpStatus.NOT_FOUND, "Unknown webhook provider '" + provider + "': use "
                    + String.join(" or ", webhooks.keySet().stream().sorted().toList()));
        }
        if (!webhook.configured()) {
            return refuse(HttpStatus.SERVICE_UNAVAILABLE, "webhook provider " + provider + " is not configured");
        }
        try {
            byte[] body = readBody(request);
            webhook.verify(body, request::getHeader, clock.instant());
            EmailWebhook.Parsed parsed = webhook.parse(body);
            return ResponseEntity.ok(counts(ingest(parsed.events()), parsed.ignored()));
        } catch (EmailWebhook.Rejected e) {
            log.info("Webhook {} refused ({}): {}", provider, e.status().value(), e.getMessage());
            return refuse(e.status(), e.getMessage());
        } catch (InvalidInputException e) {
            log.info("Webhook {} refused (400): {}", provider, e.getMessage());
            return ResponseEntity.badRequest().body(new Refusal("Invalid webhook body: " + e.getMessage(), e.errors()));
        } catch (ConcurrencyFailureException | DuplicateKeyException e) {
            log.warn("Webhook {}: batch still losing lock races after {} tries: {}", provider, TRIES, e.toString());
            return refuse(HttpStatus.SERVICE_UNAVAILABLE, "Busy with concurrent events; nothing was stored, send again");
        } catch (RuntimeException e) {
            // Answered here: the error page lives behind the console's login, which would answer a redirect.
            log.error("Webhook {} failed; nothing was stored", provider, e);
            return refuse(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error; nothing was stored, send again");
        }
    }

    /** The raw body, refused (413) past 1 MB: by its declared length first, else after reading 1 MB and one byte. */
    private static byte[] readBody(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY) {
            throw new EmailWebhook.Rejected(HttpStatus.CONTENT_TOO_LARGE,
                    "The body is " + declared + " bytes; at most " + MAX_BODY + " (1 MB) are accepted");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new EmailWebhook.Rejected(HttpStatus.CONTENT_TOO_LARGE,
                        "The body is larger than " + MAX_BODY + " bytes (1 MB), the most accepted");
            }
            return body;
        }
    }

    private List<Outcome> ingest(List<EmailEvent> events) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ingestion.ingestAll(events);
            } catch (ConcurrencyFailureException | DuplicateKeyException e) {
                if (attempt == TRIES) {
                    throw e;
                }
                log.debug("Webhook batch retried after {}", e.toString());
            }
        }
    }

    private static Counts counts(List<Outcome> outcomes, int ignored) {
        int[] counts = new int[Outcome.values().length];
        outcomes.forEach(outcome -> counts[outcome.ordinal()]++);
        return new Counts(counts[Outcome.APPLIED.ordinal()], counts[Outcome.DUPLICATE.ordinal()],
                counts[Outcome.ORPHAN.ordinal()], ignored);
    }

    private static ResponseEntity<Refusal> refuse(HttpStatus status, String reason) {
        return ResponseEntity.status(status).body(new Refusal(reason, List.of()));
    }
}
