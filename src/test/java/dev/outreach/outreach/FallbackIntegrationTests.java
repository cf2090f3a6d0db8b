package dev.outreach.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.outreach.channel.ChannelConfigService;
import dev.outreach.channel.ChannelSettings;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
import dev.outreach.support.HookedEmailSender;
import dev.outreach.support.ScriptedSmtpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Email first, then LinkedIn, end to end in LIVE mode: the real email sender against a
 * scripted SMTP server or GreenMail, the real LinkedIn sender against a loopback provider,
 * through the dispatcher and the ChannelSequencer, with the history showing every attempt.
 */
@SpringBootTest(properties = "outreach.dispatch.enabled=false")
@ActiveProfiles("test")
@org.springframework.context.annotation.Import(dev.outreach.support.HookedEmailSender.class)
class FallbackIntegrationTests {

    @Autowired
    OutreachService outreach;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    OutreachStore store;
    @Autowired
    LeadService leads;
    @Autowired
    ChannelConfigService channels;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    dev.outreach.channel.task.ManualTaskService tasks;

    private static final String CONTACT_PAGE = """
            <html><body><h1>Contact Ortiz HVAC</h1>
            <form method="post" action="/contact/send">
              <label for="n">Your name</label><input id="n" name="your-name" type="text">
              <label for="e">Your email</label><input id="e" name="your-email" type="email">
              <label for="m">Your message</label><textarea id="m" name="your-message" required></textarea>
              <input type="hidden" name="_token" value="abc123">
              <button type="submit">Send</button>
            </form></body></html>""";
    private static final List<String> formPosts = new CopyOnWriteArrayList<>();
    private static HttpServer contactSite;

