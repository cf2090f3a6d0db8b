package dev.outreach.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.cadence.EnrollmentService;
import dev.outreach.campaign.CampaignService;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.LeadService;
import dev.outreach.security.Role;
import dev.outreach.security.UserService;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ReplyReceived;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
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
 * The inbox's actions on the embedded database, through the services of the modules that own what
 * they change: what the lead, its enrollment, the outbox, the suppression list and the audit log
 * hold afterwards, and that a refusal names its field and changes nothing. The context is the one
 * the unit and Karibu tests share.
 */
@SpringBootTest
@ActiveProfiles("test")
class InboxActionsTests {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime());

    @Autowired
    InboxActions actions;
    @Autowired
    Inbox inbox;
    @Autowired
    UserService users;
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
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void markingInterestedSetsTheOutcomeStopsTheSequenceAndTakesItsWaitingTouchOutOfTheOutbox() {
        Scene scene = scene();
        UUID waiting = pendingTouch(scene);

        int stopped = as("OPERATOR", () -> actions.markOutcome(scene.leadId(), LeadOutcome.INTERESTED));

        assertThat(stopped).isEqualTo(1);
        assertThat(lead(scene, "outcome")).isEqualTo("INTERESTED");
        assertThat(enrollment(scene)).containsEntry("status", "STOPPED").containsEntry("resume_status", "COLD")
                .containsEntry("stopped_reason", "marked interested");
        assertThat(jdbc.sql("select status from outreach_message where id = ?").param(waiting).query(String.class).single())
                .as("the touch the tick had written does not go out").isEqualTo("SKIPPED");
        assertThat(audits(scene)).contains("operator-user lead.outcome INTERESTED", "operator-user inbox.outcome INTERESTED, 1 enrollment stopped",
                "operator-user enrollment.stop 1 enrollment stopped: marked interested");
    }

    @Test
    void aStoppedSequenceResumesWhereItWas() {
        Scene scene = scene();
        as("OPERATOR", () -> actions.stopSequence(scene.leadId()));
        assertThat(enrollment(scene)).containsEntry("status", "STOPPED");

        as("OPERATOR", () -> actions.resumeSequence(scene.leadId()));

        assertThat(enrollment(scene)).containsEntry("status", "COLD").containsEntry("resume_status", null)
                .containsEntry("stopped_reason", null);
        assertThat(instant(scene, "next_touch_due_at")).as("due again").isNotNull();
        assertThat(audits(scene)).contains("operator-user inbox.stop 1 enrollment stopped", "operator-user inbox.resume 1 enrollment resumed");
    }

    @Test
    void resumingWhatNobodyStoppedIsRefusedAndChangesNothing() {
        Scene scene = scene();
        Map<String, Object> before = enrollment(scene);

        assertThatThrownBy(() -> as("OPERATOR", () -> actions.resumeSequence(scene.leadId())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("sequence"));

        assertThat(enrollment(scene)).isEqualTo(before);
    }

    @Test
    void aSnoozePausesTheSequenceUntilThatDayStartsWhereTheLeadIs() {
        Scene scene = scene();
        LocalDate until = LocalDate.now().plusDays(10);

        Instant resumes = as("OPERATOR", () -> actions.snooze(scene.leadId(), until));

        Instant berlinMidnight = until.atStartOfDay(ZoneId.of("Europe/Berlin")).toInstant();
        assertThat(resumes).isEqualTo(berlinMidnight);
        assertThat(instant(scene, "paused_until")).isEqualTo(berlinMidnight);
        assertThat(instant(scene, "next_touch_due_at")).as("the tick waits for it").isEqualTo(berlinMidnight);
        assertThat(audits(scene)).anyMatch(entry -> entry.startsWith("operator-user inbox.snooze until " + until));
    }

    @Test
    void aSnoozeToThePastIsRefusedOnItsDateAndChangesNothing() {
        Scene scene = scene();
        Map<String, Object> before = enrollment(scene);

        assertThatThrownBy(() -> as("OPERATOR", () -> actions.snooze(scene.leadId(), LocalDate.now().minusDays(1))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("until", "Choose a date after today")));

        assertThat(enrollment(scene)).isEqualTo(before);
        assertThat(audits(scene)).noneMatch(entry -> entry.contains("snooze"));
    }

    @Test
    void unsubscribingFromTheInboxSuppressesTheAddressAndUnsubscribesTheLeadAsTheLinkDoes() {
        Scene scene = scene();

        String address = as("OPERATOR", () -> actions.unsubscribe(scene.replyId()));

        assertThat(address).isEqualTo(scene.email());
        assertThat(jdbc.sql("select count(*) from suppression where kind = 'ADDRESS' and entry = ?").param(scene.email())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(lead(scene, "status")).isEqualTo("UNSUBSCRIBED");
        assertThat(enrollment(scene)).containsEntry("email_unsubscribed", true);
        assertThat(audits(scene)).contains("operator-user inbox.unsubscribe " + scene.email() + " (reply #" + scene.replyId() + ")");
    }

    @Test
    void movingToAnotherCampaignRemovesTheLeadFromItsCampaignAndEnrollsItInTheOther() {
        Scene scene = scene();
        long other = as("ADMIN", () -> campaigns.create("Move target " + SEQUENCE.incrementAndGet(), "", "UTC").id());

        as("OPERATOR", () -> {
            actions.moveToCampaign(scene.leadId(), scene.campaignId(), other);
            return null;
        });

        assertThat(jdbc.sql("select campaign_id || ' ' || status from enrollment where lead_id = ?").param(scene.leadId())
                .query(String.class).list()).containsExactly(other + " COLD");
        assertThat(audits(scene)).anyMatch(entry -> entry.startsWith("operator-user inbox.move campaign #" + other));
    }

    @Test
    void aMoveTheOtherCampaignRefusesChangesNothing() {
        Scene scene = scene();
        long other = as("ADMIN", () -> campaigns.create("Refusing target " + SEQUENCE.incrementAndGet(), "", "UTC").id());
        jdbc.sql("update lead set status = 'DISQUALIFIED' where id = ?").param(scene.leadId()).update();
        Map<String, Object> before = enrollment(scene);

        assertThatThrownBy(() -> as("OPERATOR", () -> {
            actions.moveToCampaign(scene.leadId(), scene.campaignId(), other);
            return null;
        })).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).singleElement()
                .satisfies(error -> {
                    assertThat(error.field()).isEqualTo("toCampaignId");
                    assertThat(error.message()).startsWith("Not moved: ").contains("disqualified");
                }));

        assertThat(enrollment(scene)).as("still in its campaign, as it was").isEqualTo(before);
    }

    @Test
    void aReferralIsPrefilledFromTheReplyAndADuplicateIsRefusedNamingTheLeadThatExists() {
        Scene scene = scene();
        String referral = "laura.chen." + SEQUENCE.incrementAndGet() + "@acme.example";
        long replyId = reply(scene, "REPLY", "Hi Sam, I'm not the right person for this. You should talk to Laura Chen ("
                + referral + "), she runs our finance systems.");
        label(scene);

        LeadDraft draft = as("OPERATOR", () -> actions.referralDraft(replyId)).orElseThrow();
        assertThat(draft.getFirstName()).isEqualTo("Laura");
        assertThat(draft.getLastName()).isEqualTo("Chen");
        assertThat(draft.getEmail()).isEqualTo(referral);
        assertThat(draft.getCompany()).isEqualTo(scene.company());
        long created = as("OPERATOR", () -> actions.createReferralLead(replyId, draft));
        assertThat(jdbc.sql("select email || ' ' || company || ' ' || source from lead where id = ?").param(created)
                .query(String.class).single()).isEqualTo(referral + " " + scene.company() + " REFERRAL");

        LeadDraft again = as("OPERATOR", () -> actions.referralDraft(replyId)).orElseThrow();
        assertThatThrownBy(() -> as("OPERATOR", () -> actions.createReferralLead(replyId, again)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> {
                            assertThat(error.field()).isEqualTo("email");
                            assertThat(error.message()).contains("Laura Chen").contains("(#" + created + ")");
                        }));
        assertThat(jdbc.sql("select count(*) from lead where email_normalized = ?").param(referral).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void assigningALeadRecordsTheAssigneeAuditedAndAnUnknownUserIsRefusedOnTheAssignee() {
        Scene scene = scene();
        String ada = "ada-" + SEQUENCE.incrementAndGet();
        as("ADMIN", () -> users.create(ada, "a-long-enough-password", Role.OPERATOR));

        as("OPERATOR", () -> {
            inbox.assign(scene.leadId(), ada);
            return null;
        });
        assertThatThrownBy(() -> as("OPERATOR", () -> {
            inbox.assign(scene.leadId(), "nobody-called-this");
            return null;
        })).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                .extracting(FieldError::field).containsExactly("assignee"));

        assertThat(jdbc.sql("select username || ' by ' || assigned_by from lead_assignee where lead_id = ?")
                .param(scene.leadId()).query(String.class).single()).isEqualTo(ada + " by operator-user");
        assertThat(audits(scene)).contains("operator-user inbox.assign " + ada);
        assertThat(as("OPERATOR", inbox::assignees)).as("the users the panel offers").contains(ada);
    }

    @Test
    void aUserWithoutARoleIsRefusedByTheServiceAndNothingChanges() {
        Scene scene = scene();

        assertThatThrownBy(() -> as(null, () -> actions.markOutcome(scene.leadId(), LeadOutcome.NOT_INTERESTED)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as(null, () -> actions.unsubscribe(scene.replyId()))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as(null, () -> actions.stopSequence(scene.leadId()))).isInstanceOf(AccessDeniedException.class);

        assertThat(lead(scene, "outcome")).isNull();
        assertThat(lead(scene, "status")).isEqualTo("NEW");
        assertThat(enrollment(scene)).containsEntry("status", "COLD");
    }

    /** A lead in Berlin, enrolled in a fresh campaign, who got our email and wrote a reply. */
    record Scene(long leadId, String email, String company, long campaignId, long enrollmentId, UUID messageId, long replyId) {
    }

    private Scene scene() {
        long n = SEQUENCE.incrementAndGet();
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Mark");
        draft.setLastName("Actions " + n);
        draft.setCompany("Acme " + n);
        draft.setTimeZone("Europe/Berlin");
        draft.setEmail("mark." + n + "@acme-" + n + ".example");
        return as("ADMIN", () -> {
            long leadId = leads.create(draft);
            long campaignId = campaigns.create("Inbox actions " + n, "", "UTC").id();
            enrollments.enroll(List.of(leadId), campaignId);
            long enrollmentId = jdbc.sql("select id from enrollment where lead_id = ?").param(leadId).query(Long.class).single();
            UUID messageId = UUID.randomUUID();
            Timestamp now = Timestamp.from(Instant.now());
            jdbc.sql("""
                    insert into outreach_message (id, lead_id, enrollment_id, touch, message_type, channel_used, subject, body,
                        status, due_at, sent_at, created_at, updated_at, step_index)
                    values (?, ?, ?, 1, 'cold_outreach', 'EMAIL', 'Hello', 'Body', 'SENT', ?, ?, ?, ?, 0)
                    """).params(messageId, leadId, enrollmentId, now, now, now, now).update();
            Scene scene = new Scene(leadId, draft.getEmail(), draft.getCompany(), campaignId, enrollmentId, messageId, 0);
            return new Scene(leadId, draft.getEmail(), draft.getCompany(), campaignId, enrollmentId, messageId,
                    reply(scene, "REPLY", "Thanks for writing."));
        });
    }

    private long reply(Scene scene, String kind, String text) {
        Timestamp now = Timestamp.from(Instant.now());
        String header = "<" + UUID.randomUUID() + "@acme.example>";
        jdbc.sql("""
                insert into email_reply (message_id, lead_id, header_message_id, from_address, subject, excerpt, received_at, kind)
                values (?, ?, ?, ?, 'Re: Hello', ?, ?, ?)
                """).params(scene.messageId(), scene.leadId(), header, scene.email(), text, now, kind).update();
        return jdbc.sql("select id from email_reply where header_message_id = ?").param(header).query(Long.class).single();
    }

    /** A waiting touch the tick wrote for the enrollment. */
    private UUID pendingTouch(Scene scene) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into outreach_message (id, lead_id, enrollment_id, touch, message_type, channel_used, subject, body,
                    status, due_at, created_at, updated_at, step_index)
                values (?, ?, ?, 2, 'follow_up', 'EMAIL', 'Again', 'Body', 'PENDING', ?, ?, ?, 1)
                """).params(id, scene.leadId(), scene.enrollmentId(), now, now, now).update();
        return id;
    }

    /** The rules label the lead's replies, as when the poller's ReplyReceived arrives. */
    private void label(Scene scene) {
        transaction.executeWithoutResult(status -> events.publishEvent(new ReplyReceived(scene.leadId(), "imap reply", Instant.now())));
    }

    private Object lead(Scene scene, String column) {
        return jdbc.sql("select " + column + " from lead where id = ?").param(scene.leadId())
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getObject(1))).single().orElse(null);
    }

    private Map<String, Object> enrollment(Scene scene) {
        return jdbc.sql("""
                select status, resume_status, stopped_reason, paused_until, next_touch_due_at, email_unsubscribed
                from enrollment where id = ?
                """).param(scene.enrollmentId()).query().singleRow().entrySet().stream()
                .collect(java.util.HashMap::new, (map, e) -> map.put(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue()),
                        java.util.HashMap::putAll);
    }

    private Instant instant(Scene scene, String column) {
        return jdbc.sql("select " + column + " from enrollment where id = ?").param(scene.enrollmentId())
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getTimestamp(1))).single().map(Timestamp::toInstant)
                .orElse(null);
    }

    private List<String> audits(Scene scene) {
        return jdbc.sql("""
                select actor || ' ' || action || ' ' || coalesce(after_value, '') from audit_log
                where entity_type = 'lead' and entity_id = ? order by id
                """).param(String.valueOf(scene.leadId())).query(String.class).list();
    }

    /** Runs as a user with the role, or (null) as a signed-in user with no role at all. */
    static <T> T as(String role, java.util.function.Supplier<T> work) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                (role == null ? "nobody" : role.toLowerCase(java.util.Locale.ROOT)) + "-user", null,
                role == null ? List.of() : List.of(new SimpleGrantedAuthority("ROLE_" + role))));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
