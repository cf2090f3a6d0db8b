package dev.outreach.channel;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/** A URL that passed {@link UrlGuard}, with every address its host resolved to at check time. */
public record GuardedUrl(URI uri, List<InetAddress> addresses) {

    public GuardedUrl {
        addresses = List.copyOf(addresses);
    }
}
