package dev.outreach.outreach;

import static dev.outreach.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
import dev.outreach.shared.SecretCipher;
import dev.outreach.support.HookedEmailSender;
import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The sent-folder reconciler as the scheduler runs it (every second, under its ShedLock lock),
 * against GreenMail as every mailbox's SMTP and IMAP server. GreenMail files nothing in a sent
 * folder by itself, so the tests do what Gmail and Microsoft 365 do: the message that went out
 * over SMTP is put in the sender's "Sent" folder. GreenMail announces no SPECIAL-USE, so the folder
 * is found by its name here ({@code SentFolderNamesTests} covers {@code \Sent}).
 */
@SpringBootTest(properties = {"outreach.dispatch.enabled=false", "outreach.imap.enabled=false",
        "outreach.dispatch.doubt.reconcile=true", "outreach.dispatch.doubt.interval=1s",
        "outreach.dispatch.doubt.sent-folder-wait=15m"})
@ActiveProfiles("test")
@Import(HookedEmailSender.class)
class SentFolderReconcilerIntegrationTests {

    private static final String PASSWORD = "sent-folder-s3cret";
    private static GreenMail mailServer;

    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    OutreachStore store;
    @Autowired
    LeadService leads;
    @Autowired
    SecretCipher secrets;
    @Autowired
    JdbcClient jdbc;

    private long leadId;
    private String leadEmail;

    @BeforeAll
    static void startMailServer() {
        mailServer = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        mailServer.start();
    }

    @AfterAll
    static void stopMailServer() {
        mailServer.stop();
    }

    /** LIVE delivery to GreenMail; every mailbox reads its sent folder there. */
    @BeforeEach
    void everyMailboxOnGreenMail() throws Exception {
        mailServer.purgeEmailFromAllMailboxes();
        jdbc.sql("update sales_engine_config set delivery_mode = 'LIVE'").update();
        jdbc.sql("""
                update mailbox set smtp_host = '127.0.0.1', smtp_port = :smtp, smtp_security = 'NONE',
                    smtp_username = null, smtp_password_enc = null,
                    imap_host = '127.0.0.1', imap_port = :imap, imap_security = 'NONE', imap_username = null,
                    imap_password_enc = :password
                """).param("smtp", mailServer.getSmtp().getPort()).param("imap", mailServer.getImap().getPort())
                .param("password", secrets.encrypt(PASSWORD)).update();
        for (String address : jdbc.sql("select address from mailbox").query(String.class).list()) {
            GreenMailUser user = mailServer.setUser(address, address, PASSWORD);
            if (mailServer.getManagers().getImapHostManager().getFolder(user, "Sent") == null) {
                mailServer.getManagers().getImapHostManager().createMailbox(user, "Sent");
            }
        }
        String token = Long.toString(System.nanoTime(), 36);
        LeadDraft lead = new LeadDraft();
        lead.setFirstName("Ines");
        lead.setLastName("Moreau");
        lead.setCompany("Moreau Plumbing " + token);
        lead.setEmail("ines-" + token + "@moreau-plumbing.com");
        lead.setLinkedin("https://www.linkedin.com/in/ines-moreau-" + token);
        leadEmail = lead.getEmail();
        leadId = SystemActor.call(() -> leads.create(lead));
    }

    @AfterEach
    void backToSandbox() {
        HookedEmailSender.reset();
        jdbc.sql("update sales_engine_config set delivery_mode = 'SANDBOX'").update();
        jdbc.sql("update mailbox set imap_host = null, imap_password_enc = null").update();
    }

