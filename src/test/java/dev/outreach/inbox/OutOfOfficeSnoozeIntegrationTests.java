package dev.outreach.inbox;

import static dev.outreach.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.outreach.cadence.EnrollmentService;
import dev.outreach.cadence.MutableClock;
import dev.outreach.cadence.SequencerTick;
import dev.outreach.campaign.CampaignService;
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
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The test "an OOO reply snoozes the enrollment to the day after its return date and the
 * next touch goes then", on PostgreSQL: the lead's out-of-office is delivered to the sending
 * mailbox on GreenMail and read by the real IMAP poller on its schedule; the rules label it
 * (return date 16 March) and the inbox's automatic action snoozes the enrollment to 17 March, 00:00
 * where the lead is (Chicago, UTC-5 by then). The sequencer tick, run as its scheduler runs it on
 * a moved clock, writes no touch before then and the next touch right after.
 */
@SpringBootTest(properties = {"outreach.demo-data=false", "outreach.dispatch.enabled=false", "outreach.simulator.enabled=false",
    "outreach.imap.enabled=true", "outreach.imap.poll-interval=1s", "outreach.cadence.tick-enabled=true",
    "outreach.cadence.check-interval=1h"})
@Import(MutableClock.ClockOnly.class)
class OutOfOfficeSnoozeIntegrationTests extends PostgresIntegrationTest {

    private static final String PASSWORD = "ooo-s3cret";
    /** Monday 2 March 2026, 10:00 in Chicago: inside the send window. */
    private static final Instant MONDAY = Instant.parse("2026-03-02T16:00:00Z");
    /** 17 March 2026, 00:00 in Chicago (CDT since 8 March). */
    private static final Instant BACK = Instant.parse("2026-03-17T05:00:00Z");
    private static GreenMail mailServer;

    @Autowired
    LeadService leads;
    @Autowired
    CampaignService campaigns;
    @Autowired
    EnrollmentService enrollments;
    @Autowired
    SequencerTick tick;
    @Autowired
    MutableClock clock;
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
    void anOutOfOfficeReplySnoozesTheEnrollmentToTheDayAfterItsReturnAndTheNextTouchGoesThen() throws Exception {
        clock.set(MONDAY);
        jdbc.sql("update mailbox set imap_host = null").update();
        long leadId = enrolledLead();
        tickAsScheduled();
        String firstTouch = sendTheFirstTouch(leadId);

        deliverOutOfOffice(leadId, firstTouch, "16 March 2026");

        eventually(() -> assertThat(pausedUntil(leadId)).isEqualTo(BACK));
        assertThat(jdbc.sql("select next_touch_due_at from enrollment where lead_id = ?").param(leadId).query(Timestamp.class)
                .single().toInstant()).as("the tick's due time waits for the snooze").isEqualTo(BACK);
        assertThat(jdbc.sql("select label || ' ' || label_date from reply_intent where lead_id = ?").param(leadId)
                .query(String.class).single()).isEqualTo("OUT_OF_OFFICE 2026-03-16");
        assertThat(jdbc.sql("select outcome from reply_automation where lead_id = ?").param(leadId).query(String.class).single())
                .isEqualTo("enrollment paused until 2026-03-17 00:00 America/Chicago");
        assertThat(jdbc.sql("select actor from audit_log where action = 'inbox.automatic' and entity_id = ?")
                .param(String.valueOf(leadId)).query(String.class).list()).containsExactly("system");
        assertThat(jdbc.sql("select status from lead where id = ?").param(leadId).query(String.class).single())
                .as("an automatic answer is no reply").isNotEqualTo("REPLIED");

        clock.set(Instant.parse("2026-03-16T20:00:00Z")); // Monday 15:00 in Chicago: in the window, still away
        tickAsScheduled();
        clock.set(BACK.minusSeconds(60));
        tickAsScheduled();
        assertThat(touches(leadId)).as("nothing before the lead is back").containsExactly(0);

        clock.set(Instant.parse("2026-03-17T15:00:00Z")); // Tuesday 10:00 in Chicago
        tickAsScheduled();
        assertThat(touches(leadId)).as("the next touch, once the lead is back").containsExactly(0, 1);
        assertThat(jdbc.sql("select due_at from outreach_message where lead_id = ? and touch = 1").param(leadId)
                .query(Timestamp.class).single().toInstant()).isAfterOrEqualTo(BACK);
    }

