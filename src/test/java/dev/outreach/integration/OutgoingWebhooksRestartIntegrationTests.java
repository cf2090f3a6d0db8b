package dev.outreach.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.OutreachApplication;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageSent;
import dev.outreach.support.Eventually;
import dev.outreach.support.PostgresIntegrationTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A delivery in the middle of its retries survives a restart: the first application records a
 * sent message's delivery in the send's transaction, tries it once (the receiver answers 500) and
 * stops; a second application on the same PostgreSQL picks the delivery up with its own scheduled
 * worker when the backoff ends and delivers it. The receiver, which dedupes by delivery id, has it
 * once, and the database holds one delivery with both tries.
 */
class OutgoingWebhooksRestartIntegrationTests {

    private static final String SECRET = "whsec-restart-0123456789";

    @BeforeAll
    static void requirePostgres() {
        PostgresIntegrationTest.requirePostgres();
    }

    @Test
    void aDeliveryMidRetryIsDeliveredOnceByTheNextInstance() {
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            Map<String, Object> properties = new HashMap<>(Map.of("outreach.demo-data", "false",
                    "outreach.dispatch.enabled", "false", "outreach.imap.enabled", "false",
                    "outreach.simulator.enabled", "false", "server.port", "0",
                    "outreach.outgoing-webhooks.allowed-hosts", receiver.hostPort(),
                    "outreach.outgoing-webhooks.first-retry", "2s",
                    "outreach.outgoing-webhooks.poll-interval", "1h"));
            PostgresIntegrationTest.postgres((name, value) -> properties.put(name, value.get()));
            UUID messageId = UUID.randomUUID();
            receiver.script(500);
            try (ConfigurableApplicationContext first = start(properties)) {
                SystemActor.call(() -> first.getBean(WebhookService.class).create(new WebhookEndpointDraft("CRM",
                        receiver.url(), Set.of(WebhookEventType.MESSAGE_SENT), SECRET, true)));
                first.getBean(TransactionTemplate.class).executeWithoutResult(tx -> first.publishEvent(new MessageSent(messageId, 1, null,
                                ChannelType.EMAIL, null, "sender@send.example", 0, "initial", Instant.now())));
                first.getBean(WebhookWorker.class).deliverDue();

                assertThat(receiver.received).extracting(WebhookReceiver.Received::answered).containsExactly(500);
                assertThat(status(first.getBean(JdbcClient.class))).isEqualTo("PENDING");
            }

            properties.put("outreach.outgoing-webhooks.poll-interval", "500ms");
            try (ConfigurableApplicationContext second = start(properties)) {
                JdbcClient jdbc = second.getBean(JdbcClient.class);
                Eventually.eventually(() -> assertThat(status(jdbc)).isEqualTo("DELIVERED"));

                assertThat(receiver.received).hasSize(2).allMatch(WebhookReceiver.Received::signatureValid);
                assertThat(receiver.accepted).singleElement().isEqualTo(receiver.received.getFirst().deliveryId());
                assertThat(receiver.acceptedTwice).isEmpty();
                assertThat(receiver.received.getLast().body()).contains(messageId.toString());
                assertThat(jdbc.sql("select count(*) from webhook_attempt").query(Integer.class).single()).isEqualTo(2);
            }
        }
    }

    private static String status(JdbcClient jdbc) {
        return jdbc.sql("select status from webhook_delivery").query(String.class).single();
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        return new SpringApplicationBuilder(OutreachApplication.class).profiles("test", "postgres")
                .run(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
    }
}