    @Test
    void anEmailCutOffAfterItWentOutIsFoundInTheSentFolderAndConfirmedSentOnce() throws Exception {
        UUID id = pendingEmail("Cut off after DATA");
        String[] sender = new String[1];
        MimeMessage[] filedCopy = new MimeMessage[1];
        // The email goes out, the server files it in the sender's sent folder, and the process dies before SENT.
        HookedEmailSender.AFTER_EACH_EMAIL.set(delivery -> {
            sender[0] = delivery.mailbox().address();
            filedCopy[0] = received(id);
            fileInSentFolder(sender[0], filedCopy[0]);
            throw new IllegalStateException("simulated crash between the SMTP transaction and SENT");
        });
        assertThat(SystemActor.call(dispatcher::dispatchBatch)).isEqualTo(1);
        HookedEmailSender.reset();
        expireLease(id, Instant.now().minusSeconds(1));
        assertThat(dispatcher.flagInterruptedSends()).isEqualTo(1);
        MimeMessage filed = filedCopy[0];

        eventually(() -> assertThat(store.find(id).orElseThrow().status()).isEqualTo(MessageStatus.SENT));

        OutreachMessage settled = store.find(id).orElseThrow();
        assertThat(settled.needsReview()).isFalse();
        assertThat(settled.statusReason()).isEqualTo("Confirmed from the sent folder of " + sender[0]);
        assertThat(settled.channelUsed()).isEqualTo(ChannelType.EMAIL);
        assertThat(settled.providerMessageId()).isEqualTo(filed.getMessageID()).startsWith("<" + id + "@");
        assertThat(settled.sentAt()).as("the sent time is the found message's Date header")
                .isEqualTo(filed.getSentDate().toInstant());
        assertThat(jdbc.sql("select address from mailbox m join outreach_message o on o.mailbox_id = m.id where o.id = ?")
                .param(id).query(String.class).single()).isEqualTo(sender[0]);
        assertThat(store.attempts(id)).last().satisfies(attempt -> {
            assertThat(attempt.status()).isEqualTo(MessageStatus.SENT);
            assertThat(attempt.details()).isEqualTo("Confirmed from the sent folder of " + sender[0]);
        });
        assertThat(audit(id)).containsExactly("outreach.doubt-confirmed by system: SENDING (in doubt) -> SENT: "
                + "Confirmed from the sent folder of " + sender[0]);
        assertThat(jdbc.sql("select count(*) from shedlock where name = 'sent-folder-reconciler'").query(Integer.class).single())
                .as("run by the scheduler under its lock").isOne();
        assertThat(SystemActor.call(dispatcher::dispatchBatch)).isZero();
        assertThat(receivedFor(id)).as("never sent twice").hasSize(1);
    }

    @Test
    void anEmailMissingFromEverySentFolderWaitsForTheServerThenIsSentAgain() throws Exception {
        UUID id = inDoubt(0, Instant.now().minusSeconds(60));

        Thread.sleep(2_500); // two runs or more: inside the wait, nothing is concluded from its absence
        OutreachMessage waiting = store.find(id).orElseThrow();
        assertThat(waiting.status()).isEqualTo(MessageStatus.SENDING);
        assertThat(waiting.needsReview()).isTrue();
        assertThat(waiting.statusReason()).isEqualTo("Sending was interrupted (crash or restart)");

        expireLease(id, Instant.now().minus(Duration.ofMinutes(16)));
        eventually(() -> assertThat(store.find(id).orElseThrow().status()).isEqualTo(MessageStatus.PENDING));

        OutreachMessage again = store.find(id).orElseThrow();
        assertThat(again.needsReview()).isFalse();
        assertThat(again.statusReason()).isEqualTo("Not in the sent folder after 15 minutes, so it did not go out: sent again");
        assertThat(again.dueAt()).isBeforeOrEqualTo(Instant.now());
        assertThat(audit(id)).containsExactly("outreach.doubt-resend by system: SENDING (in doubt) -> PENDING: "
                + "Not in the sent folder after 15 minutes, so it did not go out: sent again");

        assertThat(SystemActor.call(dispatcher::dispatchBatch)).isEqualTo(1);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(MessageStatus.SENT);
        assertThat(receivedFor(id)).as("the one time it went out").hasSize(1);
    }

