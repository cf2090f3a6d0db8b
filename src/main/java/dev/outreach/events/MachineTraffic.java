package dev.outreach.events;

import dev.outreach.shared.TrackingProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Tells a person's open or click from a machine's, and names the rule that decided (stored on the
 * event row as {@code verdict_rule}). Every open is recorded; only a person's opens and clicks are
 * engagement. A machine's click still gets its redirect but never counts. The rules, in order,
 * first match wins (docs/tracking.md explains each and its sources):
 * <ul>
 * <li>{@code head-request}, {@code no-user-agent}: probes and link checkers;</li>
 * <li>{@code gateway-range:<vendor>}: the client address is in a security gateway's published
 * ranges (they often send a browser's User-Agent);</li>
 * <li>{@code gateway-agent:<vendor>}, {@code bot-agent}: the User-Agent names a gateway, a bot, an
 * HTTP library or a headless browser;</li>
 * <li>opens only: {@code gmail-image-proxy} and {@code yahoo-image-proxy} are a PERSON (those
 * proxies fetch images when someone opens the message); {@code apple-mpp} is a machine (Apple
 * Mail Privacy Protection prefetches every image on arrival, from Apple's network or with the
 * bare User-Agent {@code Mozilla/5.0});</li>
 * <li>{@code on-arrival}: within {@code outreach.tracking.machine-window} of the send, or before
 * the send was recorded: scanners fetch on arrival, people are not that fast;</li>
 * <li>clicks only: {@code link-burst} (another link of the same message was clicked within
 * {@code link-burst}; {@link TrackingService} then re-classes the burst's first click, counted as a
 * person's when it came) and {@code no-browser-headers} (neither a cookie nor the Accept-Language
 * every browser sends on a navigation);</li>
 * <li>otherwise {@code person}.</li>
 * </ul>
 */
@Component
class MachineTraffic {

    /** One tracking request as it reached us; {@code client} is the address {@link ClientAddress} found. */
    record Hit(String method, String userAgent, String client, Instant at, boolean cookie, boolean acceptLanguage) {

        Hit {
            userAgent = userAgent == null ? "" : userAgent.strip();
        }
    }

    /**
     * What the message's history says: when it was sent, and when another of its links was last
     * clicked (for clicks).
     */
    record History(Optional<Instant> sentAt, Optional<Instant> otherLinkClickedAt) {
    }

    /** A verdict: a machine's or a person's request, the rule that said so, and why in words. */
    record Verdict(boolean machine, String rule, String reason) {

        static Verdict machine(String rule, String reason) {
            return new Verdict(true, rule, reason);
        }

        static Verdict person(String rule, String reason) {
            return new Verdict(false, rule, reason);
        }
    }

    private static final List<String> BOT_AGENTS = List.of("bot", "crawler", "spider", "scanner", "preview", "curl/",
            "wget/", "python-requests", "python-urllib", "aiohttp", "go-http-client", "java/", "java-http-client",
            "okhttp", "apache-httpclient", "libwww-perl", "headlesschrome", "phantomjs", "axios/", "node-fetch");
    private static final String APPLE_MPP_AGENT = "Mozilla/5.0";

    private final List<AddressRange> appleRanges;
    private final Map<String, List<AddressRange>> gatewayRanges;
    private final Duration machineWindow;
    private final Duration linkBurst;

    MachineTraffic(TrafficProperties traffic, TrackingProperties tracking) {
        this.appleRanges = ranges(traffic.appleRanges());
        Map<String, List<String>> gateways = new LinkedHashMap<>(SecurityGateways.PUBLISHED_RANGES);
        gateways.putAll(traffic.gatewayRanges());
        this.gatewayRanges = new LinkedHashMap<>();
        gateways.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> gatewayRanges.put(e.getKey().toLowerCase(Locale.ROOT), ranges(e.getValue())));
        this.machineWindow = tracking.machineWindow();
        this.linkBurst = traffic.linkBurst();
    }

    private static List<AddressRange> ranges(List<String> cidrs) {
        return cidrs.stream().filter(c -> !c.isBlank()).map(AddressRange::parse).toList();
    }

    /** The verdict on a fetch of the open pixel. */
    Verdict open(Hit hit, History history) {
        return first(hit, history, Stream.<Rule>of(this::probe, this::gatewayRange, this::agent, this::imageProxy,
                this::applePrivacyProtection, this::onArrival))
                .orElseGet(() -> Verdict.person("person", "a mail client showed the images"));
    }

    /** The verdict on a click. */
    Verdict click(Hit hit, History history) {
        return first(hit, history, Stream.<Rule>of(this::probe, this::gatewayRange, this::agent, this::onArrival,
                this::linkBurst, this::bareRequest))
                .orElseGet(() -> Verdict.person("person", "a browser followed the link"));
    }

    private interface Rule {
        Optional<Verdict> judge(Hit hit, History history);
    }

    private static Optional<Verdict> first(Hit hit, History history, Stream<Rule> rules) {
        return rules.map(rule -> rule.judge(hit, history)).flatMap(Optional::stream).findFirst();
    }

    private Optional<Verdict> probe(Hit hit, History history) {
        if ("HEAD".equalsIgnoreCase(hit.method())) {
            return Optional.of(Verdict.machine("head-request", "a HEAD request: a link checker, not a reader"));
        }
        return hit.userAgent().isEmpty() ? Optional.of(Verdict.machine("no-user-agent", "no User-Agent"))
                : Optional.empty();
    }

    private Optional<Verdict> gatewayRange(Hit hit, History history) {
        return AddressRange.literal(hit.client()).flatMap(address -> gatewayRanges.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(range -> range.contains(address))).findFirst()
                .map(e -> Verdict.machine("gateway-range:" + e.getKey(),
                        "from " + e.getKey() + "'s published address ranges")));
    }

    private Optional<Verdict> agent(Hit hit, History history) {
        return SecurityGateways.byAgent(hit.userAgent())
                .map(vendor -> Verdict.machine("gateway-agent:" + vendor, "the User-Agent names " + vendor + "'s scanner"))
                .or(() -> contains(hit.userAgent(), BOT_AGENTS)
                        .map(word -> Verdict.machine("bot-agent", "a bot, HTTP library or headless browser (" + word + ")")));
    }

    private Optional<Verdict> imageProxy(Hit hit, History history) {
        String agent = hit.userAgent().toLowerCase(Locale.ROOT);
        if (agent.contains("googleimageproxy") || agent.contains("ggpht.com")) {
            return Optional.of(Verdict.person("gmail-image-proxy", "Gmail fetches images when the reader opens the message"));
        }
        if (agent.contains("yahoomailproxy")) {
            return Optional.of(Verdict.person("yahoo-image-proxy", "Yahoo Mail fetches images when the reader opens the message"));
        }
        return Optional.empty();
    }

    private Optional<Verdict> applePrivacyProtection(Hit hit, History history) {
        if (hit.userAgent().equals(APPLE_MPP_AGENT)) {
            return Optional.of(Verdict.machine("apple-mpp", "Apple Mail Privacy Protection prefetch (bare Mozilla/5.0)"));
        }
        return AddressRange.literal(hit.client()).flatMap(address -> appleRanges.stream()
                .filter(range -> range.contains(address)).findFirst()
                .map(range -> Verdict.machine("apple-mpp", "Apple Mail Privacy Protection prefetch (from " + range + ")")));
    }

    private Optional<Verdict> onArrival(Hit hit, History history) {
        if (history.sentAt().isEmpty()) {
            return Optional.of(Verdict.machine("on-arrival", "before the send was recorded"));
        }
        Duration after = Duration.between(history.sentAt().get(), hit.at());
        return after.compareTo(machineWindow) < 0
                ? Optional.of(Verdict.machine("on-arrival", after.toSeconds() + " s after the send: fetched on arrival"))
                : Optional.empty();
    }

    private Optional<Verdict> linkBurst(Hit hit, History history) {
        return history.otherLinkClickedAt().filter(other -> Duration.between(other, hit.at()).abs().compareTo(linkBurst) <= 0)
                .map(other -> Verdict.machine("link-burst", "another link of the message was clicked "
                        + Duration.between(other, hit.at()).abs().toMillis() + " ms before: a scanner following every link"));
    }

    private Optional<Verdict> bareRequest(Hit hit, History history) {
        return hit.cookie() || hit.acceptLanguage() ? Optional.empty()
                : Optional.of(Verdict.machine("no-browser-headers", "neither a cookie nor Accept-Language: no browser"));
    }

    private static Optional<String> contains(String userAgent, List<String> words) {
        String agent = userAgent.toLowerCase(Locale.ROOT);
        return words.stream().filter(agent::contains).findFirst();
    }
}
