package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The simulator's stories follow the configured rates and are the same every time for a message. */
class SandboxEventSimulatorTests {

    private static final Instant SENT = Instant.parse("2026-03-02T10:00:00Z");

    private final SimulatorProperties properties = new SimulatorProperties(true, Duration.ofSeconds(30),
            Duration.ofSeconds(20), 500, 0.02, 0.75, 0.001, 0.45, 0.3, 0.08, 0.03, Map.of("bad.example", 0.12));
    private final SandboxEventSimulator simulator = new SandboxEventSimulator(properties, null, null, null, null, null, null);

    private double share(String domain, EmailEventKind kind, int messages) {
        int hits = 0;
        for (int i = 0; i < messages; i++) {
            List<EmailEvent> story = simulator.story(new UUID(i * 7919L, i), domain, SENT, SENT.plusSeconds(86_400));
            if (story.stream().anyMatch(event -> event.kind() == kind)) {
                hits++;
            }
        }
        return (double) hits / messages;
    }

    @Test
    void ratesFollowTheConfiguration() {
        assertThat(share("good.example", EmailEventKind.BOUNCED, 20_000)).isBetween(0.015, 0.025);
        assertThat(share("bad.example", EmailEventKind.BOUNCED, 20_000)).isBetween(0.11, 0.13);
        assertThat(share("good.example", EmailEventKind.DELIVERED, 20_000)).isBetween(0.975, 0.985);
        assertThat(share("good.example", EmailEventKind.OPENED, 20_000)).isBetween(0.41, 0.47);
        assertThat(share("good.example", EmailEventKind.CLICKED, 20_000)).isBetween(0.04, 0.07);
        assertThat(share("good.example", EmailEventKind.REPLIED, 20_000)).isBetween(0.015, 0.03);
    }

    @Test
    void aMessageAlwaysGetsTheSameStoryWithStableEventIds() {
        UUID id = UUID.randomUUID();
        List<EmailEvent> first = simulator.story(id, "good.example", SENT, SENT.plusSeconds(86_400));

        assertThat(simulator.story(id, "good.example", SENT, SENT.plusSeconds(86_400))).isEqualTo(first);
        assertThat(first).allSatisfy(event -> {
            assertThat(event.provider()).isEqualTo("simulator");
            assertThat(event.messageId()).isEqualTo(id);
            assertThat(event.providerEventId()).startsWith(id + ":");
            assertThat(event.occurredAt()).isAfter(SENT);
        });
        assertThat(first.stream().map(EmailEvent::providerEventId).distinct()).hasSameSizeAs(first);
    }

    @Test
    void ratesOutsideZeroToOneAreRefusedAtStartUp() {
        assertThatThrownBy(() -> new SimulatorProperties(true, Duration.ofSeconds(30), Duration.ofSeconds(20), 500, 1.5,
                0.75, 0.001, 0.45, 0.3, 0.08, 0.03, Map.of()))
                .hasMessageContaining("between 0 and 1");
    }
}