    @Test
    void whereAMailboxWithoutImapMayHaveSentItTheEmailStaysForAPerson() {
        String blind = jdbc.sql("select address from mailbox order by id fetch first 1 rows only").query(String.class).single();
        jdbc.sql("update mailbox set imap_host = null where address = ?").param(blind).update();
        UUID id = inDoubt(0, Instant.now().minus(Duration.ofMinutes(16)));

        eventually(() -> assertThat(store.find(id).orElseThrow().statusReason()).startsWith("Kept for review: "));

        OutreachMessage kept = store.find(id).orElseThrow();
        assertThat(kept.status()).isEqualTo(MessageStatus.SENDING);
        assertThat(kept.needsReview()).isTrue();
        assertThat(kept.statusReason()).isEqualTo("Kept for review: not in the sent folder of any mailbox with IMAP, but "
                + blind + " has no IMAP and may have sent it. Sending was interrupted (crash or restart)");
        assertThat(audit(id)).isEmpty();
        assertThat(receivedFor(id)).isEmpty();
    }

    @Test
    void aLinkedInRequestInDoubtStaysForAPersonAtOnce() {
        // the default sequence is Email -> LinkedIn -> Form: step 1 is LinkedIn
        UUID id = inDoubt(1, Instant.now().minusSeconds(5));

        eventually(() -> assertThat(store.find(id).orElseThrow().statusReason()).startsWith("Kept for review: "));

        OutreachMessage kept = store.find(id).orElseThrow();
        assertThat(kept.status()).isEqualTo(MessageStatus.SENDING);
        assertThat(kept.needsReview()).isTrue();
        assertThat(kept.statusReason()).isEqualTo("Kept for review: a LinkedIn request was in flight, which no server "
                + "can be asked about; check it where it was sent. Sending was interrupted (crash or restart)");
    }

    private UUID pendingEmail(String subject) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        store.insert(new OutreachMessage(id, leadId, null, 0, "cold_outreach", null, subject, "Hi Ines",
                MessageStatus.PENDING, null, null, null, false, now.minusSeconds(1), null, now, null, 0, null,
                ChannelType.EMAIL), now);
        return id;
    }

    /** A message in doubt as the dispatcher leaves it when its lease ran out at {@code leaseEnded}. */
    private UUID inDoubt(int stepIndex, Instant leaseEnded) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into outreach_message (id, lead_id, touch, message_type, subject, body, status, needs_review,
                    status_reason, due_at, created_at, updated_at, step_index, lease_until)
                values (?, ?, 0, 'cold_outreach', 'Never went out', 'Hi Ines', 'SENDING', true,
                    'Sending was interrupted (crash or restart)', ?, ?, ?, ?, ?)
                """).params(id, leadId, now, now, now, stepIndex, Timestamp.from(leaseEnded)).update();
        return id;
    }

    private void expireLease(UUID id, Instant at) {
        jdbc.sql("update outreach_message set lease_until = ? where id = ?").params(Timestamp.from(at), id).update();
    }

    private List<String> audit(UUID id) {
        return jdbc.sql("""
                select action || ' by ' || actor || ': ' || before_value || ' -> ' || after_value from audit_log
                where entity_type = 'outreach_message' and entity_id = ? order by id
                """).param(id.toString()).query(String.class).list();
    }

    /** The messages in the lead's mailbox (the sent folder's copy, in the sender's mailbox, is not counted). */
    private List<MimeMessage> receivedFor(UUID id) {
        return mailServer.findReceivedMessages(user -> leadEmail.equalsIgnoreCase(user.getEmail()),
                message -> messageId(message).contains(id.toString())).toList();
    }

    private MimeMessage received(UUID id) {
        List<MimeMessage> found = receivedFor(id);
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    private static String messageId(MimeMessage message) {
        try {
            return String.valueOf(message.getMessageID());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What Gmail and Microsoft 365 do with mail submitted over SMTP: a copy in the sender's sent folder. */
    private static void fileInSentFolder(String mailbox, MimeMessage message) {
        try {
            GreenMailUser user = mailServer.getUserManager().getUser(mailbox);
            mailServer.getManagers().getImapHostManager().getFolder(user, "Sent")
                    .appendMessage(message, new Flags(), java.util.Date.from(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