    @BeforeAll
    static void startContactSite() throws Exception {
        contactSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        contactSite.createContext("/", exchange -> {
            byte[] body = exchange.getRequestMethod().equals("POST")
                    ? "<html><body><p>Thank you for your message.</p></body></html>".getBytes(StandardCharsets.UTF_8)
                    : CONTACT_PAGE.getBytes(StandardCharsets.UTF_8);
            if (exchange.getRequestMethod().equals("POST")) {
                formPosts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        contactSite.start();
    }

    @AfterAll
    static void stopContactSite() {
        contactSite.stop(0);
    }

    /** The URL guard refuses loopback; this test's site is the one address it is told to allow. */
    @DynamicPropertySource
    static void allowTheContactSite(DynamicPropertyRegistry registry) {
        registry.add("outreach.contact-form.allowed-hosts", () -> "127.0.0.1:" + contactSite.getAddress().getPort());
    }

    private ScriptedSmtpServer smtp;
    private HttpServer linkedin;
    private final List<String> linkedinRequests = new CopyOnWriteArrayList<>();
    private ChannelSettings originalLinkedin;
    private long leadId;

    @BeforeEach
    void liveModeAgainstLoopbackServers() throws Exception {
        smtp = new ScriptedSmtpServer();
        linkedin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        linkedin.createContext("/", exchange -> {
            linkedinRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "{\"id\":\"li-42\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        linkedin.start();
        jdbc.sql("update sales_engine_config set delivery_mode = 'LIVE'").update();
        // every test's contact site is 127.0.0.1: one site, which the per-site limit would let through once
        jdbc.sql("delete from contact_form_site").update();
        pointMailboxesAt(smtp.port());
        originalLinkedin = SystemActor.call(() -> channels.get(ChannelType.LINKEDIN));
        Map<String, String> settings = new HashMap<>(originalLinkedin.settings());
        settings.put("gateway", "HTTP");
        settings.put("provider_base_url", "http://127.0.0.1:" + linkedin.getAddress().getPort());
        settings.put("provider_api_key", "test-key");
        SystemActor.call(() -> channels.update(new ChannelSettings(ChannelType.LINKEDIN, true, 1000, 1000, 10,
                originalLinkedin.maxRetries(), originalLinkedin.retryBackoffHours(), originalLinkedin.templates(),
                settings, null, null)));
        leadId = SystemActor.call(() -> leads.create(lead()));
    }

    @AfterEach
    void backToSandbox() throws Exception {
        jdbc.sql("update sales_engine_config set delivery_mode = 'SANDBOX'").update();
        SystemActor.call(() -> channels.update(originalLinkedin));
        smtp.close();
        linkedin.stop(0);
    }

    @Test
    void a550BouncesTheEmailAndTheMessageFallsBackToLinkedIn() {
        smtp.replyToRcpt("550 5.1.1 <x@y>: Recipient address rejected: User unknown");

        SequenceResult result = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Quick question", "Hi Tess"));

        assertThat(result.success()).isTrue();
        assertThat(result.channelUsed()).isEqualTo(ChannelType.LINKEDIN);
        assertThat(result.attempts()).extracting(SequenceResult.Attempt::channel, SequenceResult.Attempt::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ChannelType.EMAIL, MessageStatus.BOUNCED),
                        org.assertj.core.groups.Tuple.tuple(ChannelType.LINKEDIN, MessageStatus.SENT));
        assertThat(result.attempts().getFirst().error()).contains("550 5.1.1");
        assertThat(linkedinRequests).hasSize(1);
        MessageHistory history = SystemActor.call(() -> outreach.outreachHistory(leadId, 10)).getFirst();
        assertThat(history.message().status()).isEqualTo(MessageStatus.SENT);
        assertThat(history.message().channelUsed()).isEqualTo(ChannelType.LINKEDIN);
        assertThat(history.message().providerMessageId()).isEqualTo("li-42");
        assertThat(history.attempts()).hasSize(2);

        // the address is dead: suppressed and the lead BOUNCED, so the next touch goes to LinkedIn without trying it
        String email = SystemActor.call(() -> leads.find(leadId)).orElseThrow().fields().getEmail();
        assertThat(SystemActor.call(() -> leads.find(leadId)).orElseThrow().fields().getStatus())
                .isEqualTo(dev.outreach.lead.LeadStatus.BOUNCED);
        assertThat(jdbc.sql("select reason from suppression where entry = :e").param("e", email.toLowerCase(java.util.Locale.ROOT))
                .query(String.class).single()).startsWith("Bounced when sent: 550 5.1.1");
        int connections = smtp.connections();
        SequenceResult next = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Next touch", "Hi again"));
        assertThat(next.channelUsed()).isEqualTo(ChannelType.LINKEDIN);
        assertThat(next.attempts()).extracting(SequenceResult.Attempt::channel, SequenceResult.Attempt::status,
                SequenceResult.Attempt::error).first().isEqualTo(org.assertj.core.groups.Tuple.tuple(ChannelType.EMAIL,
                        MessageStatus.SKIPPED, "The lead's email bounced before"));
        assertThat(smtp.connections()).as("the mail server was not asked again").isEqualTo(connections);
    }

    @Test
    void aPolicyRefusalFallsBackButLeavesTheAddressUsable() {
        smtp.replyToRcpt("554 5.7.1 <x@y>: Relay access denied");

        SequenceResult result = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Quick question", "Hi Tess"));

        assertThat(result.channelUsed()).isEqualTo(ChannelType.LINKEDIN);
        assertThat(result.attempts().getFirst().status()).isEqualTo(MessageStatus.BOUNCED);
        String email = SystemActor.call(() -> leads.find(leadId)).orElseThrow().fields().getEmail();
        assertThat(SystemActor.call(() -> leads.find(leadId)).orElseThrow().fields().getStatus())
                .as("our mailbox was refused, not the lead's address").isNotEqualTo(dev.outreach.lead.LeadStatus.BOUNCED);
        assertThat(jdbc.sql("select count(*) from suppression where entry = :e").param("e", email.toLowerCase(java.util.Locale.ROOT))
                .query(Integer.class).single()).isZero();
    }

    @Test
    void theWeeklyInvitationCapDefersTheMessageInsteadOfFailingTheChannel() {
        smtp.replyToRcpt("550 5.1.1 <x@y>: Recipient address rejected: User unknown");
        ChannelSettings current = SystemActor.call(() -> channels.get(ChannelType.LINKEDIN));
        Map<String, String> settings = new HashMap<>(current.settings());
        settings.put("weekly_invitation_cap", "1");
        settings.put("account", "cap-test-" + System.nanoTime());
        SystemActor.call(() -> channels.update(new ChannelSettings(ChannelType.LINKEDIN, true, 1000, 1000, 10,
                current.maxRetries(), current.retryBackoffHours(), current.templates(), settings, null, null)));
        long second = SystemActor.call(() -> leads.create(lead()));

        SequenceResult first = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "One", "Hi Tess"));
        SequenceResult capped = SystemActor.call(() -> outreach.sendOutreachMessage(second, "Two", "Hi Tess"));

        assertThat(first.channelUsed()).isEqualTo(ChannelType.LINKEDIN);
        assertThat(linkedinRequests).hasSize(1).allMatch(request -> request.startsWith("POST /v1/connection-requests"));
        assertThat(capped.success()).isFalse();
        assertThat(capped.attempts()).extracting(SequenceResult.Attempt::channel).containsExactly(ChannelType.EMAIL);
        OutreachMessage waiting = store.find(capped.messageId()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(MessageStatus.PENDING);
        assertThat(waiting.stepIndex()).isEqualTo(1);
        assertThat(waiting.statusReason()).startsWith("LinkedIn: weekly invitation cap of 1 reached");
        assertThat(waiting.dueAt()).isAfter(Instant.now().plus(Duration.ofHours(1)));
    }

    @Test
    void withoutLinkedInTheMessageFallsBackToTheWebsiteContactForm() {
        smtp.replyToRcpt("550 5.1.1 <x@y>: Recipient address rejected: User unknown");
        String token = Long.toString(System.nanoTime(), 36);
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Ray");
        draft.setCompany("Ray Roofing " + token);
        draft.setEmail("ray-" + token + "@ray-roofing.com");
        draft.setWebsite("http://127.0.0.1:" + contactSite.getAddress().getPort() + "/contact");
        long rayId = SystemActor.call(() -> leads.create(draft));

        SequenceResult result = SystemActor.call(() -> outreach.sendOutreachMessage(rayId, "Roof season", "Hi Ray " + token));

        assertThat(result.success()).isTrue();
        assertThat(result.channelUsed()).isEqualTo(ChannelType.CONTACT_FORM);
        assertThat(result.attempts()).extracting(SequenceResult.Attempt::channel, SequenceResult.Attempt::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ChannelType.EMAIL, MessageStatus.BOUNCED),
                        org.assertj.core.groups.Tuple.tuple(ChannelType.LINKEDIN, MessageStatus.SKIPPED),
                        org.assertj.core.groups.Tuple.tuple(ChannelType.CONTACT_FORM, MessageStatus.SENT));
        assertThat(result.attempts().get(1).error()).isEqualTo("The lead has no LinkedIn profile");
        assertThat(formPosts).anyMatch(post -> post.contains("your-message=Hi+Ray+" + token) && post.contains("_token=abc123"));
        OutreachAttempt formAttempt = store.attempts(result.messageId()).get(2);
        assertThat(formAttempt.details()).contains("/contact/send").contains("your-message=Hi Ray " + token);
    }

    @Test
    void aManualLinkedInTaskClosedByTheOperatorEndsTheMessageOrMovesItToTheContactForm() {
        smtp.replyToRcpt("550 5.1.1 <x@y>: Recipient address rejected: User unknown");
        ChannelSettings http = SystemActor.call(() -> channels.get(ChannelType.LINKEDIN));
        Map<String, String> manual = new HashMap<>(http.settings());
        manual.put("gateway", "MANUAL");
        SystemActor.call(() -> channels.update(new ChannelSettings(ChannelType.LINKEDIN, true, 1000, 1000, 10,
                http.maxRetries(), http.retryBackoffHours(), http.templates(), manual, null, null)));
        String token = Long.toString(System.nanoTime(), 36);
        long sentLead = SystemActor.call(() -> leads.create(leadWithWebsite("sent-" + token)));
        long failedLead = SystemActor.call(() -> leads.create(leadWithWebsite("failed-" + token)));

        SequenceResult waiting = SystemActor.call(() -> outreach.sendOutreachMessage(sentLead, "Hello", "Hi Kim " + token));
        SequenceResult failing = SystemActor.call(() -> outreach.sendOutreachMessage(failedLead, "Hello", "Hi Lou " + token));

        assertThat(List.of(waiting, failing)).allSatisfy(result -> {
            assertThat(result.status()).isEqualTo(MessageStatus.PENDING);
            assertThat(store.find(result.messageId()).orElseThrow().waitingFor()).startsWith("task:");
        });
        assertThat(linkedinRequests).as("the manual gateway calls no provider").isEmpty();

        // the operator pasted the first one and marks it sent: the message ends SENT on LinkedIn
        SystemActor.call(() -> tasks.complete(taskOf(waiting), MessageStatus.SENT, "pasted"));
        OutreachMessage sent = store.find(waiting.messageId()).orElseThrow();
        assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
        assertThat(sent.channelUsed()).isEqualTo(ChannelType.LINKEDIN);
        assertThat(store.attempts(sent.id())).extracting(OutreachAttempt::channel, OutreachAttempt::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ChannelType.EMAIL, MessageStatus.BOUNCED),
                org.assertj.core.groups.Tuple.tuple(ChannelType.LINKEDIN, MessageStatus.SENT));

        // the second could not be sent: the dispatcher takes the message on to the contact form
        SystemActor.call(() -> tasks.complete(taskOf(failing), MessageStatus.FAILED, "profile is private"));
        assertThat(store.find(failing.messageId()).orElseThrow().status()).isEqualTo(MessageStatus.PENDING);
        SystemActor.call(dispatcher::dispatchBatch);
        OutreachMessage viaForm = store.find(failing.messageId()).orElseThrow();
        assertThat(viaForm.status()).isEqualTo(MessageStatus.SENT);
        assertThat(viaForm.channelUsed()).isEqualTo(ChannelType.CONTACT_FORM);
        assertThat(store.attempts(viaForm.id())).extracting(OutreachAttempt::channel, OutreachAttempt::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ChannelType.EMAIL, MessageStatus.BOUNCED),
                org.assertj.core.groups.Tuple.tuple(ChannelType.LINKEDIN, MessageStatus.FAILED),
                org.assertj.core.groups.Tuple.tuple(ChannelType.CONTACT_FORM, MessageStatus.SENT));
        assertThat(store.attempts(viaForm.id()).get(1).error()).isEqualTo("Operator: failed: profile is private");
        assertThat(formPosts).anyMatch(post -> post.contains("your-message=Hi+Lou+" + token));
        assertThat(formPosts).noneMatch(post -> post.contains("Hi+Kim+" + token));
    }

