package dev.outreach.inbox;

import static dev.outreach.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.outreach.inbox.InboxActionsTests.as;

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
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.SecretCipher;
import dev.outreach.support.PostgresIntegrationTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A "not now, try me again in March" puts the lead back into its sequence then, on PostgreSQL: the
 * reply is delivered to the sending mailbox on GreenMail and read by the real IMAP poller, which
 * ends the enrollment (REPLIED) and makes the lead REPLIED; the rules label it NOT_NOW with 1 March;
 * the automatic action for NOT_NOW (on by default) re-opens the enrollment at its next touch, paused
 * until 1 March 00:00 where the lead is (Chicago). The tick, run as its scheduler runs it on a moved
 * clock, writes no touch before then and the next touch right after. An operator's resume after a
 * reply sends the next touch at once; a lead who unsubscribed after replying is refused and nothing changes.
 */
@SpringBootTest(properties = {"outreach.demo-data=false", "outreach.dispatch.enabled=false", "outreach.simulator.enabled=false",
    "outreach.imap.enabled=true", "outreach.imap.poll-interval=1s", "outreach.cadence.tick-enabled=true",
    "outreach.cadence.check-interval=1h"})
@Import(MutableClock.ClockOnly.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the scheduler's tick runs only forward in time
class NotNowSnoozeIntegrationTests extends PostgresIntegrationTest {

    private static final String PASSWORD = "not-now-s3cret";
    private static final String MAILBOX = "sam@notnow-sender.example";
    /** Monday 7 December 2026, 10:00 in Chicago: inside the send window. */
    private static final Instant MONDAY = Instant.parse("2026-12-07T16:00:00Z");
    /** 1 March 2027, 00:00 in Chicago (CST). */
    private static final Instant MARCH = Instant.parse("2027-03-01T06:00:00Z");
    private static GreenMail mailServer;

    @Autowired
    LeadService leads;
    @Autowired
    CampaignService campaigns;
    @Autowired
    EnrollmentService enrollments;
    @Autowired
    InboxActions actions;
    @Autowired
    InboxAutomation automation;
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

    @AfterEach
    void defaults() {
        as("ADMIN", () -> automation.update(IntentLabel.NOT_NOW, AutomaticAction.SNOOZE_UNTIL_DATE, true));
    }

    @Test
    @Order(1)
    void aNotNowWithADateSnoozesTheSequenceTheReplyEndedAndTheNextTouchGoesOnThatDay() throws Exception {
        clock.set(MONDAY);
        long leadId = leadWhoGotTheFirstTouch("Nora", "nora@later-logistics.example");

        replies(leadId, "Not right now, we're in the middle of budget season. Try me again in March.");

        eventually(() -> assertThat(jdbc.sql("select outcome from reply_automation where lead_id = ?").param(leadId)
                .query(String.class).optional())
                .contains("enrollment re-opened after the reply and paused until 2027-03-01 00:00 America/Chicago"));
        assertThat(jdbc.sql("select label || ' ' || label_date from reply_intent where lead_id = ?").param(leadId)
                .query(String.class).single()).isEqualTo("NOT_NOW 2027-03-01");
        assertThat(enrollment(leadId)).containsEntry("status", "ACTIVE").containsEntry("outreach_sequence_step", 1)
                .containsEntry("stopped_reason", null);
        assertThat(instant(leadId, "paused_until")).isEqualTo(MARCH);
        assertThat(instant(leadId, "next_touch_due_at")).as("the tick's due time waits for March").isEqualTo(MARCH);
        assertThat(instant(leadId, "last_email_replied_at")).as("the reply stays on record").isNotNull();
        eventually(() -> assertThat(leadStatus(leadId)).as("back in outreach, whichever effect of the reply ran first")
                .isEqualTo("CONTACTED"));
        assertThat(jdbc.sql("select actor || ' ' || action from audit_log where entity_id = ? and action in"
                        + " ('enrollment.reopen', 'inbox.automatic') order by id")
                .param(String.valueOf(leadId)).query(String.class).list())
                .containsExactly("system enrollment.reopen", "system inbox.automatic");

        clock.set(Instant.parse("2027-02-26T17:00:00Z")); // Friday 11:00 in Chicago: in the window, still not March
        tickAsScheduled();
        clock.set(MARCH.minusSeconds(60));
        tickAsScheduled();
        assertThat(touches(leadId)).as("nothing before March").containsExactly(0);
        assertThat(leadStatus(leadId)).as("the old reply does not end it again").isEqualTo("CONTACTED");

        clock.set(Instant.parse("2027-03-01T16:00:00Z")); // Monday 10:00 in Chicago
        tickAsScheduled();
        assertThat(touches(leadId)).as("the next touch, not the first again").containsExactly(0, 1);
        assertThat(jdbc.sql("select status from outreach_message where lead_id = ? and touch = 1").param(leadId)
                .query(String.class).single()).isEqualTo("PENDING");
    }

    @Test
    @Order(2)
    void anOperatorResumesASequenceAfterAReplyAndTheNextTouchIsWrittenAtOnce() throws Exception {
        clock.set(Instant.parse("2027-04-05T16:00:00Z")); // Monday 11:00 in Chicago
        as("ADMIN", () -> automation.update(IntentLabel.NOT_NOW, AutomaticAction.NONE, false));
        long leadId = leadWhoGotTheFirstTouch("Rui", "rui@resume-works.example");
        replies(leadId, "Not now, maybe next year.");
        eventually(() -> assertThat(leadStatus(leadId)).isEqualTo("REPLIED"));
        assertThat(enrollment(leadId)).containsEntry("status", "REPLIED");
        clock.set(Instant.parse("2027-04-19T16:00:00Z")); // two weeks on, Monday 11:00 in Chicago

        int resumed = as("OPERATOR", () -> actions.resumeSequence(leadId));

        assertThat(resumed).isEqualTo(1);
        assertThat(enrollment(leadId)).containsEntry("status", "ACTIVE").containsEntry("paused_until", null);
        assertThat(leadStatus(leadId)).isEqualTo("CONTACTED");
        assertThat(jdbc.sql("select actor || ' ' || after_value from audit_log where entity_id = ? and action = 'inbox.resume'")
                .param(String.valueOf(leadId)).query(String.class).single())
                .isEqualTo("operator-user 1 enrollment resumed, 1 after the lead's reply");
        tickAsScheduled();
        assertThat(touches(leadId)).containsExactly(0, 1);
    }

    @Test
    @Order(3)
    void aLeadWhoUnsubscribedAfterReplyingIsNotSnoozedAndNothingChanges() throws Exception {
        clock.set(Instant.parse("2027-05-03T16:00:00Z")); // Monday 11:00 in Chicago
        as("ADMIN", () -> automation.update(IntentLabel.NOT_NOW, AutomaticAction.NONE, false));
        long leadId = leadWhoGotTheFirstTouch("Uma", "uma@gone-away.example");
        replies(leadId, "Not right now, try me again in June.");
        eventually(() -> assertThat(leadStatus(leadId)).isEqualTo("REPLIED"));
        long replyId = jdbc.sql("select id from email_reply where lead_id = ?").param(leadId).query(Long.class).single();
        as("OPERATOR", () -> actions.unsubscribe(replyId));
        eventually(() -> assertThat(leadStatus(leadId)).isEqualTo("UNSUBSCRIBED"));
        Map<String, Object> before = enrollment(leadId);
        long audits = jdbc.sql("select count(*) from audit_log where entity_id = ?").param(String.valueOf(leadId))
                .query(Long.class).single();

        assertThatThrownBy(() -> as("OPERATOR", () -> actions.snooze(leadId, LocalDate.of(2027, 6, 1))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("until", "Not snoozed: The lead unsubscribed")));
        assertThatThrownBy(() -> as("OPERATOR", () -> actions.resumeSequence(leadId)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("sequence", "Not resumed: The lead unsubscribed")));

        assertThat(enrollment(leadId)).isEqualTo(before);
        assertThat(leadStatus(leadId)).isEqualTo("UNSUBSCRIBED");
        assertThat(jdbc.sql("select count(*) from audit_log where entity_id = ?").param(String.valueOf(leadId))
                .query(Long.class).single()).isEqualTo(audits);
    }

    /** As the scheduler runs it: every check interval, under its lock, as the system. */
    private void tickAsScheduled() {
        tick.scheduled();
    }

    /**
     * A lead in Chicago enrolled in a campaign of its own; the tick writes its first touch, which is
     * then sent as the dispatcher would, from a mailbox whose inbox is on GreenMail.
     */
    private long leadWhoGotTheFirstTouch(String name, String email) {
        long leadId = SystemActor.call(() -> {
            LeadDraft draft = new LeadDraft();
            draft.setFirstName(name);
            draft.setLastName("Later");
            draft.setCompany(name + " Corp");
            draft.setTimeZone("America/Chicago");
            draft.setEmail(email);
            long id = leads.create(draft);
            long campaignId = campaigns.create("Not now " + name, "", "America/Chicago").id();
            enrollments.enroll(List.of(id), campaignId);
            return id;
        });
        tickAsScheduled();
        assertThat(touches(leadId)).as("the tick wrote the first touch (touches count from 0)").containsExactly(0);
        Timestamp now = Timestamp.from(clock.instant());
        if (jdbc.sql("select count(*) from mailbox where address = ?").param(MAILBOX).query(Long.class).single() == 0) {
            jdbc.sql("update mailbox set imap_host = null").update();
            jdbc.sql("insert into sending_domain (domain, created_at, updated_at) values ('notnow-sender.example', ?, ?)")
                    .params(now, now).update();
            jdbc.sql("""
                    insert into mailbox (address, display_name, domain_id, created_at, updated_at, imap_host, imap_port,
                        imap_security, imap_username, imap_password_enc)
                    select ?, 'Sam', id, ?, ?, '127.0.0.1', ?, 'NONE', ?, ? from sending_domain where domain = 'notnow-sender.example'
                    """).params(MAILBOX, now, now, mailServer.getImap().getPort(), MAILBOX, secrets.encrypt(PASSWORD)).update();
            mailServer.setUser(MAILBOX, MAILBOX, PASSWORD);
        }
        String messageId = jdbc.sql("select cast(id as varchar) from outreach_message where lead_id = ?").param(leadId)
                .query(String.class).single();
        jdbc.sql("""
                update outreach_message set status = 'SENT', sent_at = ?, provider_message_id = ?,
                    mailbox_id = (select id from mailbox where address = ?)
                where lead_id = ?
                """).params(now, "<" + messageId + "@notnow-sender.example>", MAILBOX, leadId).update();
        jdbc.sql("update enrollment set last_email_sent_at = ? where lead_id = ?").params(now, leadId).update();
        jdbc.sql("update lead set status = 'CONTACTED' where id = ?").param(leadId).update(); // as the send records it
        return leadId;
    }

    /** A person's reply to our first touch, written five minutes after it, delivered to the mailbox and read by the poller. */
    private void replies(long leadId, String text) throws Exception {
        String ours = jdbc.sql("select provider_message_id from outreach_message where lead_id = ?").param(leadId)
                .query(String.class).single();
        String from = jdbc.sql("select email from lead where id = ?").param(leadId).query(String.class).single();
        String raw = """
                From: %s
                To: %s
                Subject: Re: Hello
                Date: %s
                Message-ID: <reply-%d@lead.example>
                In-Reply-To: %s

                %s

                Best
                """.formatted(from, MAILBOX, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().plusSeconds(300).atZone(java.time.ZoneOffset.UTC)), leadId, ours, text);
        GreenMailUser inbox = mailServer.getUserManager().getUser(MAILBOX);
        inbox.deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));
        eventually(() -> assertThat(jdbc.sql("select count(*) from reply_intent where lead_id = ?").param(leadId)
                .query(Long.class).single()).as("read by the poller and labelled").isEqualTo(1));
    }

    private Map<String, Object> enrollment(long leadId) {
        return jdbc.sql("""
                select status, outreach_sequence_step, stopped_reason, paused_until, next_touch_due_at, email_unsubscribed
                from enrollment where lead_id = ?
                """).param(leadId).query().singleRow();
    }

    private Instant instant(long leadId, String column) {
        return jdbc.sql("select " + column + " from enrollment where lead_id = ?").param(leadId)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getTimestamp(1))).single().map(Timestamp::toInstant)
                .orElse(null);
    }

    private String leadStatus(long leadId) {
        return jdbc.sql("select status from lead where id = ?").param(leadId).query(String.class).single();
    }

    private List<Integer> touches(long leadId) {
        return jdbc.sql("select touch from outreach_message where lead_id = ? order by touch").param(leadId)
                .query(Integer.class).list();
    }
}
