package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.outreach.LeadReply;
import dev.outreach.outreach.OutreachService;
import dev.outreach.outreach.SequenceResult;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.SecretCipher;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Replies and bounces read over IMAP from GreenMail, a real SMTP and IMAP server in the test
 * JVM: the email goes out over SMTP in LIVE mode, the answer comes back over SMTP into the
 * sending mailbox's inbox, and the poller reads it over IMAP.
 */
@SpringBootTest(properties = {"outreach.dispatch.enabled=false", "outreach.imap.enabled=false",
    "outreach.simulator.enabled=false"})
@ActiveProfiles("test")
class ImapRepliesIntegrationTests {

    private static final String PASSWORD = "imap-s3cret";
    private static GreenMail mailServer;

    @Autowired
    ImapPoller poller;
    @Autowired
    OutreachService outreach;
    @Autowired
    LeadService leads;
    @Autowired
    SecretCipher secrets;
    @Autowired
    LockProvider lockProvider;
    @Autowired
    JdbcClient jdbc;

    private final String token = Long.toString(System.nanoTime(), 36);
    private String leadEmail;
    private long leadId;

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
    void liveMailboxesWithInboxesOnTheMailServer() {
        jdbc.sql("update sales_engine_config set delivery_mode = 'LIVE'").update();
        for (String address : jdbc.sql("select address from mailbox").query(String.class).list()) {
            mailServer.setUser(address, address, PASSWORD);
        }
        jdbc.sql("""
                update mailbox set smtp_host = '127.0.0.1', smtp_port = :smtp, smtp_security = 'NONE', smtp_username = null,
                    smtp_password_enc = null, imap_host = '127.0.0.1', imap_port = :imap, imap_security = 'NONE',
                    imap_username = address, imap_password_enc = :password
                """).param("smtp", mailServer.getSmtp().getPort()).param("imap", mailServer.getImap().getPort())
                .param("password", secrets.encrypt(PASSWORD)).update();
        leadEmail = "jane-" + token + "@doe-plumbing-" + token + ".test";
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Jane");
        draft.setLastName("Doe");
        draft.setCompany("Doe Plumbing " + token);
        draft.setEmail(leadEmail);
        leadId = SystemActor.call(() -> leads.create(draft));
    }

    @AfterEach
    void backToSandbox() {
        jdbc.sql("update sales_engine_config set delivery_mode = 'SANDBOX'").update();
        jdbc.sql("update mailbox set imap_host = null").update();
    }

