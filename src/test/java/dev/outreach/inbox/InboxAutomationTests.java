package dev.outreach.inbox;

import static dev.outreach.inbox.InboxActionsTests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.cadence.EnrollmentService;
import dev.outreach.campaign.CampaignService;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.Role;
import dev.outreach.security.UserService;
import dev.outreach.shared.AutoReplyReceived;
import dev.outreach.shared.ReplyReceived;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The automatic actions per label on the embedded database: a reply arrives (its event, as the
 * poller publishes it), the rules label it, and the label's action is taken once, by the system,
 * audited as automatic; what a label left open or a switched-off rule gets is nothing. Admins
 * change the rules, operators cannot.
 */
@SpringBootTest
@ActiveProfiles("test")
class InboxAutomationTests {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime());

    @Autowired
    InboxAutomation automation;
    @Autowired
    UserService users;
    @Autowired
    ReplyIntents intents;
    @Autowired
    LeadService leads;
    @Autowired
    CampaignService campaigns;
    @Autowired
    EnrollmentService enrollments;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transaction;

    @AfterEach
    void defaults() {
        as("ADMIN", () -> automation.update(IntentLabel.UNSUBSCRIBE_REQUEST, AutomaticAction.UNSUBSCRIBE, true));
    }

    @Test
    void anUnsubscribeRequestUnsubscribesTheLeadOnceHoweverOftenItIsLabelled() {
        Scene scene = scene();
        long replyId = reply(scene, "REPLY", "Please remove me from your list.");

        arrives(new ReplyReceived(scene.leadId(), "imap reply", Instant.now()));
        arrives(new ReplyReceived(scene.leadId(), "imap reply again", Instant.now()));
        ReplyLabel label = as("OPERATOR", () -> intents.labelOf(replyId)).orElseThrow();
        as("OPERATOR", () -> automation.apply(new ReplyLabelled(replyId, scene.leadId(), scene.messageId(), false, "Re: Hello",
                label.intent(), Instant.now())));

        assertThat(jdbc.sql("select count(*) from suppression where kind = 'ADDRESS' and entry = ?").param(scene.email())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select status from lead where id = ?").param(scene.leadId()).query(String.class).single())
                .isEqualTo("UNSUBSCRIBED");
        assertThat(applied(replyId)).contains("UNSUBSCRIBE_REQUEST UNSUBSCRIBE unsubscribed " + scene.email());
        assertThat(automatic(scene)).singleElement().satisfies(entry -> assertThat(entry).startsWith("system automatic: ")
                .contains("reply #" + replyId + " labelled UNSUBSCRIBE_REQUEST"));
    }

    @Test
    void anOutOfOfficeSnoozesTheSequenceToTheDayAfterItsReturnWhereTheLeadIs() {
        Scene scene = scene();
        LocalDate back = LocalDate.now().plusDays(12);
        long replyId = reply(scene, "AUTO_REPLY", "I am out of the office until "
                + back.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)) + " with limited access to email.");

        arrives(new AutoReplyReceived(scene.leadId(), "imap automatic answer", Instant.now()));

        Instant dayAfter = back.plusDays(1).atStartOfDay(ZoneId.of("America/Chicago")).toInstant();
        assertThat(jdbc.sql("select paused_until from enrollment where id = ?").param(scene.enrollmentId())
                .query(Timestamp.class).single().toInstant()).isEqualTo(dayAfter);
        assertThat(applied(replyId)).contains("OUT_OF_OFFICE SNOOZE enrollment paused until " + back.plusDays(1)
                + " 00:00 America/Chicago");
        assertThat(jdbc.sql("select status from enrollment where id = ?").param(scene.enrollmentId()).query(String.class)
                .single()).as("an automatic answer is no reply: the sequence goes on after the pause").isEqualTo("COLD");
    }

    @Test
    void aNotNowWithADateReopensTheSequenceTheReplyEndedPausedUntilThatDay() {
        Scene scene = scene();
        LocalDate first = LocalDate.now().plusMonths(2).withDayOfMonth(1);
        long replyId = reply(scene, "REPLY", "Not right now, we're mid-migration. Try me again in "
                + first.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH) + ".");
        endedByTheReply(scene);

        arrives(new ReplyReceived(scene.leadId(), "imap reply", Instant.now()));

        Instant midnight = first.atStartOfDay(ZoneId.of("America/Chicago")).toInstant();
        assertThat(applied(replyId)).contains("NOT_NOW SNOOZE_UNTIL_DATE enrollment re-opened after the reply and paused until "
                + first + " 00:00 America/Chicago");
        assertThat(jdbc.sql("select status || ' ' || outreach_sequence_step || ' ' || paused_reason from enrollment where id = ?")
                .param(scene.enrollmentId()).query(String.class).single())
                .isEqualTo("ACTIVE 1 snoozed after a reply until " + first + " (automatic: reply #" + replyId + " labelled NOT_NOW)");
        assertThat(jdbc.sql("select next_touch_due_at from enrollment where id = ?").param(scene.enrollmentId())
                .query(Timestamp.class).single().toInstant()).isEqualTo(midnight);
        assertThat(jdbc.sql("select status from lead where id = ?").param(scene.leadId()).query(String.class).single())
                .as("whichever ran first, the reply's own effect or the action, the lead is back in outreach").isEqualTo("CONTACTED");
    }

    @Test
    void aNotNowWithoutADateAndOneWhoseCampaignIsOverGetNothingButTheReason() {
        Scene undated = scene();
        long undatedReply = reply(undated, "REPLY", "Not right now, sorry.");
        endedByTheReply(undated);
        Scene over = scene();
        long overReply = reply(over, "REPLY", "Not right now, try me again in "
                + LocalDate.now().plusMonths(2).getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH) + ".");
        endedByTheReply(over);
        jdbc.sql("update campaign set status = 'COMPLETED' where id = (select campaign_id from enrollment where id = ?)")
                .param(over.enrollmentId()).update();

        arrives(new ReplyReceived(undated.leadId(), "imap reply", Instant.now()));
        arrives(new ReplyReceived(over.leadId(), "imap reply", Instant.now()));

        assertThat(applied(undatedReply)).contains("NOT_NOW SNOOZE_UNTIL_DATE nothing: the reply names no date");
        assertThat(applied(overReply)).hasValueSatisfying(outcome -> assertThat(outcome)
                .matches("NOT_NOW SNOOZE_UNTIL_DATE Not snoozed: campaign 'Automation \\d+' is completed"));
        for (Scene scene : List.of(undated, over)) {
            assertThat(jdbc.sql("select status from enrollment where id = ?").param(scene.enrollmentId()).query(String.class)
                    .single()).isEqualTo("REPLIED");
            assertThat(jdbc.sql("select status from lead where id = ?").param(scene.leadId()).query(String.class).single())
                    .isEqualTo("REPLIED");
        }
    }

    @Test
    void anInterestedReplyStopsTheSequenceAndAssignsTheLeadToTheCampaignsOwner() {
        String owner = "owner-" + SEQUENCE.incrementAndGet();
        as("ADMIN", () -> users.create(owner, "a-long-enough-password", Role.OPERATOR));
        Scene scene = scene(owner);
        long replyId = reply(scene, "REPLY", "Sounds interesting, tell me more.");

        arrives(new ReplyReceived(scene.leadId(), "imap reply", Instant.now()));

        assertThat(jdbc.sql("select status || ' ' || stopped_reason from enrollment where id = ?").param(scene.enrollmentId())
                .query(String.class).single()).isEqualTo("STOPPED automatic: reply #" + replyId + " labelled INTERESTED");
        assertThat(applied(replyId)).contains("INTERESTED STOP_AND_ASSIGN_OWNER 1 enrollment stopped; assigned to " + owner);
        assertThat(jdbc.sql("select username || ' by ' || assigned_by from lead_assignee where lead_id = ?")
                .param(scene.leadId()).query(String.class).single()).isEqualTo(owner + " by system");
        assertThat(jdbc.sql("select actor || ' ' || before_value || ' > ' || after_value from audit_log"
                + " where action = 'inbox.assign' and entity_id = ?").param(String.valueOf(scene.leadId())).query(String.class)
                .list()).containsExactly("system nobody > " + owner);
    }

    @Test
    void anInterestedReplyToACampaignOwnedByNoUserStillStopsTheSequenceAndSaysWhyNobodyIsAssigned() {
        Scene scene = scene();
        long replyId = reply(scene, "REPLY", "Sounds interesting, tell me more.");

        arrives(new ReplyReceived(scene.leadId(), "imap reply", Instant.now()));

        assertThat(applied(replyId)).contains("INTERESTED STOP_AND_ASSIGN_OWNER 1 enrollment stopped; not assigned: "
                + "the campaign's owner admin-user is not an enabled user");
        assertThat(jdbc.sql("select status from enrollment where id = ?").param(scene.enrollmentId()).query(String.class)
                .single()).isEqualTo("STOPPED");
        assertThat(jdbc.sql("select count(*) from lead_assignee where lead_id = ?").param(scene.leadId()).query(Long.class)
                .single()).isZero();
    }

    @Test
    void aReplyTheRulesLeaveOpenAndASwitchedOffRuleGetNothing() {
        Scene open = scene();
        long openReply = reply(open, "REPLY", "Hmm.");
        as("ADMIN", () -> automation.update(IntentLabel.UNSUBSCRIBE_REQUEST, AutomaticAction.UNSUBSCRIBE, false));
        Scene off = scene();
        long offReply = reply(off, "REPLY", "Please remove me from your list.");

        arrives(new ReplyReceived(open.leadId(), "imap reply", Instant.now()));
        arrives(new ReplyReceived(off.leadId(), "imap reply", Instant.now()));

        assertThat(applied(openReply)).isEmpty();
        assertThat(applied(offReply)).isEmpty();
        assertThat(jdbc.sql("select count(*) from suppression where entry = ?").param(off.email()).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("select status from enrollment where id = ?").param(open.enrollmentId()).query(String.class)
                .single()).isEqualTo("COLD");
    }

    @Test
    void aPersonsLabelIsTheirsToActOn() {
        Scene scene = scene();
        long replyId = reply(scene, "REPLY", "Please remove me from your list.");
        ReplyIntent persons = new ReplyIntent(IntentLabel.UNSUBSCRIBE_REQUEST, Optional.empty(), Optional.empty(),
                Optional.empty(), 1.0, "relabelled by a person", IntentSource.PERSON);

        assertThat(as("OPERATOR", () -> automation.apply(new ReplyLabelled(replyId, scene.leadId(), scene.messageId(), false,
                "Re: Hello", persons, Instant.now())))).isEmpty();

        assertThat(applied(replyId)).isEmpty();
        assertThat(jdbc.sql("select count(*) from suppression where entry = ?").param(scene.email()).query(Long.class).single())
                .isZero();
    }

    @Test
    void adminsChangeARuleAuditedAndOperatorsCannot() {
        as("ADMIN", () -> automation.update(IntentLabel.UNSUBSCRIBE_REQUEST, AutomaticAction.STOP_SEQUENCE, false));

        assertThat(as("OPERATOR", automation::rules)).filteredOn(rule -> rule.label() == IntentLabel.UNSUBSCRIBE_REQUEST)
                .singleElement().satisfies(rule -> {
                    assertThat(rule.action()).isEqualTo(AutomaticAction.STOP_SEQUENCE);
                    assertThat(rule.enabled()).isFalse();
                    assertThat(rule.updatedBy()).isEqualTo("admin-user");
                });
        assertThat(jdbc.sql("""
                select actor || ' ' || before_value || ' > ' || after_value from audit_log
                where action = 'inbox.automation' and entity_id = 'UNSUBSCRIBE_REQUEST' order by id desc fetch first 1 rows only
                """).query(String.class).single()).isEqualTo("admin-user UNSUBSCRIBE > STOP_SEQUENCE (off)");
        assertThatThrownBy(() -> as("OPERATOR", () -> automation.update(IntentLabel.OUT_OF_OFFICE, AutomaticAction.NONE, true)))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(as("OPERATOR", automation::rules)).filteredOn(rule -> rule.label() == IntentLabel.OUT_OF_OFFICE)
                .singleElement().satisfies(rule -> assertThat(rule.action()).isEqualTo(AutomaticAction.SNOOZE));
    }

    record Scene(long leadId, String email, long enrollmentId, UUID messageId) {
    }

    /** A lead in Chicago, enrolled in a fresh campaign an admin owns, who got our email. */
    private Scene scene() {
        return scene("admin-user");
    }

    /** The same, in a campaign {@code owner} created. */
    private Scene scene(String owner) {
        long n = SEQUENCE.incrementAndGet();
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Auto");
        draft.setLastName("Mation " + n);
        draft.setTimeZone("America/Chicago");
        draft.setEmail("auto." + n + "@automation-" + n + ".example");
        return asUser(owner, () -> {
            long leadId = leads.create(draft);
            long campaignId = campaigns.create("Automation " + n, "", "UTC").id();
            enrollments.enroll(List.of(leadId), campaignId);
            long enrollmentId = jdbc.sql("select id from enrollment where lead_id = ?").param(leadId).query(Long.class).single();
            UUID messageId = UUID.randomUUID();
            Timestamp now = Timestamp.from(Instant.now());
            jdbc.sql("""
                    insert into outreach_message (id, lead_id, enrollment_id, touch, message_type, channel_used, subject, body,
                        status, due_at, sent_at, created_at, updated_at, step_index)
                    values (?, ?, ?, 1, 'cold_outreach', 'EMAIL', 'Hello', 'Body', 'SENT', ?, ?, ?, ?, 0)
                    """).params(messageId, leadId, enrollmentId, now, now, now, now).update();
            return new Scene(leadId, draft.getEmail(), enrollmentId, messageId);
        });
    }

    private static <T> T asUser(String username, java.util.function.Supplier<T> work) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null,
                List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private long reply(Scene scene, String kind, String text) {
        Timestamp now = Timestamp.from(Instant.now());
        String header = "<" + UUID.randomUUID() + "@automation.example>";
        jdbc.sql("""
                insert into email_reply (message_id, lead_id, header_message_id, from_address, subject, excerpt, received_at,
                    written_at, kind, note)
                values (?, ?, ?, ?, 'Re: Hello', ?, ?, ?, ?, ?)
                """).params(scene.messageId(), scene.leadId(), header, scene.email(), text, now, now, kind,
                kind.equals("AUTO_REPLY") ? "Out of office (Auto-Submitted: auto-replied)" : null).update();
        return jdbc.sql("select id from email_reply where header_message_id = ?").param(header).query(Long.class).single();
    }

    /**
     * What sending our first touch and recording the person's reply do: the lead CONTACTED, the
     * enrollment at touch 1 and REPLIED, with the reply's time.
     */
    private void endedByTheReply(Scene scene) {
        jdbc.sql("update lead set status = 'CONTACTED' where id = ?").param(scene.leadId()).update();
        jdbc.sql("update enrollment set status = 'REPLIED', outreach_sequence_step = 1, last_email_replied_at = ? where id = ?")
                .params(Timestamp.from(Instant.now()), scene.enrollmentId()).update();
    }

    /** The event committed, as the poller commits it; its listeners run right after. */
    private void arrives(Object event) {
        transaction.executeWithoutResult(status -> events.publishEvent(event));
    }

    private Optional<String> applied(long replyId) {
        return jdbc.sql("select label || ' ' || action || ' ' || outcome from reply_automation where reply_id = ?")
                .param(replyId).query(String.class).optional();
    }

    private List<String> automatic(Scene scene) {
        return jdbc.sql("select actor || ' ' || after_value from audit_log where action = 'inbox.automatic' and entity_id = ?")
                .param(String.valueOf(scene.leadId())).query(String.class).list();
    }
}
