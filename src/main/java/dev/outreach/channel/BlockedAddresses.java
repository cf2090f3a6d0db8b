package dev.outreach.channel;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges {@link UrlGuard} refuses: everything that is not a public unicast address.
 * IPv6 forms that carry an IPv4 address (mapped, compatible, 6to4, NAT64) are judged by the
 * IPv4 address inside, so {@code ::ffff:127.0.0.1} is as loopback as {@code 127.0.0.1}.
 */
final class BlockedAddresses {

    private record Block(String kind, byte[] prefix, int bits) {

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int fullBytes = bits / 8;
            if (!Arrays.equals(address, 0, fullBytes, prefix, 0, fullBytes)) {
                return false;
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[fullBytes] & mask) == (prefix[fullBytes] & mask);
        }
    }

    private static final List<Block> V4 = List.of(
            block("unspecified (this network)", "0.0.0.0", 8),
            block("private", "10.0.0.0", 8),
            block("shared (CGNAT)", "100.64.0.0", 10),
            block("loopback", "127.0.0.0", 8),
            block("link-local (cloud metadata)", "169.254.0.0", 16),
            block("private", "172.16.0.0", 12),
            block("IETF protocol", "192.0.0.0", 24),
            block("documentation", "192.0.2.0", 24),
            block("private", "192.168.0.0", 16),
            block("benchmarking", "198.18.0.0", 15),
            block("documentation", "198.51.100.0", 24),
            block("documentation", "203.0.113.0", 24),
            block("multicast", "224.0.0.0", 4),
            block("reserved", "240.0.0.0", 4));

    private static final List<Block> V6 = List.of(
            block("unspecified", "::", 128),
            block("loopback", "::1", 128),
            block("unique-local (private)", "fc00::", 7),
            block("link-local", "fe80::", 10),
            block("site-local", "fec0::", 10),
            block("multicast", "ff00::", 8),
            block("documentation", "2001:db8::", 32),
            block("discard-only", "100::", 64));

    private BlockedAddresses() {
    }

    /** Why this address may not be fetched, or empty for a public unicast address. */
    static Optional<String> reasonToRefuse(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            Optional<byte[]> embedded = embeddedIpv4(bytes);
            if (embedded.isPresent()) {
                return reasonForIpv4(embedded.get())
                        .map(kind -> kind + " address " + address.getHostAddress() + " (IPv4 inside IPv6) refused");
            }
            return find(V6, bytes).map(kind -> kind + " address " + address.getHostAddress() + " refused");
        }
        return reasonForIpv4(bytes).map(kind -> kind + " address " + address.getHostAddress() + " refused");
    }

    private static Optional<String> reasonForIpv4(byte[] bytes) {
        if (Arrays.equals(bytes, new byte[] {-1, -1, -1, -1})) {
            return Optional.of("broadcast");
        }
        return find(V4, bytes);
    }

    /**
     * The IPv4 address carried by an IPv4-mapped ({@code ::ffff:0:0/96}), IPv4-compatible
     * ({@code ::/96}), NAT64 ({@code 64:ff9b::/96}) or 6to4 ({@code 2002::/16}) address.
     */
    private static Optional<byte[]> embeddedIpv4(byte[] v6) {
        boolean firstTenZero = allZero(v6, 0, 10);
        boolean mapped = firstTenZero && (v6[10] & 0xFF) == 0xFF && (v6[11] & 0xFF) == 0xFF;
        // ::/96 except :: and ::1, which the IPv6 table names properly
        boolean compatible = firstTenZero && v6[10] == 0 && v6[11] == 0
                && !(allZero(v6, 12, 15) && (v6[15] == 0 || v6[15] == 1));
        if (mapped || compatible || startsWith(v6, 0x00, 0x64, 0xff, 0x9b) && allZero(v6, 4, 12)) {
            return Optional.of(Arrays.copyOfRange(v6, 12, 16));
        }
        if (startsWith(v6, 0x20, 0x02)) {
            return Optional.of(Arrays.copyOfRange(v6, 2, 6));
        }
        return Optional.empty();
    }

    private static Optional<String> find(List<Block> blocks, byte[] bytes) {
        return blocks.stream().filter(b -> b.contains(bytes)).map(Block::kind).findFirst();
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Block block(String kind, String literal, int bits) {
        try {
            // literals only: getByName does no DNS lookup for them
            return new Block(kind, InetAddress.getByName(literal).getAddress(), bits);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
