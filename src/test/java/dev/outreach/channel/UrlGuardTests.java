package dev.outreach.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlGuardTests {

    /** Host names tests may look up; anything else fails the test: no real DNS is used. */
    private static final Map<String, String[]> DNS = Map.of(
            "www.acme-plumbing.example", new String[] {"93.184.215.14"},
            "rebind.example", new String[] {"93.184.215.14", "127.0.0.1"},
            "internal-only.example", new String[] {"10.1.2.3"});

    private final List<String> lookups = new ArrayList<>();
    private final UrlGuard guard = new UrlGuard(Set.of(), this::resolve);

    private InetAddress[] resolve(String host) throws UnknownHostException {
        lookups.add(host);
        String[] table = DNS.get(host);
        if (table != null) {
            InetAddress[] addresses = new InetAddress[table.length];
            for (int i = 0; i < table.length; i++) {
                addresses[i] = InetAddress.getByAddress(host, InetAddress.getByName(table[i]).getAddress());
            }
            return addresses;
        }
        if (host.matches("[0-9.]+") || host.contains(":")) {
            return InetAddress.getAllByName(host); // a literal: parsed, never looked up
        }
        throw new UnknownHostException(host);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            http://127.0.0.1/                    | loopback address 127.0.0.1 refused
            http://127.0.0.1:8080/contact        | loopback address 127.0.0.1 refused
            http://localhost/                    | non-public host name localhost refused
            http://LOCALHOST./                   | non-public host name localhost refused
            http://[::1]/                        | loopback address 0:0:0:0:0:0:0:1 refused
            http://[::ffff:127.0.0.1]/           | loopback address 127.0.0.1 refused
            http://[::ffff:7f00:1]/              | loopback address 127.0.0.1 refused
            http://[::ffff:169.254.169.254]/     | link-local (cloud metadata) address 169.254.169.254 refused
            http://[::127.0.0.1]/                | loopback address 0:0:0:0:0:0:7f00:1 (IPv4 inside IPv6) refused
            http://[2002:7f00:1::]/              | loopback address 2002:7f00:1:0:0:0:0:0 (IPv4 inside IPv6) refused
            http://[64:ff9b::a9fe:a9fe]/         | link-local (cloud metadata) address 64:ff9b:0:0:0:0:a9fe:a9fe (IPv4 inside IPv6) refused
            http://2130706433/                   | non-canonical numeric address 2130706433 refused
            http://0177.0.0.1/                   | non-canonical numeric address 0177.0.0.1 refused
            http://0x7f.0.0.1/                   | non-canonical numeric address 0x7f.0.0.1 refused
            http://0x7f.1/                       | non-canonical numeric address 0x7f.1 refused
            http://127.1/                        | non-canonical numeric address 127.1 refused
            http://0/                            | non-canonical numeric address 0 refused
            http://10.0.0.1/                     | private address 10.0.0.1 refused
            http://192.168.1.1/                  | private address 192.168.1.1 refused
            http://172.16.0.1/                   | private address 172.16.0.1 refused
            http://172.31.255.255/               | private address 172.31.255.255 refused
            http://169.254.169.254/latest/meta-data | link-local (cloud metadata) address 169.254.169.254 refused
            http://100.64.0.1/                   | shared (CGNAT) address 100.64.0.1 refused
            http://0.0.0.0/                      | unspecified (this network) address 0.0.0.0 refused
            http://[::]/                         | unspecified address 0:0:0:0:0:0:0:0 refused
            http://255.255.255.255/              | broadcast address 255.255.255.255 refused
            http://224.0.0.1/                    | multicast address 224.0.0.1 refused
            http://[fe80::1]/                    | link-local address fe80:0:0:0:0:0:0:1 refused
            http://[fd12:3456::1]/               | unique-local (private) address fd12:3456:0:0:0:0:0:1 refused
            http://[fe80::1%25eth0]/             | IPv6 zone id in fe80::1%25eth0 refused
            http://metadata.google.internal/     | cloud metadata host metadata.google.internal refused
            http://metadata/computeMetadata/v1/  | cloud metadata host metadata refused
            http://instance-data/latest/         | cloud metadata host instance-data refused
            http://printer.local/                | non-public host name printer.local refused
            http://intranet/                     | single-label host name intranet refused (not a public name)
            ftp://example.com/                   | scheme 'ftp' refused (only http and https)
            file:///etc/passwd                   | scheme 'file' refused (only http and https)
            http://user:pass@example.com/        | user info in URL refused
            http://rebind.example/               | host rebind.example: loopback address 127.0.0.1 refused
            http://internal-only.example/        | host internal-only.example: private address 10.1.2.3 refused
            """)
    void refusesEveryAddressThatIsNotPublic(String url, String reason) {
        assertThatThrownBy(() -> guard.check(URI.create(url)))
                .isInstanceOf(UrlRefusedException.class)
                .hasMessage(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "http://user:pass@example.com/", "http://localhost/",
            "http://metadata.google.internal/", "http://2130706433/", "http://0x7f.1/"})
    void refusesBeforeAnyLookup(String url) {
        assertThatThrownBy(() -> guard.check(URI.create(url))).isInstanceOf(UrlRefusedException.class);
        assertThat(lookups).isEmpty();
    }

    @Test
    void letsPublicHostsThroughWithTheAddressesItChecked() throws Exception {
        GuardedUrl checked = guard.check(URI.create("https://www.acme-plumbing.example/contact"));

        assertThat(checked.uri()).hasToString("https://www.acme-plumbing.example/contact");
        assertThat(checked.addresses()).extracting(InetAddress::getHostAddress).containsExactly("93.184.215.14");
        assertThat(guard.check(URI.create("HTTP://93.184.215.14:8443/")).addresses()).hasSize(1);
    }

    @Test
    void aHostThatDoesNotResolveIsNotARefusal() {
        assertThatThrownBy(() -> guard.check(URI.create("https://no-such-host.example/")))
                .isInstanceOf(UnknownHostException.class);
    }

    @Test
    void theAllowListLetsThroughOnlyTheExactHostAndPort() throws Exception {
        UrlGuard testGuard = new UrlGuard(Set.of("127.0.0.1:54321"), this::resolve);

        assertThat(testGuard.check(URI.create("http://127.0.0.1:54321/contact")).addresses())
                .extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        for (String other : List.of("http://127.0.0.1:54322/", "http://127.0.0.1/", "http://localhost:54321/",
                "http://[::ffff:127.0.0.1]:54321/", "http://2130706433:54321/", "http://127.0.0.2:54321/",
                "http://user@127.0.0.1:54321/", "ftp://127.0.0.1:54321/")) {
            assertThatThrownBy(() -> testGuard.check(URI.create(other))).as(other)
                    .isInstanceOf(UrlRefusedException.class);
        }
    }

    @Test
    void theDefaultGuardAllowsNothingPrivate() {
        UrlGuard productionGuard = new UrlGuard(List.of());

        assertThatThrownBy(() -> productionGuard.check(URI.create("http://127.0.0.1:54321/")))
                .isInstanceOf(UrlRefusedException.class)
                .hasMessage("loopback address 127.0.0.1 refused");
    }
}