    private long taskOf(SequenceResult result) {
        return Long.parseLong(store.find(result.messageId()).orElseThrow().waitingFor().substring("task:".length()));
    }

    private LeadDraft leadWithWebsite(String name) {
        LeadDraft draft = lead();
        draft.setFirstName(name);
        draft.setWebsite("http://127.0.0.1:" + contactSite.getAddress().getPort() + "/contact");
        return draft;
    }

    @Test
    void a451IsRetriedAtTheConfiguredBackoffThenFallsBack() {
        smtp.replyToRcpt("451 4.7.1 Greylisted, try again later");
        ChannelSettings email = SystemActor.call(() -> channels.get(ChannelType.EMAIL));
        assertThat(email.retryBackoffHours()).containsExactly(24, 48);

        Instant before = Instant.now();
        SequenceResult first = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Quick question", "Hi Tess"));

        assertThat(first.success()).isFalse();
        OutreachMessage waiting = store.find(first.messageId()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(MessageStatus.PENDING);
        assertThat(Duration.between(before, waiting.dueAt())).isBetween(Duration.ofHours(24), Duration.ofHours(24).plusMinutes(1));
        assertThat(store.attempts(first.messageId()).getFirst().nextRetryAt()).isEqualTo(waiting.dueAt());

        makeDue(first.messageId());
        assertThat(SystemActor.call(dispatcher::dispatchBatch)).isEqualTo(1);
        OutreachMessage second = store.find(first.messageId()).orElseThrow();
        assertThat(Duration.between(before, second.dueAt())).isBetween(Duration.ofHours(48), Duration.ofHours(48).plusMinutes(1));

        makeDue(first.messageId());
        SystemActor.call(dispatcher::dispatchBatch);
        List<OutreachAttempt> attempts = store.attempts(first.messageId());
        assertThat(attempts).extracting(OutreachAttempt::channel, OutreachAttempt::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ChannelType.EMAIL, MessageStatus.FAILED),
                org.assertj.core.groups.Tuple.tuple(ChannelType.EMAIL, MessageStatus.FAILED),
                org.assertj.core.groups.Tuple.tuple(ChannelType.EMAIL, MessageStatus.FAILED),
                org.assertj.core.groups.Tuple.tuple(ChannelType.LINKEDIN, MessageStatus.SENT));
        assertThat(store.find(first.messageId()).orElseThrow().status()).isEqualTo(MessageStatus.SENT);
    }

