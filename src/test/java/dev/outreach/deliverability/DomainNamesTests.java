package dev.outreach.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNamesTests {

    @ParameterizedTest
    @ValueSource(strings = {"acme.com", "mail.acme.co.uk", "get-summit.example", "xn--bcher-kva.example", "a1.io"})
    void acceptsDomainNames(String name) {
        assertThat(DomainNames.isDomain(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme", "acme..com", "-acme.com", "acme-.com", "acme.c", "acme.123", "ac me.com",
            "jane@acme.com", "acme.com/path", ""})
    void refusesWhatIsNotADomainName(String name) {
        assertThat(DomainNames.isDomain(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"smtp.acme.com", "127.0.0.1", "mailhog", "10.0.0.25"})
    void hostsMayAlsoBeSingleLabelsOrIpv4(String host) {
        assertThat(DomainNames.isHost(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"smtp acme.com", "999.1.1.1", "12345", "smtp.acme.com:587", "http://smtp.acme.com"})
    void refusesWhatIsNotAHost(String host) {
        assertThat(DomainNames.isHost(host)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void normalizingLowerCasesTrimsAndDropsTheTrailingDot() {
        assertThat(DomainNames.normalize("  Mail.ACME.com. ")).isEqualTo("mail.acme.com");
    }
}