    /** As the scheduler runs it: every check interval, under its lock, as the system. */
    private void tickAsScheduled() {
        tick.scheduled();
    }

    private long enrolledLead() {
        return SystemActor.call(() -> {
            LeadDraft draft = new LeadDraft();
            draft.setFirstName("Nina");
            draft.setLastName("Away");
            draft.setCompany("Away Logistics");
            draft.setTimeZone("America/Chicago");
            draft.setEmail("nina@away-logistics.example");
            long leadId = leads.create(draft);
            long campaignId = campaigns.create("Out of office", "", "America/Chicago").id();
            enrollments.enroll(List.of(leadId), campaignId);
            return leadId;
        });
    }

    /**
     * What the dispatcher does with the first touch, by hand: sent from a mailbox whose inbox is on
     * GreenMail, with our Message-ID. Returns that Message-ID.
     */
    private String sendTheFirstTouch(long leadId) {
        assertThat(touches(leadId)).as("the tick wrote the first touch (touches count from 0)").containsExactly(0);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("insert into sending_domain (domain, created_at, updated_at) values ('ooo-sender.example', ?, ?)")
                .params(now, now).update();
        jdbc.sql("""
                insert into mailbox (address, display_name, domain_id, created_at, updated_at, imap_host, imap_port, imap_security,
                    imap_username, imap_password_enc)
                select 'sam@ooo-sender.example', 'Sam', id, ?, ?, '127.0.0.1', ?, 'NONE', 'sam@ooo-sender.example', ?
                from sending_domain where domain = 'ooo-sender.example'
                """).params(now, now, mailServer.getImap().getPort(), secrets.encrypt(PASSWORD)).update();
        mailServer.setUser("sam@ooo-sender.example", "sam@ooo-sender.example", PASSWORD);
        String messageId = jdbc.sql("select cast(id as varchar) from outreach_message where lead_id = ?").param(leadId)
                .query(String.class).single();
        String header = "<" + messageId + "@ooo-sender.example>";
        jdbc.sql("""
                update outreach_message set status = 'SENT', sent_at = ?, provider_message_id = ?,
                    mailbox_id = (select id from mailbox where address = 'sam@ooo-sender.example')
                where lead_id = ?
                """).params(now, header, leadId).update();
        jdbc.sql("update enrollment set last_email_sent_at = ? where lead_id = ?").params(now, leadId).update();
        return header;
    }

    /** The lead's out-of-office answer to our message, written that Monday morning. */
    private void deliverOutOfOffice(long leadId, String ourMessageId, String back) throws Exception {
        String raw = """
                From: Nina Away <nina@away-logistics.example>
                To: sam@ooo-sender.example
                Subject: Automatic reply: Hello
                Date: Mon, 2 Mar 2026 10:05:00 -0600
                Message-ID: <ooo-%d@away-logistics.example>
                In-Reply-To: %s
                Auto-Submitted: auto-replied

                I am out of the office until %s with limited access to email.
                """.formatted(leadId, ourMessageId, back);
        GreenMailUser inbox = mailServer.getUserManager().getUser("sam@ooo-sender.example");
        inbox.deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));
    }

    private Instant pausedUntil(long leadId) {
        return jdbc.sql("select paused_until from enrollment where lead_id = ?").param(leadId)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getTimestamp(1))).single().map(Timestamp::toInstant)
                .orElse(null);
    }

    private List<Integer> touches(long leadId) {
        return jdbc.sql("select touch from outreach_message where lead_id = ? order by touch").param(leadId)
                .query(Integer.class).list();
    }
}