    @Test
    void aDisabledChannelIsSkippedWithTheReason() {
        ChannelSettings email = SystemActor.call(() -> channels.get(ChannelType.EMAIL));
        SystemActor.call(() -> channels.update(withEnabled(email, false)));
        try {
            SequenceResult result = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Hello", "Hi Tess"));

            assertThat(result.channelUsed()).isEqualTo(ChannelType.LINKEDIN);
            assertThat(result.attempts().getFirst().status()).isEqualTo(MessageStatus.SKIPPED);
            assertThat(result.attempts().getFirst().error()).isEqualTo("Channel Email is disabled");
            assertThat(smtp.connections()).isZero();
        } finally {
            SystemActor.call(() -> channels.update(email));
        }
    }

    @Test
    void hittingOurOwnRateLimitDefersTheMessageWithoutAnAttempt() {
        ChannelSettings email = SystemActor.call(() -> channels.get(ChannelType.EMAIL));
        SystemActor.call(() -> channels.update(new ChannelSettings(ChannelType.EMAIL, true, 0, email.maxPerDay(),
                email.maxPerLead(), email.maxRetries(), email.retryBackoffHours(), email.templates(), email.settings(),
                null, null)));
        try {
            SequenceResult result = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Hello", "Hi Tess"));

            assertThat(result.success()).isFalse();
            assertThat(result.attempts()).isEmpty();
            OutreachMessage message = store.find(result.messageId()).orElseThrow();
            assertThat(message.status()).isEqualTo(MessageStatus.PENDING);
            assertThat(message.statusReason()).isEqualTo("Waiting for the Email rate limit: at most 0 per hour");
            assertThat(message.dueAt()).isAfter(Instant.now()).isBeforeOrEqualTo(Instant.now().plus(Duration.ofHours(1)));
        } finally {
            SystemActor.call(() -> channels.update(email));
        }
    }

