package dev.outreach.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.cadence.CampaignCompletion;
import dev.outreach.events.EmailEvent;
import dev.outreach.events.EmailEventIngestion;
import dev.outreach.events.EmailEventKind;
import dev.outreach.integration.WebhookAttempt.Outcome;
import dev.outreach.integration.WebhookDelivery.Status;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.LeadUnsubscribed;
import dev.outreach.shared.MessageSent;
import dev.outreach.support.Eventually;
import dev.outreach.support.MovableClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outgoing webhooks against a real receiver on 127.0.0.1 (allowed by the test's URL-guard
 * allowance, for its exact port only): each delivery signed and verifiable with the documented
 * algorithm, retried with backoff after a 500 and after a timeout, refused for loopback and
 * private URLs otherwise. The worker runs as the scheduler calls it; the test moves the clock
 * instead of waiting for the backoff.
 */
@SpringBootTest(properties = {"outreach.demo-data=false", "outreach.dispatch.enabled=false",
        "outreach.outgoing-webhooks.poll-interval=1h", "outreach.outgoing-webhooks.timeout=1s"})
@ActiveProfiles("test")
@Import(MovableClock.Config.class)
class OutgoingWebhooksIntegrationTests {

    private static final String SECRET = "whsec-0123456789abcdef";
    private static final WebhookReceiver receiver = new WebhookReceiver(SECRET);

    @Autowired
    WebhookService webhooks;
    @Autowired
    WebhookWorker worker;
    @Autowired
    WebhookDeliveryStore store;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MovableClock clock;
    @Autowired
    JsonMapper json;
    @Autowired
    EmailEventIngestion ingestion;
    @Autowired
    CampaignCompletion completion;

    @DynamicPropertySource
    static void allowTheReceiver(DynamicPropertyRegistry registry) {
        registry.add("outreach.outgoing-webhooks.allowed-hosts", receiver::hostPort);
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void freshEndpoint() {
        SystemActor.run(() -> webhooks.endpoints().forEach(endpoint -> webhooks.delete(endpoint.id())));
        receiver.received.clear();
        receiver.now = clock::instant;
        SystemActor.call(() -> webhooks.create(new WebhookEndpointDraft("CRM", receiver.url(),
                Set.of(WebhookEventType.MESSAGE_SENT, WebhookEventType.LEAD_UNSUBSCRIBED), SECRET, true)));
    }

    @Test
    void aSentMessageIsDeliveredSignedAndTheReceiverVerifiesItWithTheDocumentedAlgorithm() {
        UUID messageId = sendMessage();

        worker.deliverDue();

        WebhookReceiver.Received request = receiver.received.getFirst();
        assertThat(receiver.received).hasSize(1);
        assertThat(request.signatureValid()).isTrue();
        assertThat(request.event()).isEqualTo("message.sent");
        JsonNode body = json.readTree(request.body());
        assertThat(body.get("id").asString()).isEqualTo(request.deliveryId());
        assertThat(body.get("type").asString()).isEqualTo("message.sent");
        assertThat(body.get("data").get("message_id").asString()).isEqualTo(messageId.toString());
        assertThat(body.get("data").get("channel").asString()).isEqualTo("EMAIL");
        WebhookDelivery delivery = onlyDelivery();
        assertThat(delivery.id().toString()).isEqualTo(request.deliveryId());
        assertThat(delivery.status()).isEqualTo(Status.DELIVERED);
        assertThat(SystemActor.call(() -> webhooks.attempts(delivery.id()))).singleElement()
                .satisfies(attempt -> {
                    assertThat(attempt.outcome()).isEqualTo(Outcome.DELIVERED);
                    assertThat(attempt.responseCode()).isEqualTo(200);
                });
    }

    @Test
    void aDeliveryAnswered500IsRetriedAfterItsBackoffWithTheSameId() {
        receiver.script(500, 500);
        sendMessage();

        worker.deliverDue();
        WebhookDelivery afterFirst = onlyDelivery();
        assertThat(afterFirst.status()).isEqualTo(Status.PENDING);
        assertThat(afterFirst.lastResponseCode()).isEqualTo(500);
        assertThat(Duration.between(clock.instant(), afterFirst.nextAttemptAt())).isBetween(Duration.ofSeconds(25),
                Duration.ofSeconds(30));
        worker.deliverDue();
        assertThat(receiver.received).as("not due before its backoff").hasSize(1);

        clock.advance(Duration.ofSeconds(31));
        worker.deliverDue();
        WebhookDelivery afterSecond = onlyDelivery();
        assertThat(afterSecond.status()).isEqualTo(Status.PENDING);
        assertThat(Duration.between(clock.instant(), afterSecond.nextAttemptAt()))
                .as("the wait doubles").isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(30));
        worker.deliverDue();
        assertThat(receiver.received).hasSize(2);

        clock.advance(Duration.ofSeconds(31));
        worker.deliverDue();

        assertThat(onlyDelivery().status()).isEqualTo(Status.DELIVERED);
        assertThat(receiver.received).extracting(WebhookReceiver.Received::answered).containsExactly(500, 500, 200);
        assertThat(receiver.received).extracting(WebhookReceiver.Received::deliveryId).containsOnly(
                onlyDelivery().id().toString());
        assertThat(SystemActor.call(() -> webhooks.attempts(onlyDelivery().id())))
                .extracting(WebhookAttempt::responseCode).containsExactly(500, 500, 200);
    }

