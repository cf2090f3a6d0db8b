package dev.outreach.cadence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.outreach.MessageEngagement;
import dev.outreach.outreach.OutboxDispatcher;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@link CadenceContract} on H2 (the embedded mode), plus one lead end to end with the demo's
 * mailboxes and the real dispatcher, enrollment, and the admin "run now".
 */
@SpringBootTest(properties = {"outreach.cadence.tick-enabled=false", "outreach.dispatch.enabled=false"})
@ActiveProfiles("test")
@Import(MutableClock.Config.class)
class SequencerTickIntegrationTests implements CadenceContract {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    SequencerTick tick;
    @Autowired
    RecontactWorker recontact;
    @Autowired
    EnrollmentService enrollments;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    MessageEngagement engagement;

    @Override
    public JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public SequencerTick tick() {
        return tick;
    }

    @Override
    public RecontactWorker recontact() {
        return recontact;
    }

    private Map<String, Object> only(long lead, int touch, int cycleMessages) {
        List<Map<String, Object>> messages = messages(lead);
        assertThat(messages).hasSize(cycleMessages);
        Map<String, Object> message = messages.getLast();
        assertThat(((Number) message.get("touch")).intValue()).isEqualTo(touch);
        return message;
    }

    private void dispatch(long lead) {
        SystemActor.run(dispatcher::dispatchBatch);
        Map<String, Object> last = messages(lead).getLast();
        assertThat(last.get("status")).as("dispatched: %s", last.get("status_reason")).isIn("SENT", "DELIVERED");
    }

    private void open(long lead, boolean human) {
        UUID id = (UUID) messages(lead).getLast().get("id");
        engagement.recordAll(List.of(new MessageEngagement.Engagement(MessageEngagement.EngagementKind.OPENED,
                engagement.byIds(List.of(id)).get(id), human, clock.instant())));
    }

    @Autowired
    TickPreview preview;

    @Test
    void theDryRunShowsWhatTheTickWouldDoPerMailboxAndWritesNothing() {
        List<Long> leads = List.of(lead("dry-1", null), lead("dry-2", null), lead("dry-3", null), lead("dry-4", "Asia/Tokyo"));
        SystemActor.run(() -> enrollments.enroll(leads, null));
        // T0 is Tuesday 11:00 in New York and midnight in Tokyo: the Tokyo lead waits for its window
        jdbc.sql("update sales_engine_config set send_window_start_hour = 9, send_window_end_hour = 17 where id = 1").update();
        long messagesBefore = jdbc.sql("select count(*) from outreach_message").query(Long.class).single();

        TickPreview.Preview plan = SystemActor.call(() -> preview.preview(5000));

        assertThat(plan.wouldQueue()).isEqualTo(3);
        assertThat(plan.outsideWindow()).isEqualTo(1);
        assertThat(plan.byChannel()).containsEntry("EMAIL", 3);
        assertThat(plan.mailboxes().stream().mapToInt(TickPreview.MailboxLoad::planned).sum()).isEqualTo(3);
        assertThat(plan.binding()).anySatisfy(reason -> assertThat(reason).contains("1 touch(es) outside the lead's send window"));
        assertThat(jdbc.sql("select count(*) from outreach_message").query(Long.class).single()).isEqualTo(messagesBefore);
        assertThat(jdbc.sql("select count(*) from enrollment where lead_id in (:ids) and outreach_sequence_step = 0 and status = 'COLD'")
                .param("ids", leads).query(Long.class).single()).as("nothing advanced").isEqualTo(4);

        SequencerTick.Result ran = tick.tick();
        assertThat(ran.queued()).as("the tick does what the dry run said").isEqualTo(plan.wouldQueue());
        assertThat(ran.outsideWindow()).isEqualTo(plan.outsideWindow());
    }

    @Test
    void theDryRunNamesTheMissingMailboxes() {
        SystemActor.run(() -> enrollments.enroll(List.of(lead("no-mailbox", null)), null));
        jdbc.sql("update mailbox set active = false, paused_reason = 'maintenance'").update();
        try {
            TickPreview.Preview plan = SystemActor.call(() -> preview.preview(5000));

            assertThat(plan.wouldQueue()).isEqualTo(1);
            assertThat(plan.binding()).anySatisfy(reason -> assertThat(reason)
                    .startsWith("1 email touch(es) wait: no healthy mailbox").contains("mailbox is paused: maintenance"));
        } finally {
            jdbc.sql("update mailbox set active = true, paused_reason = null").update();
        }
    }