    @Test
    void aDispatcherStoppedBetweenSendingAndSentNeverSendsTwice() throws Exception {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        try {
            pointMailboxesAt(greenMail.getSmtp().getPort());
            UUID id = UUID.randomUUID();
            Instant now = Instant.now();
            store.insert(new OutreachMessage(id, leadId, null, 0, "cold_outreach", null, "Crash test", "Hi Tess",
                    MessageStatus.PENDING, null, null, null, false, now.minusSeconds(1), null, now, null, 0, null,
                    ChannelType.EMAIL), now);

            // The real dispatcher claims it, the email goes out, and the process "dies" before recording SENT.
            HookedEmailSender.AFTER_EACH_EMAIL.set(delivery -> {
                throw new IllegalStateException("simulated crash between SENDING and SENT");
            });
            try {
                assertThat(SystemActor.call(dispatcher::dispatchBatch)).isEqualTo(1);
            } finally {
                HookedEmailSender.reset();
            }
            assertThat(greenMail.getReceivedMessages()).hasSize(1);
            assertThat(store.find(id).orElseThrow().status()).isEqualTo(MessageStatus.SENDING);
            assertThat(dispatcher.flagInterruptedSends()).as("not before the lease ends").isZero();

            jdbc.sql("update outreach_message set lease_until = :past where id = :id")
                    .param("past", java.sql.Timestamp.from(now.minusSeconds(1))).param("id", id).update();
            assertThat(dispatcher.flagInterruptedSends()).isEqualTo(1);
            assertThat(SystemActor.call(dispatcher::dispatchBatch)).isZero();

            OutreachMessage message = store.find(id).orElseThrow();
            assertThat(message.needsReview()).isTrue();
            assertThat(message.status()).isEqualTo(MessageStatus.SENDING);
            assertThat(SystemActor.call(() -> outreach.recentMessages(new MessageFilter(null, null, true, leadId), 0, 10)))
                    .extracting(OutreachMessage::id).containsExactly(id);
            assertThat(greenMail.getReceivedMessages()).hasSize(1);

            // The operator checks the mail log and confirms it went out; then nothing can resend it.
            SystemActor.run(() -> outreach.resolveReview(id, true));
            OutreachMessage settled = store.find(id).orElseThrow();
            assertThat(settled.status()).isEqualTo(MessageStatus.SENT);
            assertThat(settled.needsReview()).isFalse();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SystemActor.run(() -> outreach.resolveReview(id, false)))
                    .isInstanceOf(dev.outreach.shared.InvalidInputException.class);
            assertThat(SystemActor.call(dispatcher::dispatchBatch)).isZero();
            assertThat(greenMail.getReceivedMessages()).hasSize(1);
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void aBatchDealtOutToSeveralSendersSendsEveryMessageExactlyOnce() throws Exception {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        jdbc.sql("update channel_config set max_per_lead = 100 where channel = 'EMAIL'").update();
        try {
            pointMailboxesAt(greenMail.getSmtp().getPort());
            Instant now = Instant.now();
            java.util.List<UUID> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                store.insert(new OutreachMessage(id, leadId, null, 0, "cold_outreach", null, "Batch " + i, "Hi Tess",
                        MessageStatus.PENDING, null, null, null, false, now.minusSeconds(1), null, now, null, 0, null,
                        ChannelType.EMAIL), now);
            }

            assertThat(SystemActor.call(dispatcher::dispatchBatch)).isEqualTo(12);

            assertThat(ids).allSatisfy(id -> assertThat(store.find(id).orElseThrow().status()).isEqualTo(MessageStatus.SENT));
            java.util.List<String> received = new java.util.ArrayList<>();
            for (var message : greenMail.getReceivedMessages()) {
                received.add(message.getMessageID());
            }
            assertThat(received).hasSize(12).doesNotHaveDuplicates()
                    .allSatisfy(messageId -> assertThat(ids.stream().anyMatch(id -> messageId.startsWith("<" + id + "@"))).isTrue());
            assertThat(SystemActor.call(dispatcher::dispatchBatch)).isZero();
            assertThat(greenMail.getReceivedMessages()).hasSize(12);
        } finally {
            jdbc.sql("update channel_config set max_per_lead = 3 where channel = 'EMAIL'").update();
            pointMailboxesAt(smtp.port());
            greenMail.stop();
        }
    }

