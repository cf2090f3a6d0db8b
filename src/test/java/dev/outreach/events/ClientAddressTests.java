package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientAddressTests {

    private static ClientAddress trusting(String... proxies) {
        return new ClientAddress(new TrafficProperties(List.of(proxies), List.of(), Map.of(), Duration.ofSeconds(60),
                Duration.ofSeconds(2)));
    }

    @Test
    void byDefaultNoProxyIsTrustedAndForwardedForIsIgnored() {
        assertThat(trusting().resolve("203.0.113.9", List.of("17.58.1.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void fromATrustedProxyTheRightMostUntrustedHopIsTheClient() {
        ClientAddress proxies = trusting("10.0.0.0/24", "192.0.2.10");
        assertThat(proxies.resolve("10.0.0.5", List.of("17.58.1.1"))).isEqualTo("17.58.1.1");
        // the client wrote "40.107.1.1" itself; the proxy appended what it saw, then our second proxy
        assertThat(proxies.resolve("10.0.0.5", List.of("40.107.1.1, 198.51.100.20", "192.0.2.10"))).isEqualTo("198.51.100.20");
        assertThat(proxies.resolve("10.0.0.5", List.of("203.0.113.7:5123"))).isEqualTo("203.0.113.7");
        assertThat(proxies.resolve("10.0.0.5", List.of("[2001:db8::7]:443"))).isEqualTo("2001:db8::7");
        assertThat(proxies.resolve("10.0.0.5", List.of())).as("nothing forwarded: the proxy itself").isEqualTo("10.0.0.5");
    }

    @Test
    void aHopThatIsNoAddressEndsTheWalk() {
        assertThat(trusting("10.0.0.0/24").resolve("10.0.0.5", List.of("17.1.1.1, unknown"))).isEqualTo("10.0.0.5");
        assertThat(trusting("10.0.0.0/24").resolve("10.0.0.5", List.of("evil.example.com"))).isEqualTo("10.0.0.5");
    }

    @Test
    void rangesParseAsLiteralsOnly() {
        assertThat(AddressRange.parse("17.0.0.0/8").contains("17.255.0.1")).isTrue();
        assertThat(AddressRange.parse("17.0.0.0/8").contains("18.0.0.1")).isFalse();
        assertThat(AddressRange.parse("207.211.31.0/25").contains("207.211.31.127")).isTrue();
        assertThat(AddressRange.parse("207.211.31.0/25").contains("207.211.31.128")).isFalse();
        assertThat(AddressRange.parse("2a01:111:f400::/48").contains("2a01:111:f400:1::1")).isTrue();
        assertThat(AddressRange.parse("2a01:111:f400::/48").contains("17.0.0.1")).isFalse();
        assertThat(AddressRange.literal("localhost")).isEmpty();
        assertThat(AddressRange.literal("1.2.3.256")).isEmpty();
        assertThatThrownBy(() -> AddressRange.parse("17.0.0.0/33")).hasMessageContaining("17.0.0.0/33");
        assertThatThrownBy(() -> AddressRange.parse("apple.com/8")).hasMessageContaining("apple.com/8");
    }
}
