package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.outreach.events.WebhookTestSupport.SentMessage;
import dev.outreach.lead.LeadService;
import dev.outreach.shared.SecretCipher;
import dev.outreach.support.PostgresIntegrationTest;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The IMAP poller's writes on real PostgreSQL: a reply (email_reply row, message, enrollment and
 * lead REPLIED) and a hard bounce (suppression), read from GreenMail over IMAP.
 */
@SpringBootTest(properties = {"outreach.demo-data=false", "outreach.dispatch.enabled=false", "outreach.imap.enabled=false",
    "outreach.simulator.enabled=false"})
class ImapPostgresIntegrationTests extends PostgresIntegrationTest {

    private static final String PASSWORD = "imap-s3cret";
    private static GreenMail mailServer;

    @Autowired
    ImapPoller poller;
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
    void aReplyAndAHardBounceLandInTheDatabase() throws Exception {
        SentMessage replied = sentWithInbox();
        SentMessage bounced = sentWithInbox();
        deliver(replied.mailbox(), """
                From: Lead <%s>
                To: %s
                Message-ID: <reply-%s@webhook-test.com>
                In-Reply-To: %s
                References: %s
                Subject: Re: Hello

                Yes please.

                > Body
                """.formatted(replied.leadEmail(), replied.mailbox(), replied.id(), replied.headerId(), replied.headerId()));
        deliver(bounced.mailbox(), """
                From: MAILER-DAEMON@mx.webhook-test.com
                To: %s
                Message-ID: <dsn-%s@mx.webhook-test.com>
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

                --b1
                Content-Type: text/plain

                Delivery failed.
                --b1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.webhook-test.com

                Final-Recipient: rfc822; %s
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 User unknown

                --b1
                Content-Type: message/rfc822

                Message-ID: %s
                From: %s
                Subject: Hello

                Body
                --b1--
                """.formatted(bounced.mailbox(), bounced.id(), bounced.leadEmail(), bounced.headerId(), bounced.mailbox()));

        assertThat(poller.pollAll()).isEqualTo(2);

        Map<String, Object> reply = jdbc.sql("select message_id, lead_id, mailbox_id, from_address, excerpt from email_reply"
                + " where header_message_id = ?").param("<reply-" + replied.id() + "@webhook-test.com>").query().singleRow();
        assertThat(reply).containsEntry("message_id", replied.id()).containsEntry("lead_id", replied.leadId())
                .containsEntry("from_address", replied.leadEmail()).containsEntry("excerpt", "Yes please.");
        assertThat(status("outreach_message", replied.id().toString())).isEqualTo("REPLIED");
        assertThat(jdbc.sql("select status from enrollment where id = ?").param(replied.enrollmentId()).query(String.class)
                .single()).isEqualTo("REPLIED");
        assertThat(status("lead", replied.leadId())).isEqualTo("REPLIED");

        assertThat(status("outreach_message", bounced.id().toString())).isEqualTo("BOUNCED");
        assertThat(status("lead", bounced.leadId())).isEqualTo("BOUNCED");
        assertThat(jdbc.sql("select count(*) from suppression where kind = 'ADDRESS' and entry = ?").param(bounced.leadEmail())
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select p.last_uid from imap_folder_position p join mailbox m on m.id = p.mailbox_id"
                + " where m.address = ? and p.folder = 'INBOX'").param(bounced.mailbox()).query(Long.class).single()).isPositive();
    }

    private SentMessage sentWithInbox() {
        SentMessage message = WebhookTestSupport.sentMessage(jdbc, leads);
        mailServer.setUser(message.mailbox(), message.mailbox(), PASSWORD);
        jdbc.sql("""
                update mailbox set imap_host = '127.0.0.1', imap_port = ?, imap_security = 'NONE', imap_username = address,
                    imap_password_enc = ?
                where address = ?
                """).params(mailServer.getImap().getPort(), secrets.encrypt(PASSWORD), message.mailbox()).update();
        return message;
    }

    private String status(String table, Object id) {
        String where = table.equals("outreach_message") ? "id = cast(? as uuid)" : "id = ?";
        return jdbc.sql("select status from " + table + " where " + where).param(id).query(String.class).single();
    }

    private static void deliver(String to, String raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
        try (Transport transport = mailServer.getSmtp().createSession().getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new InternetAddress[] {new InternetAddress(to)});
        }
    }
}