    @Test
    void aDeliveryThatTimesOutIsRetriedAfterItsBackoff() {
        receiver.script(Duration.ofSeconds(3));
        sendMessage();

        worker.deliverDue();
        WebhookDelivery afterTimeout = onlyDelivery();
        assertThat(afterTimeout.status()).isEqualTo(Status.PENDING);
        assertThat(afterTimeout.lastResponseCode()).isNull();
        assertThat(afterTimeout.lastError()).startsWith("timeout");

        clock.advance(Duration.ofSeconds(31));
        worker.deliverDue();

        assertThat(onlyDelivery().status()).isEqualTo(Status.DELIVERED);
        assertThat(SystemActor.call(() -> webhooks.attempts(onlyDelivery().id())))
                .extracting(WebhookAttempt::outcome).containsExactly(Outcome.FAILED, Outcome.DELIVERED);
        // the stalled request still reaches the receiver after we gave up on it: it sees the id twice
        // and keeps one, which is why every delivery carries its id
        Eventually.eventually(() -> assertThat(receiver.received).hasSize(2));
        assertThat(receiver.received).extracting(WebhookReceiver.Received::deliveryId)
                .containsOnly(onlyDelivery().id().toString());
        assertThat(receiver.accepted).contains(onlyDelivery().id().toString());
    }

