package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.outreach.events.WebhookTestSupport.SentMessage;
import dev.outreach.lead.LeadService;
import dev.outreach.shared.SecretCipher;
import dev.outreach.support.PostgresIntegrationTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the IMAP poller goes on from: a poll reads only mail it has not read (UID after the last
 * one it read, under the same UIDVALIDITY), whatever the inbox holds, and a backlog larger than
 * {@code max-messages-per-poll} (200) is read by the next polls in turn. An out-of-office read by
 * the poller is snoozed by the inbox's automatic action until the day after its return, where the lead is.
 */
@SpringBootTest(properties = {"outreach.demo-data=false", "outreach.dispatch.enabled=false", "outreach.imap.enabled=false",
    "outreach.simulator.enabled=false"})
class ImapPollerIntegrationTests extends PostgresIntegrationTest {

    private static final String PASSWORD = "poller-s3cret";
    private static GreenMail mailServer;

    @Autowired
    ImapPoller poller;
    @Autowired
    ImapMailboxes mailboxes;
    @Autowired
    LeadService leads;
    @Autowired
    SecretCipher secrets;
    @Autowired
    JdbcClient jdbc;

    private SentMessage sent;
    private GreenMailUser user;

    @BeforeAll
    static void startMailServer() {
        mailServer = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        mailServer.start();
    }

    @AfterAll
    static void stopMailServer() {
        mailServer.stop();
    }

    @BeforeEach
    void aMailboxWithAnInbox() {
        jdbc.sql("update mailbox set imap_host = null").update();
        sent = WebhookTestSupport.sentMessage(jdbc, leads);
        user = mailServer.setUser(sent.mailbox(), sent.mailbox(), PASSWORD);
        jdbc.sql("""
                update mailbox set imap_host = '127.0.0.1', imap_port = ?, imap_security = 'NONE', imap_username = address,
                    imap_password_enc = ?
                where address = ?
                """).params(mailServer.getImap().getPort(), secrets.encrypt(PASSWORD), sent.mailbox()).update();
    }

    @Test
    void aPollReadsOnlyTheMailItHasNotReadAndTheUidValidityStaysTheSame() throws Exception {
        deliver(3, "first");
        assertThat(poll().read()).isEqualTo(3);

        deliver(2, "second");
        assertThat(poll().read()).as("only the two new ones, not the look-back again").isEqualTo(2);
        assertThat(poll().read()).isZero();

        assertThat(jdbc.sql("select uid_validity from imap_folder_position p join mailbox m on m.id = p.mailbox_id"
                + " where m.address = ? and p.folder = 'INBOX'").param(sent.mailbox()).query(Long.class).single())
                .as("UIDVALIDITY values above the boxed-Long cache compare by value").isGreaterThan(127L)
                .isEqualTo(inbox().getUidValidity());
    }

    @Test
    void moreNewMailThanOnePollReadsIsReadByTheNextPollsWhereTheLastStopped() throws Exception {
        deliver(450, "backlog");

        assertThat(poll().read()).isEqualTo(200);
        assertThat(poll().read()).isEqualTo(200);
        assertThat(poll().read()).isEqualTo(50);
        assertThat(poll().read()).isZero();
    }

    @Test
    void aPollOfAnInboxOfTenThousandWithTenNewReadsTheTen() throws Exception {
        deliver(10_000, "old");
        // the poller has read all of it (as it would have over many polls): its position is the last UID
        MailFolder inbox = inbox();
        jdbc.sql("""
                insert into imap_folder_position (mailbox_id, folder, uid_validity, last_uid, updated_at)
                select id, 'INBOX', ?, ?, ? from mailbox where address = ?
                """).params(inbox.getUidValidity(), lastUid(inbox), Timestamp.from(Instant.now()), sent.mailbox())
                .update();
        deliver(10, "new");

        ImapPoller.PollOutcome outcome = poll();

        assertThat(outcome.read()).isEqualTo(10);
        assertThat(outcome.error()).isEmpty();
        assertThat(jdbc.sql("select p.last_uid from imap_folder_position p join mailbox m on m.id = p.mailbox_id"
                + " where m.address = ?").param(sent.mailbox()).query(Long.class).single()).isEqualTo(lastUid(inbox));
    }

