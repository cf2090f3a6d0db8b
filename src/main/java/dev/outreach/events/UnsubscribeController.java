package dev.outreach.events;

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
 * The link in every email's List-Unsubscribe header, {@code /u/{messageId}}: GET shows a page
 * with one button; POST (the button, or a mail client's RFC 8058 one-click request) unsubscribes.
 * No login and no cookie; the message id is a random UUID, so links cannot be guessed.
 */
@Controller
class UnsubscribeController {

    private final UnsubscribeService unsubscribes;

    UnsubscribeController(UnsubscribeService unsubscribes) {
        this.unsubscribes = unsubscribes;
    }

    @GetMapping("/u/{messageId}")
    ResponseEntity<String> page(@PathVariable String messageId) {
        Optional<String> address = parse(messageId).flatMap(unsubscribes::addressFor);
        if (address.isEmpty()) {
            return notFound();
        }
        return html(HttpStatus.OK, "Unsubscribe", "<p>Stop all outreach to <strong>" + HtmlUtils.htmlEscape(address.get())
                + "</strong>?</p><form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>");
    }

    @PostMapping("/u/{messageId}")
    ResponseEntity<String> unsubscribe(@PathVariable String messageId) {
        Optional<String> address = parse(messageId).flatMap(unsubscribes::unsubscribe);
        if (address.isEmpty()) {
            return notFound();
        }
        return html(HttpStatus.OK, "Unsubscribed", "<p>Done: <strong>" + HtmlUtils.htmlEscape(address.get())
                + "</strong> will not hear from us again.</p>");
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
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
