package dev.outreach.inbox;

import static dev.outreach.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.outreach.inbox.ReplyCorpus.Sample;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.SecretCipher;
import dev.outreach.support.PostgresIntegrationTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A reply and an out-of-office from the corpus, delivered to the sending mailbox on GreenMail
 * and read by the real IMAP poller on its schedule, end up labelled in {@code reply_intent} on
 * PostgreSQL, with the return date and the source, through ReplyReceived and AutoReplyReceived.
 */
@SpringBootTest(properties = {"outreach.demo-data=false", "outreach.dispatch.enabled=false", "outreach.simulator.enabled=false",
    "outreach.imap.enabled=true", "outreach.imap.poll-interval=1s"})
class ReplyIntentImapIntegrationTests extends PostgresIntegrationTest {

    private static final String PASSWORD = "intent-s3cret";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime());
    private static GreenMail mailServer;

    @Autowired
    LeadService leads;
    @Autowired
    SecretCipher secrets;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startMailServer() {
        mailServer = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        mailServer.start();
    }

    @AfterAll
    static void stopMailServer() {
        mailServer.stop();
    }

    @Test
    void aReplyAndAnOutOfOfficeReadByThePollerAreLabelledInTheTable() throws Exception {
        Map<String, Sample> corpus = ReplyCorpus.samples().stream()
                .collect(java.util.stream.Collectors.toMap(Sample::file, s -> s));
        Scene meeting = scene();
        Scene away = scene();

        deliver(meeting, corpus.get("en-maria-meeting.eml"));
        deliver(away, corpus.get("en-nina-ooo-headers.eml"));

        eventually(() -> {
            assertThat(label(meeting)).isEqualTo(Map.of("label", "MEETING_REQUEST", "source", "RULE", "label_date", "-"));
            assertThat(label(away)).isEqualTo(Map.of("label", "OUT_OF_OFFICE", "source", "RULE", "label_date", "2026-03-16"));
        });
        assertThat(jdbc.sql("select status from lead where id = ?").param(meeting.leadId()).query(String.class).single())
                .as("the reply stopped the lead as before").isEqualTo("REPLIED");
        assertThat(jdbc.sql("select count(*) from event_publication where completion_date is null").query(Long.class).single())
                .as("no effect left unfinished in the registry").isZero();
    }

    private Map<String, String> label(Scene scene) {
        return jdbc.sql("""
                select i.label, i.source, i.label_date from reply_intent i join email_reply r on r.id = i.reply_id
                where r.lead_id = ?
                """).param(scene.leadId()).query((rs, n) -> Map.of("label", rs.getString(1), "source", rs.getString(2),
                "label_date", rs.getDate(3) == null ? "-" : rs.getDate(3).toString())).optional().orElse(Map.of());
    }

    /** One SENT email to a fresh lead from a fresh mailbox whose inbox is on GreenMail. */
    private record Scene(long leadId, String leadEmail, String mailbox, String headerId, GreenMailUser inbox) {
    }

    private Scene scene() {
        long n = SEQUENCE.incrementAndGet();
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Imap");
        draft.setLastName("Lead " + n);
        draft.setEmail("lead-" + n + "@intent-test.example");
        long leadId = SystemActor.call(() -> leads.create(draft));
        Timestamp now = Timestamp.from(Instant.now());
        String domain = "intent-" + n + ".example";
        String mailbox = "sender@" + domain;
        jdbc.sql("insert into sending_domain (domain, created_at, updated_at) values (?, ?, ?)").params(domain, now, now).update();
        jdbc.sql("""
                insert into mailbox (address, display_name, domain_id, created_at, updated_at, imap_host, imap_port, imap_security,
                    imap_username, imap_password_enc)
                select ?, 'Sender', id, ?, ?, '127.0.0.1', ?, 'NONE', ?, ? from sending_domain where domain = ?
                """).params(mailbox, now, now, mailServer.getImap().getPort(), mailbox, secrets.encrypt(PASSWORD), domain).update();
        long mailboxId = jdbc.sql("select id from mailbox where address = ?").param(mailbox).query(Long.class).single();
        UUID id = UUID.randomUUID();
        String headerId = "<" + id + "@" + domain + ">";
        jdbc.sql("""
                insert into outreach_message (id, lead_id, touch, message_type, channel_used, subject, body, status, mailbox_id,
                    provider_message_id, due_at, sent_at, created_at, updated_at, step_index)
                values (?, ?, 1, 'cold_outreach', 'EMAIL', 'Closing the month faster', 'Body', 'SENT', ?, ?, ?, ?, ?, ?, 0)
                """).params(id, leadId, mailboxId, headerId, now, now, now, now).update();
        return new Scene(leadId, draft.getEmail(), mailbox, headerId, mailServer.setUser(mailbox, mailbox, PASSWORD));
    }

    /** The corpus sample as the lead's answer to our message: their address, our Message-ID, a Message-ID of its own. */
    private static void deliver(Scene scene, Sample sample) throws Exception {
        String raw = new String(sample.raw(), StandardCharsets.UTF_8)
                .replaceFirst("(?m)^From: .*$", "From: Lead <" + scene.leadEmail() + ">")
                .replaceFirst("(?m)^In-Reply-To: .*$", "In-Reply-To: " + scene.headerId())
                .replaceFirst("(?m)^Message-ID: <", "Message-ID: <" + scene.leadId() + ".");
        scene.inbox().deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));
    }
}
