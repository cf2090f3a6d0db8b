package dev.outreach.integration;

import dev.outreach.channel.GuardedUrl;
import dev.outreach.channel.UrlGuard;
import dev.outreach.channel.UrlRefusedException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import org.springframework.stereotype.Component;

/**
 * The URL guard for endpoints (loopback, private, link-local and metadata addresses refused),
 * checked when an admin saves an endpoint and again before every delivery, since a name may
 * resolve elsewhere later. Its own allow-list ({@code outreach.outgoing-webhooks.allowed-hosts})
 * is for tests' loopback receivers only.
 */
@Component
class WebhookUrls {

    private final UrlGuard guard;

    WebhookUrls(OutgoingWebhookProperties properties) {
        this.guard = new UrlGuard(properties.allowedHosts());
    }

    /** The URL if it may be called, else why not. */
    GuardedUrl check(String url) throws UrlRefusedException, UnknownHostException {
        try {
            return guard.check(new URI(url.strip()));
        } catch (URISyntaxException e) {
            throw new UrlRefusedException("not a URL: " + e.getReason());
        }
    }
}
