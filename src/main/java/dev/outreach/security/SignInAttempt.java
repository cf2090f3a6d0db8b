package dev.outreach.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who tried to sign in and from where, in the form the throttle counts them: the username as
 * the lookup matches it (case-insensitive, at most 100 characters) and the client's address,
 * an IPv6 address by its /64 (one subscriber's network hands out a whole /64).
 */
record SignInAttempt(String username, String address) {

    private static final int MAX_USERNAME = 100;
    /** A dotted IPv4 address, or text with a colon (which the JDK parses as an IPv6 literal, never looks up). */
    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F.]*:[0-9a-fA-F:.]{1,44}");

    SignInAttempt {
        username = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        username = username.length() > MAX_USERNAME ? username.substring(0, MAX_USERNAME) : username;
        address = network(address);
    }

    /** The attempt a login form post makes; the address is the client's as the server sees it (behind a proxy, its X-Forwarded-For). */
    static SignInAttempt of(HttpServletRequest request) {
        return new SignInAttempt(request.getParameter("username"), request.getRemoteAddr());
    }

    /** The username for a log line: control characters replaced, so that a crafted one cannot forge log lines. */
    String loggableUsername() {
        String shown = username.length() > 64 ? username.substring(0, 64) + "…" : username;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    private static String network(String address) {
        if (address == null || !IP_LITERAL.matcher(address).matches()) {
            // never resolved: only literals are parsed, so that no name lookup happens per attempt
            return address == null ? "unknown" : address.replaceAll("[\\p{Cntrl}\\s]", "?");
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            if (parsed instanceof Inet6Address) {
                byte[] prefix = Arrays.copyOf(parsed.getAddress(), 16);
                Arrays.fill(prefix, 8, 16, (byte) 0);
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            }
            return ((Inet4Address) parsed).getHostAddress();
        } catch (UnknownHostException | ClassCastException notAnAddress) {
            return address;
        }
    }
}
