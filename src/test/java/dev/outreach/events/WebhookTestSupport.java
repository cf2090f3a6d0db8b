package dev.outreach.events;

import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the webhook tests share: keys, signing as the providers do, real HTTP posts, and sent messages to report on. */
final class WebhookTestSupport {

    static final String SECRET = "test-webhook-secret";
    /** A SendGrid-like key pair; the test configures its public half as SendGrid's verification key. */
    static final KeyPair SENDGRID_KEYS = ecKeyPair();
    static final String SENDGRID_PUBLIC_KEY = Base64.getEncoder().encodeToString(SENDGRID_KEYS.getPublic().getEncoded());

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime());
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private WebhookTestSupport() {
    }

    /** One SENT email to a fresh lead, from a fresh mailbox, with an enrollment: what events are about. */
    record SentMessage(UUID id, long leadId, long enrollmentId, String leadEmail, String mailbox, String headerId) {
    }

    static SentMessage sentMessage(JdbcClient jdbc, LeadService leads) {
        long n = SEQUENCE.incrementAndGet();
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Webhook");
        draft.setLastName("Lead " + n);
        draft.setEmail("lead-" + n + "@webhook-test.com");
        long leadId = SystemActor.call(() -> leads.create(draft));
        Timestamp now = Timestamp.from(Instant.now());
        String domain = "send-" + n + ".example";
        String mailbox = "sender@" + domain;
        jdbc.sql("insert into sending_domain (domain, created_at, updated_at) values (?, ?, ?)").params(domain, now, now).update();
        jdbc.sql("""
                insert into mailbox (address, display_name, domain_id, created_at, updated_at)
                select ?, 'Sender', id, ?, ? from sending_domain where domain = ?
                """).params(mailbox, now, now, domain).update();
        long mailboxId = jdbc.sql("select id from mailbox where address = ?").param(mailbox).query(Long.class).single();
        jdbc.sql("insert into enrollment (lead_id, status, last_email_sent_at, created_at, updated_at) values (?, 'CONTACTED', ?, ?, ?)")
                .params(leadId, now, now, now).update();
        long enrollmentId = jdbc.sql("select id from enrollment where lead_id = ?").param(leadId).query(Long.class).single();
        UUID id = UUID.randomUUID();
        String headerId = "<" + id + "@" + domain + ">";
        jdbc.sql("""
                insert into outreach_message (id, lead_id, enrollment_id, touch, message_type, channel_used, subject, body,
                    status, mailbox_id, provider_message_id, due_at, sent_at, created_at, updated_at, step_index)
                values (?, ?, ?, 1, 'cold_outreach', 'EMAIL', 'Hello', 'Body', 'SENT', ?, ?, ?, ?, ?, ?, 0)
                """).params(id, leadId, enrollmentId, mailboxId, headerId, now, now, now, now).update();
        return new SentMessage(id, leadId, enrollmentId, draft.getEmail(), mailbox, headerId);
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet();
    }

    /** The generic format's signature header for a body, at a given time. */
    static String genericSignature(String body, Instant at) {
        String t = Long.toString(at.getEpochSecond());
        byte[] mac = dev.outreach.shared.WebhookSignature.sign(SECRET.getBytes(StandardCharsets.UTF_8), t, body.getBytes(StandardCharsets.UTF_8));
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac);
    }

    /** SendGrid's two headers for a body, signed with the test's private key. */
    static Map<String, String> sendgridHeaders(String body, Instant at) {
        String timestamp = Long.toString(at.getEpochSecond());
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(SENDGRID_KEYS.getPrivate());
            signer.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
            return Map.of(SendGridWebhook.SIGNATURE, Base64.getEncoder().encodeToString(signer.sign()),
                    SendGridWebhook.TIMESTAMP, timestamp);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> post(int port, String provider, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/webhooks/email-events/" + provider))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postGeneric(int port, String body) throws Exception {
        return post(port, "generic", body.getBytes(StandardCharsets.UTF_8),
                Map.of(GenericWebhook.SIGNATURE, genericSignature(body, Instant.now())));
    }

    static String genericEvent(String id, String type, UUID messageId, Instant at, String extra) {
        return """
                {"id":"%s","type":"%s","message_id":"%s","occurred_at":"%s"%s}"""
                .formatted(id, type, messageId, at, extra == null ? "" : "," + extra);
    }

    /**
     * Soft bounces add up: two within the window and one 20 days before them suppress nothing;
     * a third within the window, arriving late, suppresses the address with the figures, and
     * bounces the message and the lead. Then two at once for a fresh address with one before
     * them: both see each other. Returns nothing; asserts.
     */
    static void softBouncesAddUpToASuppression(int port, JdbcClient jdbc, LeadService leads) throws Exception {
        SentMessage message = sentMessage(jdbc, leads);
        Instant t0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minus(java.time.Duration.ofDays(10));
        String full = "\"bounce\":\"soft\",\"detail\":\"452 4.2.2 mailbox full\"";
        String early = "[" + String.join(",",
                genericEvent(uniqueId("sb"), "bounce", message.id(), t0.minus(java.time.Duration.ofDays(20)), full),
                genericEvent(uniqueId("sb"), "bounce", message.id(), t0, full),
                genericEvent(uniqueId("sb"), "bounce", message.id(), t0.plus(java.time.Duration.ofDays(2)), full)) + "]";
        org.assertj.core.api.Assertions.assertThat(postGeneric(port, early).statusCode()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(suppression(jdbc, message.leadEmail())).isNull();
        org.assertj.core.api.Assertions.assertThat(status(jdbc, message.id())).isEqualTo("SENT");

        String late = "[" + genericEvent(uniqueId("sb"), "bounce", message.id(), t0.minus(java.time.Duration.ofDays(1)), full) + "]";
        org.assertj.core.api.Assertions.assertThat(postGeneric(port, late).body())
                .isEqualTo("{\"applied\":1,\"duplicate\":0,\"orphan\":0,\"ignored\":0}");
        org.assertj.core.api.Assertions.assertThat(suppression(jdbc, message.leadEmail()))
                .isEqualTo("3 soft bounces in 14 days: 452 4.2.2 mailbox full");
        org.assertj.core.api.Assertions.assertThat(status(jdbc, message.id())).isEqualTo("BOUNCED");
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("select status from lead where id = ?").param(message.leadId())
                .query(String.class).single()).isEqualTo("BOUNCED");

        SentMessage racing = sentMessage(jdbc, leads);
        postGeneric(port, "[" + genericEvent(uniqueId("sb"), "bounce", racing.id(), t0, full) + "]");
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            List<java.util.concurrent.Future<HttpResponse<String>>> posts = new java.util.ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                String body = "[" + genericEvent(uniqueId("sb"), "bounce", racing.id(), t0.plusSeconds(i * 3600L), full) + "]";
                posts.add(pool.submit(() -> {
                    start.await();
                    return postGeneric(port, body);
                }));
            }
            start.countDown();
            for (var post : posts) {
                org.assertj.core.api.Assertions.assertThat(post.get().statusCode()).isEqualTo(200);
            }
        }
        org.assertj.core.api.Assertions.assertThat(suppression(jdbc, racing.leadEmail()))
                .isEqualTo("3 soft bounces in 14 days: 452 4.2.2 mailbox full");
    }

    private static String suppression(JdbcClient jdbc, String email) {
        return jdbc.sql("select reason from suppression where entry = ?").param(email.toLowerCase(java.util.Locale.ROOT))
                .query(String.class).optional().orElse(null);
    }

    private static String status(JdbcClient jdbc, UUID messageId) {
        return jdbc.sql("select status from outreach_message where id = ?").param(messageId).query(String.class).single();
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
