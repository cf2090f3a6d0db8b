package dev.outreach.channel.email;

import dev.outreach.shared.LinkTokens;
import dev.outreach.shared.UnsubscribeMailto;
import dev.outreach.shared.TrackingProperties;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Builds the links of a message, the one place that knows their shape: the one-click
 * unsubscribe link {@code /u/{token}}, the open pixel {@code /t/o/{token}} and click redirects
 * {@code /t/c/{token}}, each with a signed {@link LinkTokens token}, on
 * {@code outreach.public-base-url}. Without that setting the links point at this server on the
 * port it actually listens on ({@code http://localhost:<port>}, learnt when the web server
 * starts), so that a local run on another port still gets working links; a setting always wins.
 */
@Component
public class MessageLinks {

    private static final Logger log = LoggerFactory.getLogger(MessageLinks.class);

    private final boolean configured;
    private final String contextPath;
    private volatile String publicBaseUrl;
    private final LinkTokens tokens;
    private final TrackingProperties tracking;

    /** {@code publicBaseUrl} blank: derived from the port (the configured one until the server says which it got). */
    @Autowired
    MessageLinks(@Value("${outreach.public-base-url:}") String publicBaseUrl, @Value("${server.port:8080}") int port,
            @Value("${server.servlet.context-path:}") String contextPath, LinkTokens tokens, TrackingProperties tracking) {
        this.configured = publicBaseUrl != null && !publicBaseUrl.isBlank();
        this.contextPath = contextPath == null ? "" : contextPath.strip().replaceAll("/+$", "");
        this.publicBaseUrl = configured ? validated(publicBaseUrl) : local(port > 0 ? port : 8080);
        this.tokens = tokens;
        this.tracking = tracking;
    }

    public MessageLinks(String publicBaseUrl, LinkTokens tokens, TrackingProperties tracking) {
        this(publicBaseUrl, 8080, "", tokens, tracking);
    }

    @EventListener
    void serverStarted(WebServerInitializedEvent started) {
        if (!"management".equals(started.getApplicationContext().getServerNamespace())) {
            serverListening(started.getWebServer().getPort());
        }
    }

    /** The port the console's server listens on: the links' base unless {@code outreach.public-base-url} is set. */
    void serverListening(int port) {
        if (!configured && port > 0) {
            publicBaseUrl = local(port);
            log.info("Links in emails point at {}; set OUTREACH_PUBLIC_BASE_URL to the address people reach", publicBaseUrl);
        }
    }

    /** Where links in emails point now (for tests and the log). */
    String publicBaseUrl() {
        return publicBaseUrl;
    }

    private String local(int port) {
        return "http://localhost:" + port + contextPath;
    }

    private static String validated(String publicBaseUrl) {
        URI base = URI.create(publicBaseUrl.strip());
        if (!base.isAbsolute() || base.getHost() == null
                || !("https".equals(base.getScheme()) || "http".equals(base.getScheme()))) {
            throw new IllegalArgumentException(
                    "outreach.public-base-url must be an absolute http(s) URL, was '" + publicBaseUrl + "'");
        }
        return base.toString().replaceAll("/+$", "");
    }

    /** The List-Unsubscribe mailto: to the sending mailbox, with the one-click link's signed token as the subject. */
    public String unsubscribeMailto(String mailbox, UUID messageId) {
        return UnsubscribeMailto.uri(mailbox, tokens.unsubscribe(messageId));
    }

    /** The https link that unsubscribes the lead of this message with one click (RFC 8058); never tracked. */
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
