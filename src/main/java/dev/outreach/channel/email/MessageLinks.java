package dev.outreach.channel.email;

import dev.outreach.shared.LinkTokens;
import dev.outreach.shared.UnsubscribeMailto;
import dev.outreach.shared.TrackingProperties;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Builds the links of a message, the one place that knows their shape: the one-click
 * unsubscribe link {@code /u/{token}}, the open pixel {@code /t/o/{token}} and click redirects
 * {@code /t/c/{token}}, each with a signed {@link LinkTokens token}, on
 * {@code outreach.public-base-url}.
 */
@Component
public class MessageLinks {

    private final String publicBaseUrl;
    private final LinkTokens tokens;
    private final TrackingProperties tracking;

    public MessageLinks(@Value("${outreach.public-base-url:http://localhost:8080}") String publicBaseUrl, LinkTokens tokens,
            TrackingProperties tracking) {
        URI base = URI.create(publicBaseUrl.strip());
        if (!base.isAbsolute() || base.getHost() == null
                || !("https".equals(base.getScheme()) || "http".equals(base.getScheme()))) {
            throw new IllegalArgumentException(
                    "outreach.public-base-url must be an absolute http(s) URL, was '" + publicBaseUrl + "'");
        }
        this.publicBaseUrl = base.toString().replaceAll("/+$", "");
        this.tokens = tokens;
        this.tracking = tracking;
    }

    /** The https link that unsubscribes the lead of this message with one click (RFC 8058); never tracked. */
    /** The List-Unsubscribe mailto: to the sending mailbox, with the one-click link's signed token as the subject. */
    public String unsubscribeMailto(String mailbox, UUID messageId) {
        return UnsubscribeMailto.uri(mailbox, tokens.unsubscribe(messageId));
    }

    public URI oneClick(UUID messageId) {
        return URI.create(publicBaseUrl + "/u/" + tokens.unsubscribe(messageId));
    }

    /** The open pixel's address, when open tracking is on. */
    Optional<URI> openPixel(UUID messageId) {
        return tracking.opens() ? Optional.of(URI.create(publicBaseUrl + "/t/o/" + tokens.open(messageId)))
                : Optional.empty();
    }

    /**
     * The click redirect for a link of the message, when click tracking is on and the link is
     * an http(s) URL other than our own links (the unsubscribe link stays as it is).
     */
    Optional<URI> click(UUID messageId, String url) {
        if (!tracking.clicks() || url.startsWith(publicBaseUrl + "/")) {
            return Optional.empty();
        }
        return tokens.click(messageId, url).map(token -> URI.create(publicBaseUrl + "/t/c/" + token));
    }
}
