package dev.outreach.events;

import static dev.outreach.events.WebhookTestSupport.genericEvent;
import static dev.outreach.events.WebhookTestSupport.genericSignature;
import static dev.outreach.events.WebhookTestSupport.post;
import static dev.outreach.events.WebhookTestSupport.postGeneric;
import static dev.outreach.events.WebhookTestSupport.sendgridHeaders;
import static dev.outreach.events.WebhookTestSupport.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.deliverability.EmailMetrics;
import dev.outreach.deliverability.ReputationService;
import dev.outreach.events.WebhookTestSupport.SentMessage;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.outreach.OutreachService;
import dev.outreach.outreach.SequenceResult;
import dev.outreach.security.SystemActor;
import dev.outreach.support.ScriptedSmtpServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event webhooks over real HTTP on the embedded database: what a signed request changes,
 * and that every refused request (tampered, stale, unsigned, malformed, too large) changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"outreach.demo-data=false", "outreach.dispatch.enabled=false",
            "outreach.email.relays.sendgrid=smtp.sendgrid.net,127.0.0.1"})
@ActiveProfiles("test")
class EmailWebhookIntegrationTests {

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("outreach.webhooks.generic.secret", () -> WebhookTestSupport.SECRET);
        registry.add("outreach.webhooks.sendgrid.public-key", () -> WebhookTestSupport.SENDGRID_PUBLIC_KEY);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LeadService leads;
    @Autowired
    OutreachService outreach;
    @Autowired
    ReputationService reputation;
    @Autowired
    EmailEventIngestion ingestion;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void signedGenericEventsUpdateTheMessageAndEnrollmentOnceEvenWhenReplayed() throws Exception {
        SentMessage message = sent();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        String body = "[" + String.join(",",
                genericEvent(uniqueId("d"), "delivered", message.id(), t0, null),
                genericEvent(uniqueId("o"), "open", message.id(), t0.plusSeconds(1), "\"machine_open\":true"),
                genericEvent(uniqueId("o"), "open", message.id(), t0.plusSeconds(2), null),
                genericEvent(uniqueId("c"), "click", message.id(), t0.plusSeconds(3), "\"detail\":\"https://example.com/pricing\"")) + "]";

        HttpResponse<String> first = postGeneric(port, body);
        HttpResponse<String> replay = postGeneric(port, body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("{\"applied\":4,\"duplicate\":0,\"orphan\":0,\"ignored\":0}");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo("{\"applied\":0,\"duplicate\":4,\"orphan\":0,\"ignored\":0}");
        Map<String, Object> row = messageRow(message.id());
        assertThat(row.get("status")).isEqualTo("DELIVERED");
        assertThat(instant(row.get("delivered_at"))).isEqualTo(t0);
        assertThat(row.get("open_count")).isEqualTo(2);
        assertThat(row.get("human_open_count")).isEqualTo(1);
        assertThat(instant(row.get("first_opened_at"))).isEqualTo(t0.plusSeconds(1));
        assertThat(instant(row.get("clicked_at"))).isEqualTo(t0.plusSeconds(3));
        Map<String, Object> enrollment = jdbc.sql("select * from enrollment where id = ?").param(message.enrollmentId())
                .query().singleRow();
        assertThat(enrollment.get("email_open_count")).isEqualTo(2);
        assertThat(enrollment.get("email_human_open_count")).isEqualTo(1);
        assertThat(instant(enrollment.get("last_email_opened_at"))).isEqualTo(t0.plusSeconds(1));
        assertThat(instant(enrollment.get("last_email_clicked_at"))).isEqualTo(t0.plusSeconds(3));
        assertThat(jdbc.sql("select detail from email_event where message_id = ? order by occurred_at").param(message.id())
                .query(String.class).list()).containsExactly("delivered: message DELIVERED",
                "first open by a machine (proxy, scanner or prefetch): not counted as a human open", "opened again",
                "first click: https://example.com/pricing");
        EmailMetrics counted = reputation.getEmailReputationScoped(ReputationService.Scope.MAILBOX, message.mailbox())
                .score().metrics();
        assertThat(counted.delivered()).isEqualTo(1);
        assertThat(counted.opened()).isEqualTo(2);
        assertThat(counted.clicked()).isEqualTo(1);
    }

    @Test
    void signedSendGridBatchAppliesBouncesKeepsOrphansAndIgnoresProcessed() throws Exception {
        SentMessage delivered = sent();
        SentMessage bounced = sent();
        long ts = Instant.now().getEpochSecond() - 30;
        String unknown = UUID.randomUUID().toString();
        String body = """
                [{"email":"%s","timestamp":%d,"event":"processed","sg_event_id":"%s","sg_message_id":"sg1","outreach_message_id":"%s"},
                 {"email":"%s","timestamp":%d,"event":"delivered","sg_event_id":"%s","sg_message_id":"sg1","outreach_message_id":"%s","response":"250 OK"},
                 {"email":"%s","timestamp":%d,"event":"open","sg_event_id":"%s","sg_message_id":"sg1","outreach_message_id":"%s","sg_machine_open":false},
                 {"email":"%s","timestamp":%d,"event":"bounce","sg_event_id":"%s","sg_message_id":"sg2","outreach_message_id":"%s","type":"bounce","status":"5.1.1","reason":"550 5.1.1 user unknown"},
                 {"email":"someone@else.com","timestamp":%d,"event":"delivered","sg_event_id":"%s","sg_message_id":"sg3","outreach_message_id":"%s"}]
                """.formatted(delivered.leadEmail(), ts, uniqueId("sg"), delivered.id(),
                delivered.leadEmail(), ts, uniqueId("sg"), delivered.id(),
                delivered.leadEmail(), ts + 1, uniqueId("sg"), delivered.id(),
                bounced.leadEmail(), ts, uniqueId("sg"), bounced.id(),
                ts, uniqueId("sg"), unknown);

        HttpResponse<String> response = post(port, "sendgrid", body.getBytes(StandardCharsets.UTF_8),
                sendgridHeaders(body, Instant.now()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"applied\":3,\"duplicate\":0,\"orphan\":1,\"ignored\":1}");
        assertThat(messageRow(delivered.id())).containsEntry("status", "DELIVERED").containsEntry("human_open_count", 1);
        assertThat(messageRow(bounced.id())).containsEntry("status", "BOUNCED")
                .containsEntry("status_reason", "hard bounce: 5.1.1 550 5.1.1 user unknown");
        assertThat(suppressionReason(bounced.leadEmail())).isEqualTo("hard bounce: 5.1.1 550 5.1.1 user unknown");
        assertThat(leadStatus(bounced.leadId())).isEqualTo("BOUNCED");
        assertThat(suppressionReason(delivered.leadEmail())).isNull();
        Map<String, Object> orphan = jdbc.sql("""
                select orphan, message_id, detail from email_event where provider = 'sendgrid' and raw_payload like ?
                """).param("%" + unknown + "%").query().singleRow();
        assertThat(orphan.get("orphan")).isEqualTo(true);
        assertThat(orphan.get("message_id")).isNull();
        assertThat((String) orphan.get("detail")).startsWith("orphan: no message of ours");
    }

    @Test
    void anOpenNamingOnlySendGridsIdFindsTheMessageByTheIdSendGridsRelayGaveWhenItWasSent() throws Exception {
        SentMessage earlier = sent(); // at least one mailbox: every one is pointed at the relay below
        String queuedAs = "Rl" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Rhea");
        draft.setEmail("rhea-" + queuedAs.toLowerCase(java.util.Locale.ROOT) + "@rhea-roofing.com");
        long leadId = SystemActor.call(() -> leads.create(draft));
        SequenceResult sent;
        try (ScriptedSmtpServer relay = new ScriptedSmtpServer().replyToDataEnd("250 Ok: queued as " + queuedAs)) {
            jdbc.sql("update sales_engine_config set delivery_mode = 'LIVE'").update();
            jdbc.sql("""
                    update mailbox set smtp_host = '127.0.0.1', smtp_port = ?, smtp_security = 'NONE', smtp_username = null,
                        smtp_password_enc = null
                    """).param(relay.port()).update();
            sent = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Roof check", "Hi Rhea"));
        } finally {
            jdbc.sql("update sales_engine_config set delivery_mode = 'SANDBOX'").update();
            jdbc.sql("update mailbox set smtp_host = null, smtp_port = null").update();
        }
        assertThat(sent.success()).as(sent.note()).isTrue();
        assertThat(jdbc.sql("select relay_message_id from outreach_message where id = ?").param(sent.messageId())
                .query(String.class).single()).as("recorded on the sent message").isEqualTo(queuedAs);
        long ts = Instant.now().getEpochSecond() - 30;
        // no custom argument, no smtp-id (opens carry none), and no earlier SendGrid event named the message
        String body = """
                [{"email":"%s","timestamp":%d,"event":"open","sg_event_id":"%s","sg_message_id":"%s.filterdrecv-5bd9dd5d45-kx7zq-1-64A1B2C3-4.0","useragent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64)","ip":"203.0.113.9","sg_machine_open":false}]
                """.formatted(draft.getEmail(), ts, uniqueId("sg"), queuedAs);

        HttpResponse<String> response = post(port, "sendgrid", bytes(body), sendgridHeaders(body, Instant.now()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"applied\":1,\"duplicate\":0,\"orphan\":0,\"ignored\":0}");
        assertThat(messageRow(sent.messageId())).containsEntry("human_open_count", 1);
        assertThat(messageRow(earlier.id())).containsEntry("human_open_count", 0);
    }

    @Test
    void sendGridEventsAreMatchedOnEveryIdTheyCarryBeforeBeingOrphans() throws Exception {
        SentMessage relayed = sent();
        SentMessage tagged = sent();
        long ts = Instant.now().getEpochSecond() - 60;
        String sgId = "Xk3vQw9sRbKd2" + uniqueId("m").replace("-", "");
        // delivered names our Message-ID in smtp-id; the open after it names only SendGrid's own id;
        // the third names our id in a plain message_id custom argument
        String body = """
                [{"email":"%s","timestamp":%d,"event":"delivered","sg_event_id":"%s","smtp-id":"%s","sg_message_id":"%s.filterdrecv-5bd9dd5d45-kx7zq-1-64A1B2C3-4.0","response":"250 2.0.0 OK"},
                 {"email":"%s","timestamp":%d,"event":"open","sg_event_id":"%s","sg_message_id":"%s.filterdrecv-5bd9dd5d45-kx7zq-1-64A1B2C3-4.0","useragent":"Mozilla/5.0","ip":"203.0.113.9"},
                 {"email":"%s","timestamp":%d,"event":"delivered","sg_event_id":"%s","sg_message_id":"other.filter0001.1.0","message_id":"%s"}]
                """.formatted(relayed.leadEmail(), ts, uniqueId("sg"), relayed.headerId(), sgId,
                relayed.leadEmail(), ts + 5, uniqueId("sg"), sgId,
                tagged.leadEmail(), ts, uniqueId("sg"), tagged.id());
        // a click arriving in a later request names only SendGrid's id too
        String later = """
                [{"email":"%s","timestamp":%d,"event":"click","sg_event_id":"%s","sg_message_id":"%s.filterdrecv-5bd9dd5d45-kx7zq-1-64A1B2C3-9.0","url":"https://example.com/a"}]
                """.formatted(relayed.leadEmail(), ts + 9, uniqueId("sg"), sgId);

        HttpResponse<String> first = post(port, "sendgrid", bytes(body), sendgridHeaders(body, Instant.now()));
        HttpResponse<String> second = post(port, "sendgrid", bytes(later), sendgridHeaders(later, Instant.now()));

        assertThat(first.body()).isEqualTo("{\"applied\":3,\"duplicate\":0,\"orphan\":0,\"ignored\":0}");
        assertThat(second.body()).isEqualTo("{\"applied\":1,\"duplicate\":0,\"orphan\":0,\"ignored\":0}");
        assertThat(messageRow(relayed.id())).containsEntry("status", "DELIVERED").containsEntry("human_open_count", 1);
        assertThat(messageRow(relayed.id()).get("clicked_at")).isNotNull();
        assertThat(messageRow(tagged.id())).containsEntry("status", "DELIVERED");
        assertThat(jdbc.sql("select count(*) from email_event where message_id = ?").param(relayed.id())
                .query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void softBouncesAddUpToASuppression() throws Exception {
        WebhookTestSupport.softBouncesAddUpToASuppression(port, jdbc, leads);
    }

    @Test
    void repliesComplaintsUnsubscribesAndSoftBouncesHaveTheirEffects() throws Exception {
        SentMessage replied = sent();
        SentMessage complained = sent();
        SentMessage unsubscribed = sent();
        SentMessage softBounced = sent();
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(10);
        String body = "[" + String.join(",",
                genericEvent(uniqueId("r"), "reply", replied.id(), at, "\"detail\":\"Re: Hello\""),
                genericEvent(uniqueId("x"), "complaint", complained.id(), at, null),
                genericEvent(uniqueId("u"), "unsubscribe", unsubscribed.id(), at, null),
                genericEvent(uniqueId("b"), "bounce", softBounced.id(), at, "\"bounce\":\"soft\",\"detail\":\"452 mailbox full\"")) + "]";

        assertThat(postGeneric(port, body).statusCode()).isEqualTo(200);

        assertThat(messageRow(replied.id())).containsEntry("status", "REPLIED");
        assertThat(instant(messageRow(replied.id()).get("replied_at"))).isEqualTo(at);
        assertThat(jdbc.sql("select status from enrollment where id = ?").param(replied.enrollmentId()).query(String.class)
                .single()).isEqualTo("REPLIED");
        assertThat(leadStatus(replied.leadId())).isEqualTo("REPLIED");
        assertThat(instant(messageRow(complained.id()).get("complained_at"))).isEqualTo(at);
        assertThat(suppressionReason(complained.leadEmail())).isEqualTo("complaint");
        assertThat(leadStatus(complained.leadId())).isEqualTo("UNSUBSCRIBED");
        assertThat(suppressionReason(unsubscribed.leadEmail())).isEqualTo("unsubscribed");
        assertThat(leadStatus(unsubscribed.leadId())).isEqualTo("UNSUBSCRIBED");
        assertThat(jdbc.sql("select email_unsubscribed from enrollment where id = ?").param(unsubscribed.enrollmentId())
                .query(Boolean.class).single()).isTrue();
        assertThat(messageRow(softBounced.id())).containsEntry("status", "SENT");
        assertThat(suppressionReason(softBounced.leadEmail())).isNull();
        assertThat(jdbc.sql("select detail from email_event where message_id = ?").param(softBounced.id()).query(String.class)
                .single()).isEqualTo("soft bounce: counts against reputation only: 452 mailbox full");
    }

    @Test
    void tamperedStaleAndUnsignedRequestsAreRefusedAndChangeNothing() throws Exception {
        SentMessage message = sent();
        String body = "[" + genericEvent(uniqueId("d"), "delivered", message.id(), Instant.now(), null) + "]";
        String tampered = body.replace("delivered", "complaint");
        String sgBody = "[{\"timestamp\":" + Instant.now().getEpochSecond() + ",\"event\":\"delivered\",\"sg_event_id\":\""
                + uniqueId("sg") + "\",\"outreach_message_id\":\"" + message.id() + "\"}]";

        HttpResponse<String> genericTampered = post(port, "generic", bytes(tampered),
                Map.of(GenericWebhook.SIGNATURE, genericSignature(body, Instant.now())));
        HttpResponse<String> genericStale = post(port, "generic", bytes(body),
                Map.of(GenericWebhook.SIGNATURE, genericSignature(body, Instant.now().minus(Duration.ofMinutes(6)))));
        HttpResponse<String> genericUnsigned = post(port, "generic", bytes(body), Map.of());
        HttpResponse<String> sendgridTampered = post(port, "sendgrid", bytes(sgBody.replace("delivered", "spamreport")),
                sendgridHeaders(sgBody, Instant.now()));
        HttpResponse<String> sendgridStale = post(port, "sendgrid", bytes(sgBody),
                sendgridHeaders(sgBody, Instant.now().minus(Duration.ofMinutes(6))));
        HttpResponse<String> sendgridUnsigned = post(port, "sendgrid", bytes(sgBody), Map.of());

        assertThat(genericTampered.statusCode()).isEqualTo(401);
        assertThat(genericTampered.body()).contains("The signature does not match the body");
        assertThat(genericStale.statusCode()).isEqualTo(401);
        assertThat(genericStale.body()).contains("more than 5 minutes");
        assertThat(genericUnsigned.statusCode()).isEqualTo(401);
        assertThat(genericUnsigned.body()).contains("Missing X-Outreach-Signature header");
        assertThat(sendgridTampered.statusCode()).isEqualTo(401);
        assertThat(sendgridTampered.body()).contains("The signature does not match the body");
        assertThat(sendgridStale.statusCode()).isEqualTo(401);
        assertThat(sendgridStale.body()).contains("more than 5 minutes");
        assertThat(sendgridUnsigned.statusCode()).isEqualTo(401);
        assertThat(sendgridUnsigned.body()).contains("Missing X-Twilio-Email-Event-Webhook-Signature");
        assertUntouched(message);
    }

    @Test
    void unknownProviderIs404() throws Exception {
        HttpResponse<String> response = post(port, "sparkpost", bytes("[]"), Map.of());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Unknown webhook provider 'sparkpost': use generic or mailgun or postmark or sendgrid or ses");
    }

    @Test
    void malformedJsonOrOneBadEventRefusesTheWholeRequestNamingTheField() throws Exception {
        SentMessage message = sent();
        String good = genericEvent(uniqueId("d"), "delivered", message.id(), Instant.now(), null);
        String missingTime = "{\"id\":\"" + uniqueId("o") + "\",\"type\":\"open\",\"message_id\":\"" + message.id() + "\"}";
        String badType = genericEvent(uniqueId("o"), "opened", message.id(), Instant.now(), null);

        HttpResponse<String> malformed = postGeneric(port, "[" + good + ",{\"id\":");
        HttpResponse<String> missing = postGeneric(port, "[" + good + "," + missingTime + "]");
        HttpResponse<String> unknownType = postGeneric(port, "[" + good + "," + badType + "]");
        HttpResponse<String> sendgridMissingId = post(port, "sendgrid", bytes("[{\"event\":\"open\",\"timestamp\":1}]"),
                sendgridHeaders("[{\"event\":\"open\",\"timestamp\":1}]", Instant.now()));

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("\"field\":\"body\"").contains("Not valid JSON");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"field\":\"events[1].occurred_at\"").contains("Missing");
        assertThat(unknownType.statusCode()).isEqualTo(400);
        assertThat(unknownType.body()).contains("\"field\":\"events[1].type\"").contains("Unknown type 'opened'");
        assertThat(sendgridMissingId.statusCode()).isEqualTo(400);
        assertThat(sendgridMissingId.body()).contains("\"field\":\"events[0].sg_event_id\"");
        assertUntouched(message);
    }

    @Test
    void aTwoMegabyteBodyIsRefusedWithOrWithoutContentLength() throws Exception {
        SentMessage message = sent();
        String json = "[" + genericEvent(uniqueId("d"), "delivered", message.id(), Instant.now(), null) + "]";
        // Valid JSON, correctly signed: only its size (2 MB of trailing whitespace) is wrong.
        String padded = json + " ".repeat(2 * 1024 * 1024 - json.length());
        byte[] body = bytes(padded);
        Map<String, String> signature = Map.of(GenericWebhook.SIGNATURE, genericSignature(padded, Instant.now()));

        HttpResponse<String> declared = post(port, "generic", body, signature);
        HttpRequest.Builder chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/webhooks/email-events/generic"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        signature.forEach(chunked::header);
        HttpResponse<String> streamed = HttpClient.newHttpClient().send(chunked.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("The body is 2097152 bytes; at most 1048576 (1 MB) are accepted");
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(streamed.body()).contains("larger than 1048576 bytes");
        assertUntouched(message);
    }

    @Test
    void anEventForAnUnknownMessageIsKeptAsAnOrphanWithoutEffect() throws Exception {
        UUID unknown = UUID.randomUUID();
        String id = uniqueId("orphan");
        String body = "{\"id\":\"" + id + "\",\"type\":\"bounce\",\"bounce\":\"hard\",\"provider_message_id\":\"<" + unknown
                + "@nowhere.example>\",\"occurred_at\":\"" + Instant.now() + "\"}";
        int suppressions = jdbc.sql("select count(*) from suppression").query(Integer.class).single();

        HttpResponse<String> response = postGeneric(port, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"applied\":0,\"duplicate\":0,\"orphan\":1,\"ignored\":0}");
        Map<String, Object> row = jdbc.sql("select * from email_event where provider = 'generic' and provider_event_id = ?")
                .param(id).query().singleRow();
        assertThat(row.get("orphan")).isEqualTo(true);
        assertThat(row.get("message_id")).isNull();
        assertThat(row.get("event_type")).isEqualTo("BOUNCED");
        assertThat(row.get("detail")).isEqualTo("orphan: no message of ours has Message-ID <" + unknown + "@nowhere.example>");
        assertThat(jdbc.sql("select count(*) from suppression").query(Integer.class).single()).isEqualTo(suppressions);
    }

    @Test
    void anEventIngestedInATransactionThatRollsBackLeavesNoRowNoEffectAndNoReputation() {
        SentMessage message = sent();
        EmailEvent open = new EmailEvent("tracking", uniqueId("pixel"), EmailEventKind.OPENED, message.id(), null,
                Instant.now(), false, false, null, null);

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            assertThat(ingestion.ingest(open)).isEqualTo(EmailEventIngestion.Outcome.APPLIED);
            status.setRollbackOnly();
        });

        assertUntouched(message);
        assertThat(reputation.getEmailReputationScoped(ReputationService.Scope.MAILBOX, message.mailbox()).score().metrics()
                .opened()).isZero();
        assertThat(ingestion.ingest(open)).isEqualTo(EmailEventIngestion.Outcome.APPLIED);
        assertThat(ingestion.ingest(open)).isEqualTo(EmailEventIngestion.Outcome.DUPLICATE);
        assertThat(messageRow(message.id())).containsEntry("open_count", 1);
        assertThat(reputation.getEmailReputationScoped(ReputationService.Scope.MAILBOX, message.mailbox()).score().metrics()
                .opened()).isEqualTo(1);
    }

    private SentMessage sent() {
        return WebhookTestSupport.sentMessage(jdbc, leads);
    }

    private void assertUntouched(SentMessage message) {
        assertThat(jdbc.sql("select count(*) from email_event where message_id = ?").param(message.id()).query(Integer.class)
                .single()).isZero();
        assertThat(messageRow(message.id())).containsEntry("status", "SENT").containsEntry("open_count", 0);
        assertThat(suppressionReason(message.leadEmail())).isNull();
        assertThat(leadStatus(message.leadId())).isEqualTo("NEW");
    }

    private Map<String, Object> messageRow(UUID id) {
        return jdbc.sql("select * from outreach_message where id = ?").param(id).query().singleRow();
    }

    private String suppressionReason(String email) {
        return jdbc.sql("select reason from suppression where kind = 'ADDRESS' and entry = ?").param(email)
                .query(String.class).optional().orElse(null);
    }

    private String leadStatus(long leadId) {
        return jdbc.sql("select status from lead where id = ?").param(leadId).query(String.class).single();
    }

    /** H2 reads timestamp with time zone as OffsetDateTime, PostgreSQL as Timestamp. */
    static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Timestamp timestamp -> timestamp.toInstant();
            case java.time.OffsetDateTime time -> time.toInstant();
            default -> throw new IllegalArgumentException("Not a time: " + value);
        };
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
