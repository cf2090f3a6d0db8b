package dev.outreach.inbox.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import dev.outreach.cadence.EnrollmentService;
import dev.outreach.campaign.CampaignService;
import dev.outreach.lead.LeadDraft;
import dev.outreach.inbox.InboxFixtures;
import dev.outreach.inbox.IntentLabel;
import dev.outreach.lead.LeadService;
import dev.outreach.security.Role;
import dev.outreach.shared.ReplyReceived;
import dev.outreach.support.KaribuTest;
import dev.outreach.support.Notifications;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The actions section of an open thread, on its own (the inbox view shows it under the thread):
 * each button does what it says to the lead and its enrollment and redraws the thread; a refusal
 * shows on its field and changes nothing; the referral a reply names comes prefilled.
 */
class InboxActionsSectionTests extends KaribuTest {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime());

    @Autowired
    InboxActionsSection section;
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

    private final AtomicInteger redrawn = new AtomicInteger();
    private long leadId;
    private long campaignId;
    private UUID messageId;
    private String email;

    @BeforeEach
    void anOperatorWithALeadWhoReplied() {
        login("olga", Role.OPERATOR);
        long n = SEQUENCE.incrementAndGet();
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Rita");
        draft.setLastName("Section " + n);
        draft.setCompany("Section Works " + n);
        draft.setEmail("rita." + n + "@section-" + n + ".example");
        email = draft.getEmail();
        leadId = leads.create(draft);
        campaignId = campaigns.create("Section " + n, "", "UTC").id();
        enrollments.enroll(List.of(leadId), campaignId);
        messageId = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into outreach_message (id, lead_id, enrollment_id, touch, message_type, channel_used, subject, body,
                    status, due_at, sent_at, created_at, updated_at, step_index)
                select ?, ?, id, 1, 'cold_outreach', 'EMAIL', 'Hello', 'Body', 'SENT', ?, ?, ?, ?, 0 from enrollment where lead_id = ?
                """).params(messageId, leadId, now, now, now, now, leadId).update();
    }

    @Test
    void markingInterestedSetsTheOutcomeStopsTheSequenceAndRedrawsTheThread() {
        open(reply("Thanks, I will think about it."));

        _click(_get(InboxActionsPanel.class).interested);

        assertThat(jdbc.sql("select outcome from lead where id = ?").param(leadId).query(String.class).single())
                .isEqualTo("INTERESTED");
        assertThat(enrollmentStatus()).isEqualTo("STOPPED");
        assertThat(Notifications.texts()).contains("Marked interested; sequence stopped");
        assertThat(redrawn).hasValue(1);
    }

    @Test
    void aSnoozeWithoutADateIsRefusedOnTheDatePickerAndChangesNothing() {
        open(reply("Thanks, I will think about it."));
        InboxActionsPanel panel = _get(InboxActionsPanel.class);

        _click(panel.snooze);

        assertThat(panel.snoozeUntil.isInvalid()).isTrue();
        assertThat(panel.snoozeUntil.getErrorMessage()).isEqualTo("Choose the date the sequence resumes");
        assertThat(jdbc.sql("select count(*) from enrollment where lead_id = ? and paused_until is not null").param(leadId)
                .query(Long.class).single()).isZero();
        assertThat(redrawn).hasValue(0);

        _setValue(panel.snoozeUntil, LocalDate.now().plusDays(5));
        _click(panel.snooze);

        assertThat(panel.snoozeUntil.isInvalid()).isFalse();
        assertThat(jdbc.sql("select count(*) from enrollment where lead_id = ? and paused_until is not null").param(leadId)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(redrawn).hasValue(1);
    }

    @Test
    void unsubscribingAsksFirstThenSuppressesTheAddress() {
        open(reply("Thanks, I will think about it."));

        _click(_get(InboxActionsPanel.class).unsubscribe);
        assertThat(suppressed()).as("not before the confirmation").isZero();
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        assertThat(suppressed()).isEqualTo(1);
        assertThat(Notifications.texts()).contains(email + " unsubscribed");
    }

    @Test
    void theMoveListsTheOtherCampaignsAndARefusalShowsOnTheSelect() {
        long other = campaigns.create("Section target " + SEQUENCE.incrementAndGet(), "", "UTC").id();
        open(reply("Thanks, I will think about it."));
        InboxActionsPanel panel = _get(InboxActionsPanel.class);
        assertThat(panel.moveTo.getListDataView().getItems().map(c -> c.id()).toList()).contains(other)
                .doesNotContain(campaignId);

        _click(panel.move);
        assertThat(panel.moveTo.isInvalid()).isTrue();
        assertThat(panel.moveTo.getErrorMessage()).isEqualTo("Choose the campaign to move the lead to");

        panel.moveTo.setValue(panel.moveTo.getListDataView().getItems().filter(c -> c.id() == other).findFirst().orElseThrow());
        _click(panel.move);

        assertThat(jdbc.sql("select campaign_id from enrollment where lead_id = ?").param(leadId).query(Long.class).list())
                .containsExactly(other);
    }

    @Test
    void aReferralComesPrefilledAndADuplicateShowsOnTheEmail() {
        String referral = "laura." + SEQUENCE.incrementAndGet() + "@section.example";
        long replyId = reply("Hi Sam, I'm not the right person for this. You should talk to Laura Chen (" + referral
                + "), she runs our finance systems.");
        transaction.executeWithoutResult(status -> events.publishEvent(new ReplyReceived(leadId, "imap reply", Instant.now())));
        open(replyId);
        InboxActionsPanel panel = _get(InboxActionsPanel.class);
        assertThat(panel.referralEmail.getValue()).isEqualTo(referral);
        assertThat(panel.referralFirstName.getValue() + " " + panel.referralLastName.getValue()).isEqualTo("Laura Chen");

        _click(panel.createReferral);
        assertThat(jdbc.sql("select count(*) from lead where email_normalized = ?").param(referral).query(Long.class).single())
                .isEqualTo(1);
        _click(panel.createReferral);

        assertThat(panel.referralEmail.isInvalid()).isTrue();
        assertThat(panel.referralEmail.getErrorMessage()).startsWith("A lead with this email already exists: ");
        assertThat(jdbc.sql("select count(*) from lead where email_normalized = ?").param(referral).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void theAssigneeIsASelectOfTheEnabledUsersShowingWhoHandlesTheLead() {
        String ada = new InboxFixtures(context).user(Role.OPERATOR);
        long replyId = reply("Thanks, I will think about it.");
        open(replyId);
        InboxActionsPanel panel = _get(InboxActionsPanel.class);
        assertThat(panel.assignee.getListDataView().getItems().toList()).contains(ada);
        assertThat(panel.assignee.getValue()).as("nobody yet").isNull();

        panel.assignee.setValue(ada);
        _click(panel.assign);

        assertThat(jdbc.sql("select username || ' by ' || assigned_by from lead_assignee where lead_id = ?").param(leadId)
                .query(String.class).single()).isEqualTo(ada + " by olga");
        assertThat(Notifications.texts()).contains("Assigned to " + ada);
        assertThat(redrawn).hasValue(1);
        assertThat(_get(InboxActionsPanel.class).assignee.getValue()).as("the panel, drawn again").isEqualTo(ada);
    }

    @Test
    void relabellingShowsTheLabelInForceAndKeepsThePersonsLabelWithItsDate() {
        long replyId = reply("Please remove me from your list.");
        transaction.executeWithoutResult(status -> events.publishEvent(new ReplyReceived(leadId, "imap reply", Instant.now())));
        open(replyId);
        ReplyLabelForm form = _get(InboxActionsPanel.class).label;
        assertThat(form.inForce.getText()).startsWith("Unsubscribe request · rule, ");
        assertThat(form.date.isVisible()).isFalse();

        form.label.setValue(IntentLabel.NOT_NOW);
        assertThat(form.date.isVisible()).as("not now has a date").isTrue();
        assertThat(form.referralEmail.isVisible()).isFalse();
        LocalDate back = LocalDate.now().plusDays(40);
        form.date.setValue(back);
        _click(form.relabel);

        assertThat(jdbc.sql("select from_label || ' ' || from_source || ' > ' || to_label || ' by ' || relabelled_by"
                + " from reply_intent_relabel where reply_id = ?").param(replyId).query(String.class).list())
                .containsExactly("UNSUBSCRIBE_REQUEST RULE > NOT_NOW by olga");
        assertThat(jdbc.sql("select label || ' ' || source || ' ' || label_date from reply_intent where reply_id = ?")
                .param(replyId).query(String.class).single()).isEqualTo("NOT_NOW PERSON " + back);
        assertThat(Notifications.texts()).contains("Relabelled Not now");
        assertThat(redrawn).hasValue(1);
        assertThat(_get(InboxActionsPanel.class).label.inForce.getText()).as("the panel, drawn again")
                .isEqualTo("Not now, come back " + back + " · person, 100% (the rule said Unsubscribe request) · relabelled by a person");
    }

    @Test
    void aReferralAddressThatIsNoAddressIsRefusedOnItsFieldAndTheLabelStays() {
        long replyId = reply("Thanks, I will think about it.");
        transaction.executeWithoutResult(status -> events.publishEvent(new ReplyReceived(leadId, "imap reply", Instant.now())));
        open(replyId);
        ReplyLabelForm form = _get(InboxActionsPanel.class).label;
        String before = form.inForce.getText();

        form.label.setValue(IntentLabel.WRONG_PERSON);
        _setValue(form.referralName, "Laura Chen");
        _setValue(form.referralEmail, "laura at example");
        _click(form.relabel);

        assertThat(form.referralEmail.isInvalid()).isTrue();
        assertThat(form.referralEmail.getErrorMessage()).isEqualTo("Not an email address: laura at example");
        assertThat(jdbc.sql("select count(*) from reply_intent_relabel where reply_id = ?").param(replyId).query(Long.class)
                .single()).isZero();
        assertThat(redrawn).hasValue(0);
        open(replyId);
        assertThat(_find(InboxActionsPanel.class).getLast().label.inForce.getText()).isEqualTo(before);
    }

    private void open(long replyId) {
        UI.getCurrent().add(section.create(new InboxThread(replyId, leadId, Optional.empty(), Optional.of(campaignId)),
                redrawn::incrementAndGet));
    }

    private long reply(String text) {
        String header = "<" + UUID.randomUUID() + "@section.example>";
        jdbc.sql("""
                insert into email_reply (message_id, lead_id, header_message_id, from_address, subject, excerpt, received_at, kind)
                values (?, ?, ?, ?, 'Re: Hello', ?, ?, 'REPLY')
                """).params(messageId, leadId, header, email, text, Timestamp.from(Instant.now())).update();
        return jdbc.sql("select id from email_reply where header_message_id = ?").param(header).query(Long.class).single();
    }

    private String enrollmentStatus() {
        return jdbc.sql("select status from enrollment where lead_id = ?").param(leadId).query(String.class).single();
    }

    private long suppressed() {
        return jdbc.sql("select count(*) from suppression where entry = ?").param(email).query(Long.class).single();
    }
}
