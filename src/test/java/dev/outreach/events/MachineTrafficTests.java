package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.events.MachineTraffic.Hit;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MachineTrafficTests {

    private static final Instant SENT = Instant.parse("2026-03-02T09:15:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/124.0 Safari/537.36";
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Mobile/15E148";

    private static Optional<String> open(String method, String agent, String ip, Duration after) {
        return MachineTraffic.machineOpen(new Hit(method, agent, ip, SENT.plus(after)), Optional.of(SENT), WINDOW);
    }

    private static Optional<String> click(String agent, String ip, Duration after) {
        return MachineTraffic.machineClick(new Hit("GET", agent, ip, SENT.plus(after)), Optional.of(SENT), WINDOW);
    }

    @Test
    void aPersonsMailClientAMinuteLaterIsHuman() {
        assertThat(open("GET", CHROME, "203.0.113.9", Duration.ofMinutes(1))).isEmpty();
        assertThat(open("GET", IPHONE, "198.51.100.7", Duration.ofHours(3))).isEmpty();
        assertThat(click(CHROME, "203.0.113.9", Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void imageProxiesAreMachines() {
        assertThat(open("GET", "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
                "66.249.84.1", Duration.ofHours(1))).contains("image proxy (googleimageproxy)");
        assertThat(open("GET", "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html", "1.2.3.4",
                Duration.ofHours(1))).contains("image proxy (yahoomailproxy)");
    }

    @Test
    void applesMailPrivacyProtectionIsAMachineByAddressOrBareAgent() {
        assertThat(open("GET", IPHONE, "17.58.63.1", Duration.ofHours(1))).contains("Apple Mail Privacy Protection (17.0.0.0/8)");
        assertThat(open("GET", IPHONE, "::ffff:17.1.2.3", Duration.ofHours(1))).isPresent();
        assertThat(open("GET", "Mozilla/5.0", "104.28.1.1", Duration.ofHours(1)))
                .contains("Apple Mail Privacy Protection (bare Mozilla/5.0 agent)");
        assertThat(open("GET", IPHONE, "170.1.2.3", Duration.ofHours(1))).as("170/8 is not Apple's").isEmpty();
        assertThat(click(IPHONE, "17.58.63.1", Duration.ofHours(1))).as("a person clicking on Apple's network").isEmpty();
    }

    @Test
    void securityGatewaysBotsAndProbesAreMachines() {
        assertThat(open("GET", "Mozilla/5.0 (compatible; Barracuda Sentinel)", "1.2.3.4", Duration.ofHours(1))).isPresent();
        assertThat(click("Mimecast URL Protect", "1.2.3.4", Duration.ofHours(1))).contains("scanner or bot (mimecast)");
        assertThat(click("python-requests/2.31", "1.2.3.4", Duration.ofHours(1))).isPresent();
        assertThat(click("Mozilla/5.0 (compatible; bingbot/2.0)", "1.2.3.4", Duration.ofHours(1))).isPresent();
        assertThat(open("HEAD", CHROME, "1.2.3.4", Duration.ofHours(1))).contains("HEAD request");
        assertThat(open("GET", null, "1.2.3.4", Duration.ofHours(1))).contains("no User-Agent");
        assertThat(click(" ", "1.2.3.4", Duration.ofHours(1))).contains("no User-Agent");
    }

    @Test
    void anythingWithinTheWindowAfterTheSendIsAMachine() {
        assertThat(open("GET", CHROME, "203.0.113.9", Duration.ofSeconds(3))).contains("3 s after the send");
        assertThat(click(CHROME, "203.0.113.9", Duration.ofSeconds(9))).isPresent();
        assertThat(open("GET", CHROME, "203.0.113.9", Duration.ofSeconds(10))).isEmpty();
        assertThat(MachineTraffic.machineOpen(new Hit("GET", CHROME, "203.0.113.9", SENT), Optional.empty(), WINDOW))
                .contains("before the send was recorded");
    }
}