    @Test
    void aDeliveryStillFailingAfter24HoursIsFailedAndAResendDeliversItWithTheSameId() {
        receiver.script(503);
        sendMessage();
        worker.deliverDue();

        clock.advance(Duration.ofHours(25));
        receiver.script(503);
        worker.deliverDue();
        WebhookDelivery failed = onlyDelivery();
        assertThat(failed.status()).isEqualTo(Status.FAILED);

        SystemActor.call(() -> webhooks.resend(failed.id()));
        worker.deliverDue();

        assertThat(onlyDelivery().status()).isEqualTo(Status.DELIVERED);
        assertThat(receiver.received).extracting(WebhookReceiver.Received::deliveryId)
                .containsOnly(failed.id().toString()).hasSize(3);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'webhook.resend'").query(Integer.class)
                .single()).isEqualTo(1);
    }

    @Test
    void anEventOfACauseThatRolledBackIsNeverDelivered() {
        transaction.executeWithoutResult(tx -> {
            events.publishEvent(new LeadUnsubscribed(7, "gone@example.com", "unsubscribed", "test", clock.instant()));
            tx.setRollbackOnly();
        });

        worker.deliverDue();
        assertThat(receiver.received).isEmpty();
        assertThat(jdbc.sql("select count(*) from webhook_event where event_type = 'LEAD_UNSUBSCRIBED'")
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from webhook_delivery where event_type = 'LEAD_UNSUBSCRIBED'")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void anEventNoEndpointTakesMakesNoDelivery() {
        transaction.executeWithoutResult(tx -> events.publishEvent(new dev.outreach.lead.LeadStatusChanged(7,
                dev.outreach.lead.LeadStatus.CONTACTED, dev.outreach.lead.LeadStatus.REPLIED, "test", clock.instant())));

        assertThat(jdbc.sql("select count(*) from webhook_event where event_type = 'LEAD_STATUS_CHANGED'")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void anEventIsOneRowInItsCausesTransactionAndEachSubscribedEndpointGetsItWithItsOwnId() {
        WebhookEndpoint second = SystemActor.call(() -> webhooks.create(new WebhookEndpointDraft("Warehouse",
                receiver.url(), Set.of(WebhookEventType.MESSAGE_SENT), SECRET, true)));
        UUID messageId = sendMessage();

        assertThat(jdbc.sql("select count(*) from webhook_event where payload like :message and status = 'PENDING'")
                .param("message", "%" + messageId + "%").query(Integer.class).single())
                .as("one row for the send, whatever the number of endpoints").isEqualTo(1);
        assertThat(SystemActor.call(() -> webhooks.deliveries(second.id(), 10))).as("fanned out by the worker").isEmpty();

        worker.deliverDue();

        assertThat(receiver.received).hasSize(2).allMatch(WebhookReceiver.Received::signatureValid)
                .allMatch(request -> request.body().contains(messageId.toString()));
        assertThat(receiver.received).extracting(WebhookReceiver.Received::deliveryId).doesNotHaveDuplicates();
        WebhookDelivery toSecond = SystemActor.call(() -> webhooks.deliveries(second.id(), 10)).getFirst();
        assertThat(List.of(onlyDelivery(), toSecond)).allMatch(delivery -> delivery.status() == Status.DELIVERED)
                .extracting(delivery -> delivery.id().toString())
                .containsExactlyInAnyOrderElementsOf(receiver.received.stream().map(WebhookReceiver.Received::deliveryId)
                        .toList());
        assertThat(SystemActor.call(() -> webhooks.attempts(toSecond.id()))).singleElement()
                .satisfies(attempt -> assertThat(attempt.responseCode()).isEqualTo(200));
        assertThat(jdbc.sql("select status from webhook_event where payload like :message")
                .param("message", "%" + messageId + "%").query(String.class).single()).isEqualTo("FANNED_OUT");
    }

    @Test
    void anEventWhoseWorkerDiedAfterClaimingItGoesOutWhenTheLeaseEndsWithTheDeliveryIdItHadThen() {
        sendMessage();
        Instant now = clock.instant();
        List<WebhookDeliveryStore.Due> claimed = store.claim(now, 200, now.plus(Duration.ofMinutes(2))).stream()
                .filter(due -> !due.stored()).toList(); // (another test's retry may be due too)
        assertThat(claimed).hasSize(1); // and the worker dies before it stores an outcome

        worker.deliverDue();
        assertThat(receiver.received).as("held by the dead worker's lease").isEmpty();
        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        worker.deliverDue();

        assertThat(receiver.received).singleElement().satisfies(request -> {
            assertThat(request.deliveryId()).isEqualTo(claimed.getFirst().id().toString());
            assertThat(request.signatureValid()).isTrue();
        });
        assertThat(onlyDelivery().id()).isEqualTo(claimed.getFirst().id());
        assertThat(onlyDelivery().status()).isEqualTo(Status.DELIVERED);
    }

    @Test
    void loopbackPrivateAndMetadataUrlsAreRefusedWhenNotTheTestsAllowance() {
        for (String url : List.of("http://127.0.0.1:1/hooks", "http://localhost/hooks", "http://10.0.0.7/hooks",
                "http://192.168.1.20/hooks", "http://169.254.169.254/latest/meta-data", "http://[::1]/hooks",
                "ftp://example.com/hooks")) {
            assertThatThrownBy(() -> SystemActor.call(() -> webhooks.create(new WebhookEndpointDraft("Bad", url,
                    Set.of(WebhookEventType.MESSAGE_SENT), SECRET, true))))
                    .as(url).isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.errors().getFirst().field()).isEqualTo("url"));
        }
        assertThat(SystemActor.call(() -> webhooks.endpoints())).extracting(WebhookEndpoint::name).containsOnly("CRM");
    }

    @Test
    void anEndpointWhoseAddressTurnedLoopbackIsRefusedAtDeliveryAndNothingReachesIt() {
        try (WebhookReceiver elsewhere = new WebhookReceiver(SECRET)) {
            // the saved URL now names another address (as a name that resolves elsewhere later would)
            jdbc.sql("update webhook_endpoint set url = :url where not deleted").param("url", elsewhere.url()).update();
            sendMessage();

            worker.deliverDue();

            assertThat(elsewhere.received).isEmpty();
            assertThat(receiver.received).isEmpty();
            WebhookDelivery refused = onlyDelivery();
            assertThat(refused.status()).as("tried again later, in case the address changes back").isEqualTo(Status.PENDING);
            assertThat(refused.lastError()).startsWith("URL refused").contains("loopback");
            assertThat(SystemActor.call(() -> webhooks.attempts(refused.id()))).singleElement()
                    .satisfies(attempt -> assertThat(attempt.outcome()).isEqualTo(Outcome.FAILED));
        }
    }

    @Test
    void theReceiversOwnUrlIsRefusedWithoutTheTestAllowance() {
        WebhookUrls guard = new WebhookUrls(new OutgoingWebhookProperties(true, Duration.ofSeconds(2), 200, 16,
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofSeconds(30),
                Duration.ofHours(1), Duration.ofHours(24), Duration.ofSeconds(5), List.of()));

        assertThatThrownBy(() -> guard.check(receiver.url())).hasMessageContaining("loopback");
    }

    @Test
    void operatorsCannotSeeOrChangeEndpoints() {
        var authorities = List.of(new SimpleGrantedAuthority(Role.OPERATOR.authority()));
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated("olivia", null, authorities));
        try {
            assertThatThrownBy(() -> webhooks.endpoints()).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> webhooks.create(new WebhookEndpointDraft("Mine", receiver.url(),
                    Set.of(WebhookEventType.MESSAGE_SENT), SECRET, true))).isInstanceOf(AccessDeniedException.class);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void theSecretIsStoredEncrypted() {
        assertThat(jdbc.sql("select secret_encrypted from webhook_endpoint where not deleted").query(String.class)
                .single()).startsWith("v1:").doesNotContain(SECRET);
    }

    @Test
    void aReplyReadFromAMailboxIsDeliveredOnceWithTheLabelTheRulesGaveItAndAProvidersReplyWithoutOne() {
        subscribe(WebhookEventType.REPLY_RECEIVED);
        long lead = lead("replier");
        UUID answered = message(lead, 0);
        UUID reported = message(lead, 1);

        long replyId = replyFromMailbox(answered, lead, "Sounds interesting, tell me more about pricing.");
        assertThat(ingestion.ingest(new EmailEvent("generic", "reply-" + UUID.randomUUID(), EmailEventKind.REPLIED, reported,
                null, clock.instant(), false, false, "reply", null))).isEqualTo(EmailEventIngestion.Outcome.APPLIED);
        worker.deliverDue();

        assertThat(receiver.received).hasSize(2).allSatisfy(request -> {
            assertThat(request.signatureValid()).isTrue();
            assertThat(request.event()).isEqualTo("reply.received");
        });
        JsonNode labelled = data(receiver.received.stream().filter(r -> r.body().contains(answered.toString())).findFirst()
                .orElseThrow());
        assertThat(labelled.get("reply_id").asLong()).isEqualTo(replyId);
        assertThat(labelled.get("lead_id").asLong()).isEqualTo(lead);
        assertThat(labelled.get("label").asString()).isEqualTo("interested");
        assertThat(labelled.get("label_source").asString()).isEqualTo("rule");
        assertThat(labelled.get("automatic").asBoolean()).isFalse();
        assertThat(labelled.get("subject").asString()).isEqualTo("Re: Roof check");
        JsonNode unlabelled = data(receiver.received.stream().filter(r -> r.body().contains(reported.toString())).findFirst()
                .orElseThrow());
        assertThat(unlabelled.get("label").isNull()).as("a provider's reply event has no text to label").isTrue();
        assertThat(jdbc.sql("select count(*) from webhook_delivery where event_type = 'REPLY_RECEIVED'").query(Integer.class)
                .single()).as("the mailbox's REPLIED event is not delivered a second time, unlabelled").isEqualTo(2);
    }

    @Test
    void aCompletedCampaignIsDeliveredSigned() {
        subscribe(WebhookEventType.CAMPAIGN_COMPLETED);
        jdbc.sql("insert into campaign (name, status, default_time_zone, created_at, updated_at)"
                + " values ('Gutters <b>fall</b>', 'ACTIVE', 'UTC', :now, :now)").param("now", Timestamp.from(clock.instant()))
                .update();
        long campaign = jdbc.sql("select id from campaign where name = 'Gutters <b>fall</b>'").query(Long.class).single();
        long lead = lead("finished");
        jdbc.sql("""
                insert into enrollment (lead_id, campaign_id, outreach_sequence_step, status, created_at, updated_at)
                values (:lead, :campaign, 3, 'REPLIED', :now, :now)
                """).param("lead", lead).param("campaign", campaign).param("now", Timestamp.from(clock.instant())).update();

        Instant before = clock.instant();
        assertThat(completion.run()).isEqualTo(1);
        Instant after = clock.instant();
        worker.deliverDue();

        assertThat(jdbc.sql("select status from campaign where id = :id").param("id", campaign).query(String.class).single())
                .isEqualTo("COMPLETED");
        WebhookReceiver.Received request = receiver.received.getFirst();
        assertThat(receiver.received).hasSize(1);
        assertThat(request.signatureValid()).isTrue();
        assertThat(request.event()).isEqualTo("campaign.completed");
        JsonNode data = data(request);
        assertThat(data.get("campaign_id").asLong()).isEqualTo(campaign);
        assertThat(data.get("name").asString()).isEqualTo("Gutters <b>fall</b>");
        assertThat(Instant.parse(data.get("completed_at").asString())).isBetween(before, after);
    }

    private void subscribe(WebhookEventType type) {
        SystemActor.run(() -> webhooks.endpoints().forEach(endpoint -> webhooks.delete(endpoint.id())));
        SystemActor.call(() -> webhooks.create(new WebhookEndpointDraft("CRM", receiver.url(), Set.of(type), SECRET, true)));
    }

    private JsonNode data(WebhookReceiver.Received request) {
        return json.readTree(request.body()).get("data");
    }

    private long lead(String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@hooks.example";
        jdbc.sql("""
                insert into lead (first_name, email, email_normalized, status, created_at, updated_at)
                values (:name, :email, :email, 'CONTACTED', :now, :now)
                """).param("name", name).param("email", email).param("now", Timestamp.from(clock.instant())).update();
        return jdbc.sql("select id from lead where email = :email").param("email", email).query(Long.class).single();
    }

    private UUID message(long lead, int touch) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into outreach_message (id, lead_id, touch, message_type, subject, body, status, due_at, sent_at,
                    channel_used, first_channel, step_index, created_at, updated_at)
                values (:id, :lead, :touch, 'cold_outreach', 'Roof check', 'Hello', 'SENT', :at, :at, 'EMAIL', 'EMAIL', 0, :at, :at)
                """).param("id", id).param("lead", lead).param("touch", touch).param("at", Timestamp.from(clock.instant()))
                .update();
        return id;
    }

    /** The lead's reply as the IMAP poller records it: on the timeline, and its REPLIED event, in one transaction. */
    private long replyFromMailbox(UUID message, long lead, String text) {
        String header = "<" + UUID.randomUUID() + "@mail.example>";
        transaction.executeWithoutResult(tx -> {
            jdbc.sql("""
                    insert into email_reply (message_id, lead_id, header_message_id, from_address, subject, excerpt,
                        received_at, written_at, kind)
                    values (:message, :lead, :header, 'lead@hooks.example', 'Re: Roof check', :text, :at, :at, 'REPLY')
                    """).param("message", message).param("lead", lead).param("header", header).param("text", text)
                    .param("at", Timestamp.from(clock.instant())).update();
            ingestion.ingest(new EmailEvent("imap", "reply:" + header, EmailEventKind.REPLIED, message, null, clock.instant(),
                    false, false, "Reply from lead@hooks.example: Re: Roof check", null));
        });
        return jdbc.sql("select id from email_reply where header_message_id = :header").param("header", header)
                .query(Long.class).single();
    }

    private UUID sendMessage() {
        UUID id = UUID.randomUUID();
        transaction.executeWithoutResult(tx -> events.publishEvent(new MessageSent(id, 1, null, ChannelType.EMAIL, null,
                "sender@send.example", 0, "initial", clock.instant())));
        return id;
    }

    private WebhookDelivery onlyDelivery() {
        long endpoint = SystemActor.call(() -> webhooks.endpoints()).getFirst().id();
        return SystemActor.call(() -> webhooks.deliveries(endpoint, 10)).getFirst();
    }
}
