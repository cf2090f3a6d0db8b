package dev.outreach.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.inbox.InboxActions;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import dev.outreach.support.MovableClock;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code lead.interested}: a lead marked interested in the inbox is delivered, signed, to an
 * endpoint on 127.0.0.1 that takes it; another outcome is not that event.
 */
@SpringBootTest(properties = {"outreach.demo-data=false", "outreach.dispatch.enabled=false",
        "outreach.outgoing-webhooks.poll-interval=1h", "outreach.outgoing-webhooks.timeout=1s"})
@ActiveProfiles("test")
@Import(MovableClock.Config.class)
class LeadInterestedWebhookIntegrationTests {

    private static final String SECRET = "whsec-interested-0123456789";
    private static final WebhookReceiver receiver = new WebhookReceiver(SECRET);

    @Autowired
    WebhookService webhooks;
    @Autowired
    WebhookWorker worker;
    @Autowired
    InboxActions actions;
    @Autowired
    LeadService leads;
    @Autowired
    JsonMapper json;
    @Autowired
    MovableClock clock;

    @DynamicPropertySource
    static void allowTheReceiver(DynamicPropertyRegistry registry) {
        registry.add("outreach.outgoing-webhooks.allowed-hosts", receiver::hostPort);
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void anEndpointForInterestedLeads() {
        SystemActor.run(() -> webhooks.endpoints().forEach(endpoint -> webhooks.delete(endpoint.id())));
        receiver.received.clear();
        receiver.now = clock::instant;
        SystemActor.call(() -> webhooks.create(new WebhookEndpointDraft("CRM", receiver.url(),
                Set.of(WebhookEventType.LEAD_INTERESTED), SECRET, true)));
    }

    @Test
    void aLeadMarkedInterestedIsDeliveredSignedAndOtherOutcomesAreNot() {
        long interested = lead();
        long declined = lead();

        SystemActor.run(() -> {
            actions.markOutcome(declined, LeadOutcome.NOT_INTERESTED);
            actions.markOutcome(interested, LeadOutcome.INTERESTED);
            actions.markOutcome(interested, LeadOutcome.INTERESTED); // no change: no second event
        });
        worker.deliverDue();

        assertThat(receiver.received).singleElement().satisfies(request -> {
            assertThat(request.signatureValid()).isTrue();
            assertThat(request.event()).isEqualTo("lead.interested");
            JsonNode data = json.readTree(request.body()).get("data");
            assertThat(data.get("lead_id").asLong()).isEqualTo(interested);
            assertThat(data.get("outcome").asString()).isEqualTo("INTERESTED");
        });
    }

    private long lead() {
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Ivy");
        draft.setLastName("Interested");
        draft.setEmail("ivy." + UUID.randomUUID() + "@interested.example");
        return SystemActor.call(() -> leads.create(draft));
    }
}
