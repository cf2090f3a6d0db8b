package dev.outreach.cadence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.security.SystemActor;
import dev.outreach.shared.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@link CadenceContract} on H2 (the embedded mode), plus the tick's dry run, enrollment, and the
 * admin "run now". One lead's whole life is {@link CadenceJourneyIntegrationTests}.
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
        assertThat(plan.binding()).anySatisfy(reason -> assertThat(reason).contains("1 touch outside the lead's send window"));
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
                    .startsWith("1 email touch waits: no healthy mailbox").contains("mailbox is paused: maintenance"));
        } finally {
            jdbc.sql("update mailbox set active = true, paused_reason = null").update();
        }
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