    @Test
    void aReplyMarksTheMessageAndLeadRepliedStopsTheSequenceAndShowsInTheTimeline() throws Exception {
        MimeMessage sent = sendOutreach("Quick question " + token);
        MimeMessage reply = (MimeMessage) sent.reply(false);
        reply.setFrom(new InternetAddress(leadEmail, "Jane Doe"));
        reply.setText("Hi Sam,\n\nyes, call me Thursday.\n\nOn Mon, 2 Mar 2026 at 09:15, Sam <sam@acme.test> wrote:\n"
                + "> Hi Jane,\n> we help plumbers.\n");
        deliver(reply);

        assertThat(poller.pollAll()).isPositive();

        UUID messageId = ourMessage(sent);
        assertThat(status("outreach_message", messageId)).isEqualTo("REPLIED");
        assertThat(leadStatus()).isEqualTo("REPLIED");
        List<LeadReply> replies = SystemActor.call(() -> outreach.replies(leadId, 10));
        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.messageId()).isEqualTo(messageId);
            assertThat(r.fromAddress()).isEqualTo(leadEmail);
            assertThat(r.subject()).isEqualTo("Re: Quick question " + token);
            assertThat(r.excerpt()).isEqualTo("Hi Sam,\n\nyes, call me Thursday.");
        });
        SequenceResult next = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Follow-up " + token, "Hi again"));
        assertThat(next.status().name()).isEqualTo("SKIPPED");
        assertThat(next.note()).isEqualTo("The lead replied; the sequence stops");
        assertThat(mailServer.getReceivedMessages()).noneMatch(m -> subject(m).equals("Follow-up " + token));

        assertThat(inboxOf(sent)).as("nothing is deleted, moved or marked read")
                .anyMatch(m -> subject(m).equals("Re: Quick question " + token))
                .allMatch(m -> !m.getFlags().contains(Flags.Flag.SEEN));

        poller.pollAll();
        markAllMailboxesForReread();
        poller.pollAll();
        assertThat(SystemActor.call(() -> outreach.replies(leadId, 10))).as("reading it again adds nothing").hasSize(1);
        assertThat(events(messageId, "REPLIED")).isEqualTo(1);
    }

    @Test
    void anOutOfOfficeAnswerIsNotAReply() throws Exception {
        MimeMessage sent = sendOutreach("Spring tune-up " + token);
        MimeMessage outOfOffice = (MimeMessage) sent.reply(false);
        outOfOffice.setFrom(new InternetAddress(leadEmail));
        outOfOffice.setSubject("Automatic reply: Spring tune-up " + token);
        outOfOffice.setHeader("Auto-Submitted", "auto-replied");
        outOfOffice.setText("I am out of the office until Monday, 9 March.");
        deliver(outOfOffice);

        poller.pollAll();

        assertThat(status("outreach_message", ourMessage(sent))).isEqualTo("SENT");
        assertThat(leadStatus()).isEqualTo("CONTACTED");
        assertThat(SystemActor.call(() -> outreach.replies(leadId, 10))).as("on the timeline as what it is")
                .singleElement().satisfies(r -> {
                    assertThat(r.kind()).isEqualTo("AUTO_REPLY");
                    assertThat(r.note()).startsWith("Out of office until ");
                });
        assertThat(events(ourMessage(sent), "REPLIED")).isZero();
    }

    @Test
    void aHardBounceReportMarksTheMessageBouncedAndSuppressesTheAddress() throws Exception {
        MimeMessage sent = sendOutreach("Pipes " + token);

        deliver(deliveryReport(sent, "failed", "5.1.1"));
        poller.pollAll();

        UUID messageId = ourMessage(sent);
        assertThat(status("outreach_message", messageId)).isEqualTo("BOUNCED");
        assertThat(leadStatus()).isEqualTo("BOUNCED");
        assertThat(jdbc.sql("select reason from suppression where kind = 'ADDRESS' and entry = :e").param("e", leadEmail)
                .query(String.class).optional()).hasValueSatisfying(reason -> assertThat(reason).contains("5.1.1"));
        SequenceResult next = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Again " + token, "Hi"));
        assertThat(next.attempts()).noneMatch(a -> a.channel().name().equals("EMAIL") && a.status().name().equals("SENT"));
    }

    @Test
    void anUnsubscribeSentWithTheListUnsubscribeMailtoStopsTheLead() throws Exception {
        MimeMessage sent = sendOutreach("Water heaters " + token);
        // what a mail client does with the header's mailto: a new mail to its address, with its subject
        String mailto = sent.getHeader("List-Unsubscribe", null).replaceAll(".*<mailto:([^>]+)>.*", "$1");
        String to = mailto.substring(0, mailto.indexOf('?'));
        String subject = mailto.substring(mailto.indexOf("?subject=") + "?subject=".length());
        assertThat(to).isEqualTo(((InternetAddress) sent.getFrom()[0]).getAddress());
        MimeMessage unsubscribe = new MimeMessage(Session.getInstance(new java.util.Properties()));
        unsubscribe.setFrom(new InternetAddress(leadEmail));
        unsubscribe.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        unsubscribe.setSubject(subject);
        unsubscribe.setText("This message was automatically generated by the mail client.");
        deliver(unsubscribe);

        poller.pollAll();

        UUID messageId = ourMessage(sent);
        assertThat(leadStatus()).isEqualTo("UNSUBSCRIBED");
        assertThat(events(messageId, "UNSUBSCRIBED")).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from suppression where kind = 'ADDRESS' and entry = :e").param("e", leadEmail)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(SystemActor.call(() -> outreach.replies(leadId, 10))).as("not a reply").isEmpty();
        SequenceResult next = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Again " + token, "Hi"));
        assertThat(next.note()).isEqualTo("The lead unsubscribed");
        assertThat(mailServer.getReceivedMessages()).noneMatch(m -> subject(m).equals("Again " + token));

        markAllMailboxesForReread();
        poller.pollAll();
        assertThat(events(messageId, "UNSUBSCRIBED")).as("reading it again adds nothing").isEqualTo(1);
    }

    @Test
    void aSoftBounceReportCountsButDoesNotSuppress() throws Exception {
        MimeMessage sent = sendOutreach("Heat pumps " + token);

        deliver(deliveryReport(sent, "failed", "4.4.7"));
        poller.pollAll();

        UUID messageId = ourMessage(sent);
        assertThat(events(messageId, "BOUNCED")).isEqualTo(1);
        assertThat(status("outreach_message", messageId)).isEqualTo("SENT");
        assertThat(leadStatus()).isEqualTo("CONTACTED");
        assertThat(jdbc.sql("select count(*) from suppression where entry = :e").param("e", leadEmail).query(Long.class)
                .single()).isZero();
    }

    @Test
    void aMailboxLockedByAnotherInstanceIsLeftToIt() throws Exception {
        MimeMessage sent = sendOutreach("Locked " + token);
        MimeMessage reply = (MimeMessage) sent.reply(false);
        reply.setFrom(new InternetAddress(leadEmail));
        reply.setText("Sounds good.");
        deliver(reply);
        long mailbox = jdbc.sql("select id from mailbox where address = :a")
                .param("a", ((InternetAddress) sent.getFrom()[0]).getAddress()).query(Long.class).single();
        int mailboxes = jdbc.sql("select count(*) from mailbox where imap_host is not null").query(Integer.class).single();

        Optional<SimpleLock> elsewhere = lockProvider.lock(new LockConfiguration(Instant.now(), "imap-poll-" + mailbox,
                Duration.ofMinutes(5), Duration.ZERO));
        assertThat(elsewhere).isPresent();
        try {
            assertThat(poller.pollAll()).isEqualTo(mailboxes - 1);
            assertThat(status("outreach_message", ourMessage(sent))).isEqualTo("SENT");
        } finally {
            elsewhere.get().unlock();
        }

        assertThat(poller.pollAll()).isEqualTo(mailboxes);
        assertThat(status("outreach_message", ourMessage(sent))).isEqualTo("REPLIED");
    }

    @Test
    void aFailedLoginOrARefusedConnectionIsRecordedForTheConsoleAndClearedOnceItWorks() {
        long[] ids = jdbc.sql("select id from mailbox order by id").query(Long.class).list().stream()
                .mapToLong(Long::longValue).toArray();
        jdbc.sql("update mailbox set imap_password_enc = :wrong where id = :id")
                .param("wrong", secrets.encrypt("not-the-password")).param("id", ids[0]).update();
        jdbc.sql("update mailbox set imap_port = :closed where id = :id").param("closed", closedPort()).param("id", ids[1])
                .update();

        poller.pollAll();

        assertThat(lastError(ids[0])).startsWith("IMAP login failed for user ").contains(" at 127.0.0.1:");
        assertThat(lastError(ids[0])).doesNotContain("not-the-password");
        assertThat(lastError(ids[1])).startsWith("Connection refused by 127.0.0.1:");
        assertThat(lastError(ids[2])).isNull();
        assertThat(jdbc.sql("select imap_last_polled_at from mailbox where id = :id").param("id", ids[0])
                .query(java.sql.Timestamp.class).single()).isNotNull();

        jdbc.sql("update mailbox set imap_password_enc = :right, imap_port = :imap where id in (:ids)")
                .param("right", secrets.encrypt(PASSWORD)).param("imap", mailServer.getImap().getPort())
                .param("ids", List.of(ids[0], ids[1])).update();
        poller.pollAll();

        assertThat(lastError(ids[0])).isNull();
        assertThat(lastError(ids[1])).isNull();
    }

    private MimeMessage sendOutreach(String subject) throws Exception {
        SequenceResult result = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, subject,
                "Hi Jane,\n\nwe help plumbers fill their calendar.\n\nSam"));
        assertThat(result.success()).as(result.note()).isTrue();
        return Arrays.stream(mailServer.getReceivedMessagesForDomain(leadEmail.substring(leadEmail.indexOf('@') + 1)))
                .filter(m -> subject(m).equals(subject)).findFirst().orElseThrow();
    }

    /** A report as a mail server writes it, returning the failed message's headers. */
    private MimeMessage deliveryReport(MimeMessage failed, String action, String status) throws Exception {
        String mailbox = ((InternetAddress) failed.getFrom()[0]).getAddress();
        String raw = """
                From: Mail Delivery System <MAILER-DAEMON@mx.doe-plumbing.test>
                To: %s
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <dsn-%s@mx.doe-plumbing.test>
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

                --b1
                Content-Type: text/plain

                Your message could not be delivered.
                --b1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.doe-plumbing.test

                Final-Recipient: rfc822; %s
                Action: %s
                Status: %s
                Diagnostic-Code: smtp; %s %s <%s>: Recipient address rejected

                --b1
                Content-Type: text/rfc822-headers

                Message-ID: %s
                From: %s
                Subject: %s

                --b1--
                """.formatted(mailbox, UUID.randomUUID(), leadEmail, action, status, status.startsWith("5") ? "550" : "450",
                status, leadEmail, failed.getMessageID(), mailbox, subject(failed));
        return new MimeMessage(Session.getInstance(new java.util.Properties()),
                new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    /** Over SMTP into the mail server, to the message's recipients: the sending mailbox's inbox. */
    private static void deliver(MimeMessage message) throws Exception {
        Session smtp = mailServer.getSmtp().createSession();
        try (Transport transport = smtp.getTransport("smtp")) {
            transport.connect();
            message.saveChanges();
            transport.sendMessage(message, message.getRecipients(Message.RecipientType.TO));
        }
    }

    private List<StoredMessage> inboxOf(MimeMessage sent) throws Exception {
        String mailbox = ((InternetAddress) sent.getFrom()[0]).getAddress();
        GreenMailUser user = mailServer.getUserManager().getUser(mailbox);
        return mailServer.getManagers().getImapHostManager().getInbox(user).getMessages();
    }

    private void markAllMailboxesForReread() {
        jdbc.sql("delete from imap_folder_position").update();
    }

    private static UUID ourMessage(MimeMessage sent) throws Exception {
        return MessageIds.ourMessage(sent.getMessageID()).orElseThrow();
    }

    private String status(String table, UUID id) {
        return jdbc.sql("select status from " + table + " where id = :id").param("id", id).query(String.class).single();
    }

    private String leadStatus() {
        return jdbc.sql("select status from lead where id = :id").param("id", leadId).query(String.class).single();
    }

    private long events(UUID messageId, String type) {
        return jdbc.sql("select count(*) from email_event where message_id = :id and provider = 'imap' and event_type = :t")
                .param("id", messageId).param("t", type).query(Long.class).single();
    }

    private String lastError(long mailbox) {
        return jdbc.sql("select imap_last_error from mailbox where id = :id").param("id", mailbox).query(String.class)
                .optional().orElse(null);
    }

    private static String subject(StoredMessage message) {
        return subject(message.getMimeMessage());
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject() == null ? "" : message.getSubject();
        } catch (Exception e) {
            return "";
        }
    }

    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