    @Test
    void aFailureBeforeAnythingIsSentDefersTheMessageInsteadOfFlaggingIt() {
        // A mailbox password sealed with another key cannot be decrypted: the send cannot even start.
        jdbc.sql("update mailbox set smtp_password_enc = 'v1:c2VhbGVkIHdpdGggYW5vdGhlciBrZXk='").update();
        try {
            SequenceResult result = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Hello", "Hi Tess"));

            OutreachMessage message = store.find(result.messageId()).orElseThrow();
            assertThat(message.status()).isEqualTo(MessageStatus.PENDING);
            assertThat(message.needsReview()).isFalse();
            assertThat(message.statusReason()).startsWith("Could not prepare the send, nothing went out");
            assertThat(message.dueAt()).isAfter(Instant.now().plus(Duration.ofMinutes(4)));
            assertThat(result.attempts()).isEmpty();
            assertThat(smtp.connections()).isZero();
        } finally {
            pointMailboxesAt(smtp.port());
        }
    }

    private void pointMailboxesAt(int port) {
        jdbc.sql("""
                update mailbox set smtp_host = '127.0.0.1', smtp_port = :port, smtp_security = 'NONE',
                    smtp_username = null, smtp_password_enc = null
                """).param("port", port).update();
    }

    private void makeDue(UUID id) {
        jdbc.sql("update outreach_message set due_at = :now where id = :id")
                .param("now", java.sql.Timestamp.from(Instant.now().minusSeconds(1))).param("id", id).update();
    }

    private static ChannelSettings withEnabled(ChannelSettings s, boolean enabled) {
        return new ChannelSettings(s.channel(), enabled, s.maxPerHour(), s.maxPerDay(), s.maxPerLead(), s.maxRetries(),
                s.retryBackoffHours(), s.templates(), s.settings(), null, null);
    }

    private static LeadDraft lead() {
        String token = Long.toString(System.nanoTime(), 36);
        LeadDraft lead = new LeadDraft();
        lead.setFirstName("Tess");
        lead.setLastName("Ortiz");
        lead.setCompany("Ortiz HVAC " + token);
        lead.setEmail("tess-" + token + "@ortiz-hvac.com");
        lead.setLinkedin("https://www.linkedin.com/in/tess-ortiz-" + token);
        return lead;
    }
}
