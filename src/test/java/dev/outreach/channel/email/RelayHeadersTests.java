package dev.outreach.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RelayHeadersTests {

    private final RelayHeaders headers = new RelayHeaders(EmailProperties.Relays.defaults());
    private final UUID id = UUID.fromString("6f1c2a3b-1111-4222-8333-944455556666");

    @Test
    void eachProvidersRelayGetsItsOwnCustomArgumentHeader() {
        assertThat(headers.forHost("smtp.sendgrid.net", id))
                .containsExactly(Map.entry("X-SMTPAPI", "{\"unique_args\":{\"outreach_message_id\":\"" + id + "\"}}"));
        assertThat(headers.forHost("SMTP.EU.MAILGUN.ORG", id))
                .containsExactly(Map.entry("X-Mailgun-Variables", "{\"outreach_message_id\":\"" + id + "\"}"));
        assertThat(headers.forHost("smtp.postmarkapp.com", id))
                .containsExactly(Map.entry("X-PM-Metadata-outreach_message_id", id.toString()));
        assertThat(headers.forHost("email-smtp.eu-west-1.amazonaws.com", id))
                .containsExactly(Map.entry("X-SES-MESSAGE-TAGS", "outreach_message_id=" + id));
    }

    @Test
    void otherServersAndLookAlikesGetNothing() {
        assertThat(headers.forHost("smtp.gmail.com", id)).isEmpty();
        assertThat(headers.forHost("smtp.sendgrid.net.evil.test", id)).isEmpty();
        assertThat(headers.forHost("email-smtp.amazonaws.com.evil.test", id)).isEmpty();
        assertThat(headers.forHost(null, id)).isEmpty();
    }
}