    @Test
    void oneLeadEndToEnd() {
        // the default EMAIL cap of 3 per lead per 30 days would hold the 4th touch back: not what this test is about
        jdbc.sql("update channel_config set max_per_lead = 10 where channel = 'EMAIL'").update();
        long lead = lead("journey", null);
        SystemActor.run(() -> assertThat(enrollments.enroll(List.of(lead), null).enrolled()).isEqualTo(1));
        long enrollment = enrollmentOf(lead);

        // touch 1 at once
        tick.tick();
        Map<String, Object> first = only(lead, 0, 1);
        dispatch(lead);
        Object firstMailbox = jdbc.sql("select mailbox_id from outreach_message where id = :id").param("id", first.get("id"))
                .query(Long.class).single();
        assertThat(firstMailbox).isNotNull();

        // never opened: 72h
        clock.advance(Duration.ofHours(71));
        tick.tick();
        assertThat(messages(lead)).hasSize(1);
        clock.advance(Duration.ofHours(1));
        tick.tick();
        only(lead, 1, 2);
        dispatch(lead);

        // a (machine) open within the hour: 36h, and still no engagement for the gate
        clock.advance(Duration.ofMinutes(30));
        open(lead, false);
        clock.advance(Duration.ofHours(35));
        tick.tick();
        assertThat(messages(lead)).hasSize(2);
        clock.advance(Duration.ofMinutes(30));
        tick.tick();
        only(lead, 2, 3);
        dispatch(lead);

        // the final touch: due after 48h (opened earlier), blocked without a human open or a click
        clock.advance(Duration.ofHours(60));
        tick.tick();
        assertThat(messages(lead)).hasSize(3);
        assertThat(row(enrollment)).containsEntry("status", "ACTIVE");
        open(lead, true);
        clock.advance(Duration.ofHours(6));
        tick.tick();
        Map<String, Object> last = only(lead, 3, 4);
        assertThat(last.get("message_type")).isEqualTo("final");
        dispatch(lead);
        assertThat(row(enrollment)).containsEntry("status", "CONTACTED");
        Instant finalSent = CadenceContract.instant(row(enrollment).get("last_email_sent_at"));

        // re-contact: not at 90 days, at 91; a new cycle with another mailbox
        clock.set(finalSent.plus(Duration.ofDays(90)).minusSeconds(60));
        assertThat(recontact.run()).isZero();
        clock.set(finalSent.plus(Duration.ofDays(91)));
        assertThat(recontact.run()).isEqualTo(1);
        assertThat(((Number) row(enrollment).get("re_contact_cycle")).intValue()).isEqualTo(1);
        tick.tick();
        Map<String, Object> again = only(lead, 0, 5);
        assertThat(again.get("body")).asString().contains("re-contact cycle 1");
        dispatch(lead);
        Long cycleOneMailbox = jdbc.sql("select mailbox_id from outreach_message where id = :id").param("id", again.get("id"))
                .query(Long.class).single();
        assertThat(cycleOneMailbox).isNotNull().isNotEqualTo(firstMailbox);

        // no fifth cycle: after cycle 4 the worker leaves the lead alone
        set(enrollment, "status = 'CONTACTED', re_contact_cycle = 4, next_touch_due_at = null", Map.of());
        clock.advance(Duration.ofDays(200));
        assertThat(recontact.run()).isZero();
        assertThat(row(enrollment)).containsEntry("status", "CONTACTED");
        assertThat(((Number) row(enrollment).get("re_contact_cycle")).intValue()).isEqualTo(4);
        jdbc.sql("update channel_config set max_per_lead = 3 where channel = 'EMAIL'").update();
    }

    @Test
    void enrollmentRefusesLeadsWithoutEmailAndIsIdempotent() {
        long withEmail = lead("with", null);
        long withoutEmail = lead("without", null);
        jdbc.sql("update lead set email = null, email_normalized = null, last_name = 'Noemail' where id = :id")
                .param("id", withoutEmail).update();
        long campaign = campaign("America/Denver");
        SystemActor.run(() -> {
            EnrollmentService.Result result = enrollments.enroll(List.of(withEmail, withoutEmail), campaign);
            assertThat(result.enrolled()).isEqualTo(1);
            assertThat(result.refused()).singleElement().asString().contains("without Noemail").contains("no email address");
            EnrollmentService.Result again = enrollments.enroll(List.of(withEmail), campaign);
            assertThat(again.enrolled()).isZero();
            assertThat(again.alreadyEnrolled()).isEqualTo(1);
            assertThatThrownBy(() -> enrollments.enroll(List.of(withoutEmail), campaign))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("no email address");
        });
        assertThat(jdbc.sql("select count(*) from enrollment where lead_id in (:ids)").param("ids", List.of(withEmail, withoutEmail))
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(row(enrollmentOf(withEmail))).containsEntry("status", "COLD");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'enrollment.enroll' and entity_id = :id")
                .param("id", String.valueOf(campaign)).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void runNowIsForAdminsAndRunsTheTick() {
        long lead = lead("now", null);
        enrollment(lead, null, 0, null);
        assertThatThrownBy(() -> tick.runNow()).isInstanceOfAny(AccessDeniedException.class,
                org.springframework.security.authentication.AuthenticationCredentialsNotFoundException.class);
        SequencerTick.Result result = SystemActor.call(() -> tick.runNow());
        assertThat(result.ran()).isTrue();
        assertThat(result.queued()).isEqualTo(1);
        assertThat(messages(lead)).hasSize(1);
    }
}
