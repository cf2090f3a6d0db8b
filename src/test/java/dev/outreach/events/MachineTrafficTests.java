package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.events.MachineTraffic.History;
import dev.outreach.events.MachineTraffic.Hit;
import dev.outreach.events.MachineTraffic.Verdict;
import dev.outreach.shared.TrackingProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MachineTrafficTests {

    private static final Instant SENT = Instant.parse("2026-03-02T09:15:00Z");
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/124.0 Safari/537.36";
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Mobile/15E148";
    private static final String GMAIL = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";

    static MachineTraffic traffic(Map<String, List<String>> gateways) {
        return new MachineTraffic(new TrafficProperties(List.of(), List.of("17.0.0.0/8"), gateways, Duration.ofSeconds(60),
                Duration.ofSeconds(2)), TrackingProperties.defaults());
    }

    private final MachineTraffic traffic = traffic(Map.of());

    private Verdict open(String method, String agent, String ip, Duration after) {
        return traffic.open(new Hit(method, agent, ip, SENT.plus(after), false, false),
                new History(Optional.of(SENT), Optional.empty()));
    }

    private Verdict click(String agent, String ip, Duration after) {
        return traffic.click(new Hit("GET", agent, ip, SENT.plus(after), false, true),
                new History(Optional.of(SENT), Optional.empty()));
    }

    @Test
    void aPersonsMailClientAMinuteLaterIsHuman() {
        assertThat(open("GET", CHROME, "203.0.113.9", Duration.ofMinutes(1))).isEqualTo(
                Verdict.person("person", "a mail client showed the images"));
        assertThat(open("GET", IPHONE, "198.51.100.7", Duration.ofHours(3)).machine()).isFalse();
        assertThat(click(CHROME, "203.0.113.9", Duration.ofMinutes(1)).rule()).isEqualTo("person");
    }

    @Test
    void gmailAndYahooImageProxiesAreAPersonOpening() {
        assertThat(open("GET", GMAIL, "66.249.84.1", Duration.ofHours(1))).extracting(Verdict::machine, Verdict::rule)
                .containsExactly(false, "gmail-image-proxy");
        assertThat(open("GET", "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html", "98.136.1.1",
                Duration.ofHours(1))).extracting(Verdict::machine, Verdict::rule).containsExactly(false, "yahoo-image-proxy");
    }

    @Test
    void applesMailPrivacyProtectionIsAMachineByAddressOrBareAgent() {
        assertThat(open("GET", IPHONE, "17.58.63.1", Duration.ofHours(1))).extracting(Verdict::machine, Verdict::rule)
                .containsExactly(true, "apple-mpp");
        assertThat(open("GET", IPHONE, "::ffff:17.1.2.3", Duration.ofHours(1)).rule()).isEqualTo("apple-mpp");
        assertThat(open("GET", "Mozilla/5.0", "104.28.1.1", Duration.ofHours(1)).rule()).isEqualTo("apple-mpp");
        assertThat(open("GET", IPHONE, "170.1.2.3", Duration.ofHours(1)).machine()).as("170/8 is not Apple's").isFalse();
        assertThat(click(IPHONE, "17.58.63.1", Duration.ofHours(1)).machine()).as("a person clicking on Apple's network")
                .isFalse();
    }

    @Test
    void securityGatewaysAreMachinesByPublishedRangeEvenWithABrowserAgent() {
        assertThat(click(CHROME, "40.107.22.5", Duration.ofHours(1)).rule()).isEqualTo("gateway-range:microsoft");
        assertThat(click(CHROME, "205.139.110.60", Duration.ofHours(1)).rule()).isEqualTo("gateway-range:mimecast");
        // the vendors' published lists: all of Microsoft's 52.100.0.0/14, Mimecast's Canada, not what Mimecast never published
        assertThat(click(CHROME, "52.103.200.7", Duration.ofHours(1)).rule()).isEqualTo("gateway-range:microsoft");
        assertThat(click(CHROME, "170.10.145.20", Duration.ofHours(1)).rule()).isEqualTo("gateway-range:mimecast");
        assertThat(click(CHROME, "51.163.159.20", Duration.ofHours(1)).rule()).isEqualTo("person");
        assertThat(click(CHROME, "207.211.30.10", Duration.ofHours(1)).rule()).isEqualTo("person");
        assertThat(open("GET", CHROME, "148.163.150.2", Duration.ofHours(1)).rule()).isEqualTo("gateway-range:proofpoint");
        assertThat(click(CHROME, "2a01:111:f400:fe1e::5", Duration.ofHours(1)).rule()).isEqualTo("gateway-range:microsoft");
        MachineTraffic configured = traffic(Map.of("sophos", List.of("198.51.100.0/24")));
        assertThat(configured.click(new Hit("GET", CHROME, "198.51.100.77", SENT.plusSeconds(3600), false, true),
                new History(Optional.of(SENT), Optional.empty())).rule()).isEqualTo("gateway-range:sophos");
    }

    @Test
    void securityGatewaysBotsAndProbesAreMachinesByAgentOrMethod() {
        assertThat(open("GET", "Mozilla/5.0 (compatible; Barracuda Sentinel)", "1.2.3.4", Duration.ofHours(1)).rule())
                .isEqualTo("gateway-agent:barracuda");
        assertThat(click("Mimecast URL Protect", "1.2.3.4", Duration.ofHours(1)).rule()).isEqualTo("gateway-agent:mimecast");
        assertThat(click("python-requests/2.31", "1.2.3.4", Duration.ofHours(1)).rule()).isEqualTo("bot-agent");
        assertThat(click("Mozilla/5.0 (compatible; bingbot/2.0)", "1.2.3.4", Duration.ofHours(1)).rule()).isEqualTo("bot-agent");
        assertThat(open("HEAD", CHROME, "1.2.3.4", Duration.ofHours(1)).rule()).isEqualTo("head-request");
        assertThat(open("GET", null, "1.2.3.4", Duration.ofHours(1)).rule()).isEqualTo("no-user-agent");
        assertThat(click(" ", "1.2.3.4", Duration.ofHours(1)).rule()).isEqualTo("no-user-agent");
    }

    @Test
    void anythingWithinTheWindowAfterTheSendIsAMachine() {
        assertThat(open("GET", CHROME, "203.0.113.9", Duration.ofSeconds(3)).reason()).contains("3 s after the send");
        assertThat(click(CHROME, "203.0.113.9", Duration.ofSeconds(9)).rule()).isEqualTo("on-arrival");
        assertThat(open("GET", CHROME, "203.0.113.9", Duration.ofSeconds(10)).machine()).isFalse();
        assertThat(traffic.open(new Hit("GET", CHROME, "203.0.113.9", SENT, false, false),
                new History(Optional.empty(), Optional.empty())).reason()).isEqualTo("before the send was recorded");
    }

    @Test
    void aClickRightAfterAnotherLinkOfTheMessageIsABurstAndABareClickNoBrowser() {
        Instant at = SENT.plusSeconds(3600);
        Hit browser = new Hit("GET", CHROME, "203.0.113.9", at, false, true);
        assertThat(traffic.click(browser, new History(Optional.of(SENT), Optional.of(at.minusMillis(800)))).rule())
                .isEqualTo("link-burst");
        assertThat(traffic.click(browser, new History(Optional.of(SENT), Optional.of(at.minusSeconds(30)))).rule())
                .isEqualTo("person");
        Hit bare = new Hit("GET", CHROME, "203.0.113.9", at, false, false);
        assertThat(traffic.click(bare, new History(Optional.of(SENT), Optional.empty())).rule()).isEqualTo("no-browser-headers");
        Hit withCookie = new Hit("GET", CHROME, "203.0.113.9", at, true, false);
        assertThat(traffic.click(withCookie, new History(Optional.of(SENT), Optional.empty())).rule()).isEqualTo("person");
    }
}