    @Test
    void anOutOfOfficePausesUntilTheStartOfTheDayAfterTheReturnWhereTheLeadIs() throws Exception {
        jdbc.sql("update lead set time_zone = 'America/Chicago' where id = ?").param(sent.leadId()).update();
        jdbc.sql("update enrollment set status = 'ACTIVE' where id = ?").param(sent.enrollmentId()).update();
        deliverOutOfOffice(sent, "16 March 2026");

        assertThat(poller.pollAll()).isEqualTo(1);

        assertThat(pausedUntil(sent)).as("17 March, 00:00 in Chicago (CDT, UTC-5), not 00:00 UTC")
                .isEqualTo(Instant.parse("2026-03-17T05:00:00Z"));
        assertThat(jdbc.sql("select outcome from reply_automation where lead_id = ?").param(sent.leadId())
                .query(String.class).single()).as("the inbox's automatic action for an out-of-office")
                .isEqualTo("enrollment paused until 2026-03-17 00:00 America/Chicago");
    }

    @Test
    void aLeadWithoutATimeZoneIsPausedInTheEnginesDefaultZone() throws Exception {
        jdbc.sql("update enrollment set status = 'ACTIVE' where id = ?").param(sent.enrollmentId()).update();
        String engineZone = jdbc.sql("select default_time_zone from sales_engine_config where id = 1")
                .query(String.class).single();
        deliverOutOfOffice(sent, "16 March 2026");

        assertThat(poller.pollAll()).isEqualTo(1);

        assertThat(pausedUntil(sent)).isEqualTo(java.time.LocalDate.of(2026, 3, 17)
                .atStartOfDay(java.time.ZoneId.of(engineZone)).toInstant());
    }

    private Instant pausedUntil(SentMessage message) {
        return jdbc.sql("select paused_until from enrollment where id = ?").param(message.enrollmentId())
                .query(Timestamp.class).single().toInstant();
    }

    /** The lead's out-of-office answer to our message, written on 2 March 2026. */
    private void deliverOutOfOffice(SentMessage message, String back) throws Exception {
        String raw = """
                From: <%s>
                To: %s
                Subject: Automatic reply: Hello
                Date: Mon, 2 Mar 2026 09:00:00 -0600
                Message-ID: <ooo-%s@webhook-test.com>
                In-Reply-To: %s
                Auto-Submitted: auto-replied

                I am out of the office until %s with limited access to email.
                """.formatted(message.leadEmail(), message.mailbox(), message.id(), message.headerId(), back);
        user.deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));
    }

    private ImapPoller.PollOutcome poll() {
        ImapMailbox mailbox = mailboxes.pollable().stream().filter(m -> m.address().equals(sent.mailbox())).findFirst()
                .orElseThrow();
        return poller.pollUnderLock(mailbox).orElseThrow();
    }

    private static long lastUid(MailFolder inbox) {
        return inbox.getMessages().stream().mapToLong(m -> m.getUid()).max().orElse(0);
    }

    private MailFolder inbox() throws Exception {
        return mailServer.getManagers().getImapHostManager().getInbox(user);
    }

    /** Mail the poller reads and has no effect for: a newsletter from nobody we wrote to. */
    private void deliver(int count, String batch) throws Exception {
        for (int i = 0; i < count; i++) {
            String raw = """
                    From: Digest <digest@lists.example>
                    To: %s
                    Subject: Digest %s %d
                    Message-ID: <%s-%d-%s@lists.example>
                    In-Reply-To: <thread-%d@lists.example>

                    Top stories.
                    """.formatted(sent.mailbox(), batch, i, batch, i, sent.id(), i);
            user.deliver(new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));
        }
    }
}
