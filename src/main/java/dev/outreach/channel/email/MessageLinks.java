package dev.outreach.channel.email;

import java.net.URI;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Builds the one-click unsubscribe link of a message, the one place that knows its shape.
 * The token is the message id for now; signed tokens replace it here and nowhere else.
 */
@Component
public class UnsubscribeLinks {

    private final String publicBaseUrl;

    public UnsubscribeLinks(@Value("${outreach.public-base-url:http://localhost:8080}") String publicBaseUrl) {
        URI base = URI.create(publicBaseUrl.strip());
        if (!base.isAbsolute() || base.getHost() == null
                || !("https".equals(base.getScheme()) || "http".equals(base.getScheme()))) {
            throw new IllegalArgumentException(
                    "outreach.public-base-url must be an absolute http(s) URL, was '" + publicBaseUrl + "'");
        }
        this.publicBaseUrl = base.toString().replaceAll("/+$", "");
    }

    /** The https link that unsubscribes the lead of this message with one click (RFC 8058). */
    public URI oneClick(UUID messageId) {
        return URI.create(publicBaseUrl + "/u/" + messageId);
    }
}
