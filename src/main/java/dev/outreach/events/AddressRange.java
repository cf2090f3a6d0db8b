package dev.outreach.events;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One block of addresses in CIDR notation ({@code 17.0.0.0/8}, {@code 2a01:111:f400::/48}), or a
 * single address. Addresses are parsed as literals only: nothing here ever asks DNS.
 */
record AddressRange(String cidr, byte[] network, int prefix) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    /** Parses {@code address/prefix} or a bare address; a bad one names itself in the exception. */
    static AddressRange parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        InetAddress address = literal(slash < 0 ? text : text.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException("Not an address range: '" + cidr + "'"));
        int bits = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not an address range: '" + cidr + "'", e);
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("Prefix out of range in '" + cidr + "'");
        }
        return new AddressRange(text, address.getAddress(), prefix);
    }

    /** Whether this address (a literal; anything else is no match) is in the range. */
    boolean contains(String address) {
        return address != null && literal(address).map(this::contains).orElse(false);
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        if (!Arrays.equals(bytes, 0, whole, network, 0, whole)) {
            return false;
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (bytes[whole] & mask) == (network[whole] & mask);
    }

    /**
     * An IPv4 or IPv6 literal (IPv4-mapped IPv6 addresses come back as IPv4); empty for anything
     * else, host names included, so that no lookup is ever made.
     */
    static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String ip = text.strip();
        try {
            if (IPV4.matcher(ip).matches()) {
                String[] parts = ip.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int part = Integer.parseInt(parts[i]);
                    if (part > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) part;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            // with a colon, InetAddress parses an IPv6 literal and never resolves
            if (ip.contains(":") && IPV6.matcher(ip).matches()) {
                return Optional.of(InetAddress.getByName(ip));
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange range && range.cidr.equals(cidr);
    }

    @Override
    public int hashCode() {
        return cidr.hashCode();
    }

    @Override
    public String toString() {
        return cidr;
    }
}
