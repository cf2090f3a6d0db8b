package dev.outreach.channel.contactform;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * A site is its registrable domain: {@code www.acme-plumbing.co.uk} and {@code acme-plumbing.co.uk}
 * are one site, {@code a.github.io} and {@code b.github.io} are two. The public suffix list is the
 * one Guava ships and keeps current. A host under no known suffix (an internal or test name) is
 * read by its last two labels; an IP address is a site of its own.
 */
public final class SiteName {

    private SiteName() {
    }

    /** The registrable domain of a URL (a bare domain is taken as https), or empty when it has no host. */
    public static Optional<String> of(String urlOrDomain) {
        if (urlOrDomain == null || urlOrDomain.isBlank()) {
            return Optional.empty();
        }
        String text = urlOrDomain.strip();
        try {
            return of(URI.create(text.contains("://") ? text : "https://" + text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The registrable domain of a URL's host. */
    public static Optional<String> of(URI uri) {
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (InetAddresses.isInetAddress(bare)) {
            return Optional.of(bare);
        }
        if (!InternetDomainName.isValid(host)) {
            return Optional.empty();
        }
        InternetDomainName name = InternetDomainName.from(host);
        if (name.isUnderPublicSuffix()) {
            return Optional.of(name.topPrivateDomain().toString());
        }
        if (name.isPublicSuffix() || !name.hasParent()) {
            return Optional.of(host);
        }
        var parts = name.parts();
        return Optional.of(parts.get(parts.size() - 2) + "." + parts.getLast());
    }
}
