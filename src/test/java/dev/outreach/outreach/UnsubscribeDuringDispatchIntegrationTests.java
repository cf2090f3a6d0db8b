package dev.outreach.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.channel.email.SandboxMail;
import dev.outreach.channel.email.SandboxMailServer;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
import dev.outreach.support.HookedEmailSender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The lead unsubscribes with the one-click POST (real HTTP, no login, no cookie) after the
 * dispatcher claimed their next message and read the batch's leads and suppressions, but
 * before the email goes out: it must not go out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "outreach.dispatch.enabled=false", "outreach.imap.enabled=false", "outreach.simulator.enabled=false"})
@ActiveProfiles("test")
@Import(HookedEmailSender.class)
class UnsubscribeDuringDispatchIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    OutreachService outreach;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    OutreachStore store;
    @Autowired
    LeadService leads;
    @Autowired
    SandboxMailServer sandbox;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anUnsubscribeCommittedAfterTheClaimStopsTheEmailThatWasAboutToGoOut() throws Exception {
        String token = Long.toString(System.nanoTime(), 36);
        String email = "una-" + token + "@una-hvac.com";
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Una");
        draft.setCompany("Una HVAC " + token);
        draft.setEmail(email);
        long leadId = SystemActor.call(() -> leads.create(draft));
        assertThat(SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "First " + token, "Hi Una")).success()).isTrue();
        String unsubscribe = sent("First " + token).headers().stream().filter(h -> h.startsWith("List-Unsubscribe: <"))
                .findFirst().orElseThrow().replaceAll("List-Unsubscribe: <[a-z]+://[^/]+(/u/[^>]+)>.*", "$1");

        UUID followUp = UUID.randomUUID();
        Instant now = Instant.now();
        store.insert(new OutreachMessage(followUp, leadId, null, 1, "follow_up", null, "Follow-up " + token, "Hi again",
                MessageStatus.PENDING, null, null, null, false, now.minusSeconds(1), null, now, null, 0, null,
                ChannelType.EMAIL), now);
        AtomicInteger answer = new AtomicInteger();
        HookedEmailSender.WHEN_A_SESSION_OPENS.set(() -> {
            assertThat(store.find(followUp).orElseThrow().status()).as("already claimed").isEqualTo(MessageStatus.SENDING);
            answer.set(oneClick(unsubscribe));
        });

        int claimed = SystemActor.call(dispatcher::dispatchBatch);

        assertThat(claimed).isPositive();
        assertThat(HookedEmailSender.WHEN_A_SESSION_OPENS.get()).as("the unsubscribe ran mid-batch").isNull();
        assertThat(answer.get()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from suppression where entry = :e").param("e", email).query(Long.class).single())
                .isEqualTo(1);
        OutreachMessage message = store.find(followUp).orElseThrow();
        assertThat(message.status()).isEqualTo(MessageStatus.SKIPPED);
        assertThat(message.statusReason()).isEqualTo("The lead unsubscribed");
        assertThat(store.attempts(followUp)).noneMatch(a -> a.status() == MessageStatus.SENT);
        assertThat(SystemActor.call(() -> sandbox.messages(5000))).noneMatch(m -> m.subject().equals("Follow-up " + token));
    }

    private SandboxMail sent(String subject) {
        return SystemActor.call(() -> sandbox.messages(5000)).stream().filter(m -> m.subject().equals(subject)).findFirst()
                .orElseThrow();
    }

    private int oneClick(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
