package dev.outreach.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.shared.TrackingProperties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageLinksTests {

    private final UUID message = UUID.randomUUID();

    @Test
    void withoutASettingTheLinksFollowThePortTheServerGot() {
        MessageLinks links = new MessageLinks("", 0, "/console/", EmailDeliveries.TOKENS, TrackingProperties.defaults());
        assertThat(links.oneClick(message).toString()).startsWith("http://localhost:8080/console/u/");

        links.serverListening(9091);

        assertThat(links.oneClick(message).toString()).startsWith("http://localhost:9091/console/u/");
    }

    @Test
    void anExplicitSettingAlwaysWins() {
        MessageLinks links = new MessageLinks("https://outreach.example.com/", EmailDeliveries.TOKENS, TrackingProperties.defaults());

        links.serverListening(9091);

        assertThat(links.oneClick(message).toString()).startsWith("https://outreach.example.com/u/");
    }

    @Test
    void aSettingThatIsNotAnAbsoluteHttpUrlIsRefusedAtStart() {
        assertThatThrownBy(() -> new MessageLinks("outreach.example.com", EmailDeliveries.TOKENS, TrackingProperties.defaults()))
                .hasMessage("outreach.public-base-url must be an absolute http(s) URL, was 'outreach.example.com'");
    }
}
