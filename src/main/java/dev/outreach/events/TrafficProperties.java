package dev.outreach.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tracking requests are told apart, under {@code outreach.tracking.traffic} (see
 * docs/tracking.md for every rule).
 *
 * @param trustedProxies address ranges of our own reverse proxies: only a request that comes from
 *                       one of them has its {@code X-Forwarded-For} read (right-most hop not in
 *                       these ranges). Empty (the default): the remote address is the client
 * @param appleRanges    where Apple Mail Privacy Protection prefetches from (Apple's network)
 * @param gatewayRanges  per security-gateway vendor, the ranges its scanners fetch from (modelled on
 *                       the vendors' published ranges; keep them current from the vendors' lists)
 * @param repeatWindow   the same request again this soon is the same event (an open per message and
 *                       client, a click per message and link): answered, not stored again
 * @param linkBurst      a click this soon after a click on another link of the same message is a
 *                       scanner following every link
 */
@ConfigurationProperties("outreach.tracking.traffic")
record TrafficProperties(
        @DefaultValue List<String> trustedProxies,
        @DefaultValue("17.0.0.0/8") List<String> appleRanges,
        Map<String, List<String>> gatewayRanges,
        @DefaultValue("60s") Duration repeatWindow,
        @DefaultValue("2s") Duration linkBurst) {

    TrafficProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        appleRanges = appleRanges == null ? List.of() : List.copyOf(appleRanges);
        gatewayRanges = gatewayRanges == null ? Map.of() : Map.copyOf(gatewayRanges);
    }
}
