package dev.outreach.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells requests for the open pixel or a click redirect made by machines from those made by
 * people. Machine opens are counted apart (the message keeps both counts); engagement rules use
 * only human opens and clicks.
 *
 * <p>An <b>open</b> is a machine's when, in this order:
 * <ol>
 * <li>it is a HEAD request, or has no User-Agent (link checkers, probes);</li>
 * <li>the User-Agent is an image proxy: Google's ({@code GoogleImageProxy}, Gmail fetches
 * images through it and hides who looked and when), Yahoo's ({@code YahooMailProxy}), or any
 * other agent naming itself an {@code ImageProxy};</li>
 * <li>it comes from Apple Mail Privacy Protection: an address in 17.0.0.0/8 (Apple's network,
 * from which MPP prefetches every image of every message on arrival) or the bare User-Agent
 * {@code Mozilla/5.0} MPP sends;</li>
 * <li>the User-Agent is a security gateway or bot: Barracuda, Mimecast, Proofpoint, Microsoft
 * Defender/Safe Links, Symantec/MessageLabs, Trend Micro, FireEye, Cisco IronPort, Forcepoint,
 * Zscaler, Sophos, McAfee, or any bot/crawler/spider/scanner, HTTP library or headless browser;</li>
 * <li>it comes within {@code outreach.tracking.machine-window} (10 s) of the send, or for a
 * message not (yet) recorded as sent: scanners fetch on arrival, people are not that fast.</li>
 * </ol>
 * A <b>click</b> is a machine's by the same rules except the image proxies and Apple's
 * prefetching (those fetch images, not links; a person clicking on an iPhone is a person). A
 * machine's click still gets its redirect, but is not recorded as a click.
 */
final class MachineTraffic {

    /** One request: method, User-Agent and remote address as the servlet container saw them. */
    record Hit(String method, String userAgent, String remoteAddress, Instant at) {
    }

    private static final List<String> IMAGE_PROXIES = List.of("googleimageproxy", "ggpht.com", "yahoomailproxy",
            "imageproxy");
    private static final List<String> SCANNERS = List.of("barracuda", "mimecast", "proofpoint", "ppops",
            "safelinks", "safe links", "defender", "microsoft office existence discovery", "symantec", "messagelabs",
            "trendmicro", "trend micro", "fireeye", "trellix", "ironport", "forcepoint", "zscaler", "sophos", "mcafee",
            "bot", "crawler", "spider", "scanner", "preview", "curl/", "wget/", "python-requests", "python-urllib",
            "aiohttp", "go-http-client", "java/", "okhttp", "apache-httpclient", "libwww-perl", "headlesschrome",
            "phantomjs", "axios/", "node-fetch");
    private static final String APPLE_MPP_AGENT = "Mozilla/5.0";

    private MachineTraffic() {
    }

    /** Why this open is a machine's; empty when a person opened the message. */
    static Optional<String> machineOpen(Hit hit, Optional<Instant> sentAt, Duration window) {
        return probe(hit)
                .or(() -> matches(hit, IMAGE_PROXIES).map(agent -> "image proxy (" + agent + ")"))
                .or(() -> applePrivacyProxy(hit))
                .or(() -> matches(hit, SCANNERS).map(agent -> "scanner or bot (" + agent + ")"))
                .or(() -> tooSoon(hit, sentAt, window));
    }

    /** Why this click is a machine's; empty when a person clicked. */
    static Optional<String> machineClick(Hit hit, Optional<Instant> sentAt, Duration window) {
        return probe(hit)
                .or(() -> matches(hit, SCANNERS).map(agent -> "scanner or bot (" + agent + ")"))
                .or(() -> tooSoon(hit, sentAt, window));
    }

    private static Optional<String> probe(Hit hit) {
        if ("HEAD".equalsIgnoreCase(hit.method())) {
            return Optional.of("HEAD request");
        }
        return hit.userAgent() == null || hit.userAgent().isBlank() ? Optional.of("no User-Agent") : Optional.empty();
    }

    private static Optional<String> matches(Hit hit, List<String> agents) {
        String agent = hit.userAgent().toLowerCase(Locale.ROOT);
        return agents.stream().filter(agent::contains).findFirst();
    }

    private static Optional<String> applePrivacyProxy(Hit hit) {
        if (hit.userAgent().strip().equals(APPLE_MPP_AGENT)) {
            return Optional.of("Apple Mail Privacy Protection (bare Mozilla/5.0 agent)");
        }
        return inApplesNetwork(hit.remoteAddress()) ? Optional.of("Apple Mail Privacy Protection (17.0.0.0/8)")
                : Optional.empty();
    }

    /** 17.0.0.0/8, also as an IPv4-mapped IPv6 address. */
    static boolean inApplesNetwork(String address) {
        if (address == null) {
            return false;
        }
        String ip = address.strip().toLowerCase(Locale.ROOT);
        if (ip.startsWith("::ffff:")) {
            ip = ip.substring("::ffff:".length());
        }
        return ip.matches("17\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private static Optional<String> tooSoon(Hit hit, Optional<Instant> sentAt, Duration window) {
        if (sentAt.isEmpty()) {
            return Optional.of("before the send was recorded");
        }
        Duration after = Duration.between(sentAt.get(), hit.at());
        return after.compareTo(window) < 0 ? Optional.of(after.toMillis() / 1000 + " s after the send")
                : Optional.empty();
    }
}
