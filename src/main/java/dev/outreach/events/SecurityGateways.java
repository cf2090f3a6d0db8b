package dev.outreach.events;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The email security gateways that fetch links and images before (or instead of) a person: the
 * address ranges their scanners come from and the words their User-Agents carry. The ranges follow
 * what each vendor publishes for its service (docs/tracking.md names each source and what is not
 * confirmed); {@code outreach.tracking.traffic.gateway-ranges.<vendor>} replaces a
 * vendor's list or adds a vendor. Many scanners send a browser's User-Agent, so the ranges and the
 * behaviour rules catch more than the agents do.
 */
final class SecurityGateways {

    /** Published ranges per vendor (see docs/tracking.md for the sources). */
    static final Map<String, List<String>> PUBLISHED_RANGES = Map.of(
            // Microsoft 365 endpoints, Exchange Online Protection (= spf.protection.outlook.com)
            "microsoft", List.of("40.92.0.0/15", "40.107.0.0/16", "52.100.0.0/14", "104.47.0.0/17",
                    "2a01:111:f400::/48", "2a01:111:f403::/48"),
            // Mimecast's SPF netblocks per region: us., eu., de., za., au., ca._netblocks.mimecast.com
            "mimecast", List.of(
                    "205.139.110.0/24", "216.205.24.0/24", "63.128.21.0/24", "170.10.128.0/24", "170.10.129.0/24",
                    "170.10.133.0/24", "207.211.31.0/25", "207.211.30.64/26", "207.211.30.128/25", "216.145.221.0/24",
                    "170.10.132.56/29", "170.10.132.64/29", "185.58.84.93/32", "207.211.41.113/32",
                    "195.130.217.0/24", "91.220.42.0/24", "146.101.78.0/24", "207.82.80.0/24", "213.167.81.0/25",
                    "193.7.207.0/25", "213.167.75.0/25", "185.58.85.0/24", "185.58.86.0/24", "193.7.206.0/25",
                    "147.28.36.0/24",
                    "51.163.158.0/24", "194.104.109.0/24", "194.104.111.0/24", "194.104.110.21/32", "194.104.110.240/28",
                    "62.140.10.21/32", "62.140.7.0/24", "194.104.108.240/29", "194.104.108.21/32",
                    "41.74.192.0/22", "41.74.196.0/22", "41.74.200.0/23", "41.74.204.0/23", "41.74.206.0/24",
                    "103.13.69.0/24", "124.47.150.0/24", "124.47.189.0/24", "103.96.23.0/24", "103.96.21.0/24",
                    "180.189.28.0/24", "216.145.217.0/24", "103.96.22.96/28", "103.96.22.22/32", "103.96.20.22/32",
                    "103.96.20.96/28",
                    "170.10.145.0/24", "170.10.147.0/24", "170.10.144.126/32", "170.10.146.126/32", "170.10.144.240/29",
                    "170.10.146.240/29", "216.145.216.0/24"),
            // Proofpoint's own networks (support page) and the hosted service; the EU /22s unconfirmed
            "proofpoint", List.of("148.163.128.0/19", "67.231.144.0/20", "185.132.180.0/22", "185.183.28.0/22"),
            // Email Gateway Defense US (spf.ess.barracudanetworks.com); 64.235.144.0/20 Barracuda's own network
            "barracuda", List.of("209.222.80.0/21", "64.235.144.0/20"),
            // Cisco Secure Email cloud gateways, as Cisco-hosted domains publish them
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
