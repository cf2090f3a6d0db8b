package dev.outreach.events;

import dev.outreach.shared.LinkTokens;
import dev.outreach.shared.TrackingProperties;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * The link in every email's List-Unsubscribe header (and footer), {@code /u/{token}}: GET shows a
 * page with one button (so a scanner following links unsubscribes nobody); POST (the button, or
 * a mail client's RFC 8058 one-click request) unsubscribes, and the suppression is committed
 * before the answer. No login and no cookie; the token is signed ({@link LinkTokens}), so links
 * cannot be made up. Links sent before tokens were signed carry the bare message id (a random
 * UUID) and work only while {@code outreach.tracking.accept-legacy-unsubscribe-links} is on (off
 * by default: that id is in the Message-ID of every reply and bounce, so it proves nothing).
 */
@Controller
class UnsubscribeController {

    private final UnsubscribeService unsubscribes;
    private final LinkTokens tokens;
    private final TrackingProperties tracking;

    UnsubscribeController(UnsubscribeService unsubscribes, LinkTokens tokens, TrackingProperties tracking) {
        this.unsubscribes = unsubscribes;
        this.tokens = tokens;
        this.tracking = tracking;
    }

    @GetMapping("/u/{token}")
    ResponseEntity<String> page(@PathVariable String token) {
        Optional<String> address = messageOf(token).flatMap(unsubscribes::addressFor);
        if (address.isEmpty()) {
            return notFound();
        }
        return html(HttpStatus.OK, "Unsubscribe", "<p>Stop all outreach to <strong>" + HtmlUtils.htmlEscape(address.get())
                + "</strong>?</p><form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>");
    }

    @PostMapping("/u/{token}")
    ResponseEntity<String> unsubscribe(@PathVariable String token) {
        Optional<String> address = messageOf(token).flatMap(unsubscribes::unsubscribe);
        if (address.isEmpty()) {
            return notFound();
        }
        return html(HttpStatus.OK, "Unsubscribed", "<p>Done: <strong>" + HtmlUtils.htmlEscape(address.get())
                + "</strong> will not hear from us again.</p>");
    }

    private Optional<UUID> messageOf(String token) {
        Optional<UUID> signed = tokens.unsubscribedMessage(token);
        if (signed.isPresent() || !tracking.acceptLegacyUnsubscribeLinks()) {
            return signed;
        }
        try {
            return Optional.of(UUID.fromString(token));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ResponseEntity<String> notFound() {
        return html(HttpStatus.NOT_FOUND, "Link not valid", "<p>This unsubscribe link is not valid.</p>");
    }

    private static ResponseEntity<String> html(HttpStatus status, String title, String body) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <meta name="viewport" content="width=device-width, initial-scale=1"></head>
                <body style="font-family: sans-serif; max-width: 32rem; margin: 4rem auto;">%s</body></html>
                """.formatted(title, body));
    }
}
