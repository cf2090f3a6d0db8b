package dev.outreach.events;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The address a tracking request came from. {@code X-Forwarded-For} is anyone's to write, so it is
 * read only when the request comes from one of {@code outreach.tracking.traffic.trusted-proxies}
 * (none by default: the remote address is the client). Then the hops are walked from the right,
 * past every trusted proxy, and the first one that is not trusted is the client: whatever a
 * client wrote to the left of it (a spoofed Apple or gateway address) is never believed. A hop
 * that is not an address ends the walk; the last trusted hop is then the client.
 */
@Component
class ClientAddress {

    private final List<AddressRange> trusted;

    ClientAddress(TrafficProperties properties) {
        this.trusted = properties.trustedProxies().stream().filter(c -> !c.isBlank()).map(AddressRange::parse).toList();
    }

    String of(HttpServletRequest request) {
        List<String> forwarded = request.getHeaders("X-Forwarded-For") == null ? List.of()
                : Collections.list(request.getHeaders("X-Forwarded-For"));
        return resolve(request.getRemoteAddr(), forwarded);
    }

    /** The client, from the remote address and the {@code X-Forwarded-For} headers in order. */
    String resolve(String remote, List<String> forwardedFor) {
        if (!isTrusted(remote)) {
            return remote;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        String client = remote;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = withoutPort(hops.get(i));
            if (AddressRange.literal(hop).isEmpty()) {
                break;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }

    /** {@code 203.0.113.7:5123} and {@code [2001:db8::7]:443} name their port too. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[") && hop.contains("]")) {
            return hop.substring(1, hop.indexOf(']'));
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }
}
