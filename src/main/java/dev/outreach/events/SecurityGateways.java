package dev.outreach.events;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The email security gateways that fetch links and images before (or instead of) a person: the
 * address ranges their scanners come from and the words their User-Agents carry. The ranges are a
 * small starting list modelled on the ranges each vendor publishes for its service (Microsoft 365
 * "URLs and IP address ranges", Exchange Online Protection; Mimecast's per-region ranges;
 * Proofpoint's and Proofpoint Essentials' ranges; Barracuda Email Security Service; Cisco Secure
 * Email cloud gateways); {@code outreach.tracking.traffic.gateway-ranges.<vendor>} replaces a
 * vendor's list or adds a vendor. Many scanners send a browser's User-Agent, so the ranges and the
 * behaviour rules catch more than the agents do.
 */
final class SecurityGateways {

    /** Published ranges per vendor (see docs/tracking.md for the sources). */
    static final Map<String, List<String>> PUBLISHED_RANGES = Map.of(
            "microsoft", List.of("40.92.0.0/15", "40.107.0.0/16", "52.100.0.0/15", "52.102.0.0/16", "52.103.0.0/17",
                    "104.47.0.0/17", "2a01:111:f400::/48", "2a01:111:f403::/48"),
            "mimecast", List.of("205.139.110.0/24", "216.205.24.0/24", "207.211.30.0/24", "207.211.31.0/25",
                    "170.10.128.0/24", "170.10.129.0/24", "170.10.133.0/24", "195.130.217.0/24", "91.220.42.0/24",
                    "146.101.78.0/24", "185.58.85.0/24", "185.58.86.0/24", "51.163.158.0/24", "51.163.159.0/24",
                    "41.74.192.0/22", "103.13.69.0/24", "124.47.150.0/24", "124.47.189.0/24"),
            "proofpoint", List.of("148.163.128.0/19", "67.231.144.0/20", "185.132.180.0/22", "185.183.28.0/22"),
            "barracuda", List.of("64.235.144.0/20", "209.222.80.0/21"),
            "cisco", List.of("68.232.128.0/19", "216.71.128.0/19"));

    /** Words in a User-Agent that name a gateway's scanner, per vendor (lower case). */
    private static final Map<String, List<String>> AGENTS = Map.ofEntries(
            Map.entry("microsoft", List.of("safelinks", "safe links", "microsoft defender",
                    "microsoft office existence discovery", "ms-urlanalyzer")),
            Map.entry("mimecast", List.of("mimecast")),
            Map.entry("proofpoint", List.of("proofpoint", "ppops", "urldefense")),
            Map.entry("barracuda", List.of("barracuda")),
            Map.entry("cisco", List.of("ironport", "cisco secure email", "cisco-")),
            Map.entry("sophos", List.of("sophos")),
            Map.entry("symantec", List.of("symantec", "messagelabs")),
            Map.entry("trendmicro", List.of("trendmicro", "trend micro")),
            Map.entry("trellix", List.of("fireeye", "trellix")),
            Map.entry("forcepoint", List.of("forcepoint")),
            Map.entry("zscaler", List.of("zscaler")),
            Map.entry("mcafee", List.of("mcafee")));

    private SecurityGateways() {
    }

    /** The vendor whose scanner this User-Agent names. */
    static Optional<String> byAgent(String userAgent) {
        String agent = userAgent.toLowerCase(Locale.ROOT);
        return AGENTS.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(agent::contains))
                .map(Map.Entry::getKey).sorted().findFirst();
    }
}
