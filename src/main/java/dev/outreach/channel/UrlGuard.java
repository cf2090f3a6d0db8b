package dev.outreach.channel;

import dev.outreach.channel.contactform.ContactFormProperties;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one guard for every outbound fetch of a URL that came from data (a lead's website or
 * contact form, a redirect's Location). It refuses anything that could reach the machine, the
 * private network or a cloud metadata service, before any connection is made:
 * <ul>
 *   <li>schemes other than http and https, and user info in the URL;</li>
 *   <li>host names that are not public: {@code localhost}, single-label names (they resolve
 *       through search domains to internal hosts), {@code .internal}, {@code .local} and the
 *       metadata names;</li>
 *   <li>numeric hosts in any form but canonical dotted decimal ({@code 2130706433},
 *       {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 127.1}): resolvers disagree on what they
 *       mean, so they are refused rather than interpreted;</li>
 *   <li>every address the host resolves to that is not public unicast (see
 *       {@link BlockedAddresses}); one bad address refuses the URL, since a connection could
 *       pick any of them.</li>
 * </ul>
 * Callers fetch redirects themselves and check every Location here again.
 */
@Component
public class UrlGuard {

    /** Resolves a host name; tests replace DNS with a table. */
    @FunctionalInterface
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Set<String> METADATA_HOSTS = Set.of(
            "metadata", "metadata.goog", "metadata.google.internal", "instance-data", "instance-data.ec2.internal");
    private static final List<String> NON_PUBLIC_SUFFIXES = List.of(
            ".localhost", ".local", ".internal", ".localdomain", ".home.arpa");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("(?i)0x[0-9a-f]*|[0-9]+");
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern CANONICAL_IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

    private final Set<String> allowedHostPorts;
    private final HostResolver resolver;

    /**
     * A guard that additionally lets through the exact {@code host:port} pairs given (as written
     * in the URL, e.g. {@code 127.0.0.1:54321}). Only tests and staging allow anything.
     */
    public UrlGuard(Collection<String> allowedHostPorts) {
        this(allowedHostPorts, InetAddress::getAllByName);
    }

    @Autowired
    UrlGuard(ContactFormProperties properties) {
        this(properties.allowedHosts());
    }

    UrlGuard(Collection<String> allowedHostPorts, HostResolver resolver) {
        this.allowedHostPorts = allowedHostPorts.stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /**
     * Checks a URL and resolves its host; the URL may be fetched only if this returns.
     *
     * @throws UrlRefusedException naming why, before any connection was made
     * @throws UnknownHostException when the host does not resolve (possibly a passing DNS failure)
     */
    public GuardedUrl check(URI uri) throws UrlRefusedException, UnknownHostException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UrlRefusedException("scheme '" + scheme + "' refused (only http and https)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UrlRefusedException("user info in URL refused");
        }
        String host = hostOf(uri);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        boolean allowed = allowedHostPorts.contains(uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        if (!allowed) {
            refuseNonPublicName(host);
        }
        List<InetAddress> addresses = Arrays.asList(resolver.resolve(host));
        if (!allowed) {
            for (InetAddress address : addresses) {
                Optional<String> reason = BlockedAddresses.reasonToRefuse(address);
                if (reason.isPresent()) {
                    throw new UrlRefusedException(isLiteral(host) ? reason.get() : "host " + host + ": " + reason.get());
                }
            }
        }
        return new GuardedUrl(uri, addresses);
    }

    /** The host without IPv6 brackets or a trailing dot, lower case. */
    private static String hostOf(URI uri) throws UrlRefusedException {
        if (uri.getHost() == null) {
            // java.net.URI leaves the host empty for forms like 127.1 and 0x7f.0.0.1
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
            String bare = authority.replaceFirst("^.*@", "").replaceFirst(":\\d*$", "");
            throw new UrlRefusedException(looksNumeric(bare)
                    ? "non-canonical numeric address " + bare + " refused"
                    : "URL has no valid host: '" + bare + "'");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
            if (host.contains("%")) {
                throw new UrlRefusedException("IPv6 zone id in " + host + " refused");
            }
            return host;
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static void refuseNonPublicName(String host) throws UrlRefusedException {
        if (host.contains(":")) {
            return; // an IPv6 literal: judged by its address
        }
        if (looksNumeric(host)) {
            if (!CANONICAL_IPV4.matcher(host).matches()) {
                throw new UrlRefusedException("non-canonical numeric address " + host + " refused");
            }
            return;
        }
        if (METADATA_HOSTS.contains(host)) {
            throw new UrlRefusedException("cloud metadata host " + host + " refused");
        }
        if (host.equals("localhost") || NON_PUBLIC_SUFFIXES.stream().anyMatch(host::endsWith)) {
            throw new UrlRefusedException("non-public host name " + host + " refused");
        }
        if (!host.contains(".")) {
            throw new UrlRefusedException("single-label host name " + host + " refused (not a public name)");
        }
    }

    /** No top-level domain is numeric, so a numeric last label means the host is an address. */
    private static boolean looksNumeric(String host) {
        String[] labels = host.split("\\.");
        return labels.length > 0 && NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches();
    }

    private static boolean isLiteral(String host) {
        return host.contains(":") || CANONICAL_IPV4.matcher(host).matches();
    }
}
