package dev.outreach.cadence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.outreach.content.Angle;
import dev.outreach.content.AnglesUsed;
import dev.outreach.outreach.MessageEngagement;
import dev.outreach.outreach.OutboxDispatcher;
import dev.outreach.security.SystemActor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * One lead's whole life on an injected clock, with the real enrollment, tick, content module
 * (templates and angles), mailbox rotation, dispatcher and re-contact worker: three touches at
 * adaptive delays, the final touch held back without engagement and sent with it, re-contact not
 * at 90 days but at 91, then cycles 1 to 4 lived as a lead who never engages (the gate holds each
 * final touch; the cycle still ends), each on another mailbox and another angle, and no fifth.
 */
@SpringBootTest(properties = {"outreach.cadence.tick-enabled=false", "outreach.dispatch.enabled=false"})
@ActiveProfiles("test")
@Import(MutableClock.ClockOnly.class)
class CadenceJourneyIntegrationTests implements CadenceFixtures {

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

    /** As the scheduler runs it: as the system, which the content module's lead reads require. */
    private void tick() {
        SystemActor.call(tick::tick);
    }

    @AfterEach
    void defaultCap() {
        jdbc.sql("update channel_config set max_per_lead = 3 where channel = 'EMAIL'").update();
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


    @Test
    void oneLeadEndToEnd() {
        // the default EMAIL cap of 3 per lead per 30 days would hold the 4th touch back: not what this test is about
        jdbc.sql("update channel_config set max_per_lead = 10 where channel = 'EMAIL'").update();
        long lead = lead("journey", null);
        SystemActor.run(() -> assertThat(enrollments.enroll(List.of(lead), null).enrolled()).isEqualTo(1));
        long enrollment = enrollmentOf(lead);

        // touch 1 at once
        tick();
        Map<String, Object> first = only(lead, 0, 1);
        dispatch(lead);
        Object firstMailbox = jdbc.sql("select mailbox_id from outreach_message where id = :id").param("id", first.get("id"))
                .query(Long.class).single();
        assertThat(firstMailbox).isNotNull();

        // never opened: 72h
        clock.advance(Duration.ofHours(71));
        tick();
        assertThat(messages(lead)).hasSize(1);
        clock.advance(Duration.ofHours(1));
        tick();
        only(lead, 1, 2);
        dispatch(lead);

        // a machine open (a prefetch) within the hour changes nothing: never opened by a person, 96h from step 2
        clock.advance(Duration.ofMinutes(30));
        open(lead, false);
        clock.advance(Duration.ofHours(95));
        tick();
        assertThat(messages(lead)).hasSize(2);
        clock.advance(Duration.ofMinutes(30));
        tick();
        only(lead, 2, 3);
        dispatch(lead);

        // the final touch: blocked without a human open or a click; a person's open 60h after the send lets it go
        clock.advance(Duration.ofHours(60));
        tick();
        assertThat(messages(lead)).hasSize(3);
        assertThat(row(enrollment)).containsEntry("status", "ACTIVE");
        open(lead, true);
        clock.advance(Duration.ofHours(6));
        tick();
        Map<String, Object> last = only(lead, 3, 4);
        assertThat(last.get("message_type")).isEqualTo("final");
        dispatch(lead);
        assertThat(row(enrollment)).containsEntry("status", "CONTACTED");
        Instant finalSent = CadenceFixtures.instant(row(enrollment).get("last_email_sent_at"));

        // re-contact: not at 90 days, at 91; then cycles 1 to 4 as a lead who never engages lives them
        clock.set(finalSent.plus(Duration.ofDays(90)).minusSeconds(60));
        assertThat(recontact.run()).isZero();
        Long previousMailbox = (Long) firstMailbox;
        List<Object> subjects = new ArrayList<>(List.of(first.get("subject")));
        int sent = 4;
        for (int cycle = 1; cycle <= 4; cycle++) {
            clock.set(CadenceFixtures.instant(row(enrollment).get("last_email_sent_at")).plus(Duration.ofDays(91)));
            assertThat(recontact.run()).as("cycle %d starts", cycle).isEqualTo(1);
            assertThat(row(enrollment)).containsEntry("status", "COLD").containsEntry("re_contact_cycle", cycle);
            tick();
            Map<String, Object> opening = only(lead, 0, ++sent);
            assertThat(opening.get("subject")).as("cycle %d opens with another angle", cycle).isNotIn(subjects);
            subjects.add((String) opening.get("subject"));
            dispatch(lead);
            Long mailbox = jdbc.sql("select mailbox_id from outreach_message where id = :id").param("id", opening.get("id"))
                    .query(Long.class).single();
            assertThat(mailbox).as("cycle %d starts on another mailbox than cycle %d", cycle, cycle - 1)
                    .isNotNull().isNotEqualTo(previousMailbox);
            previousMailbox = mailbox;

            // never opened: 72h, then 96h from step 2
            clock.advance(Duration.ofHours(72));
            tick();
            only(lead, 1, ++sent);
            dispatch(lead);
            clock.advance(Duration.ofHours(96));
            tick();
            only(lead, 2, ++sent);
            dispatch(lead);

            // no engagement in this cycle: the gate holds the final touch back for good
            clock.advance(Duration.ofDays(30));
            tick();
            assertThat(messages(lead)).as("cycle %d: final touch gated", cycle).hasSize(sent);
            assertThat(row(enrollment)).containsEntry("status", "ACTIVE");
        }
        // every cycle had its own angle, in the reference's order, never one seen before
        assertThat(AnglesUsed.parse(jdbc.sql("select angles_used from enrollment_content where enrollment_id = :id")
                .param("id", enrollment).query(String.class).single()).byCycle()).containsExactly(
                entry(1, Angle.INDUSTRY_TRENDS), entry(2, Angle.COMPETITOR_INSIGHT), entry(3, Angle.SEASONAL_OPPORTUNITY),
                entry(4, Angle.CASE_STUDY));

        // no fifth cycle: after cycle 4 the worker leaves the lead alone
        clock.advance(Duration.ofDays(200));
        assertThat(recontact.run()).isZero();
        assertThat(row(enrollment)).containsEntry("re_contact_cycle", 4).containsEntry("status", "ACTIVE");
        tick();
        assertThat(messages(lead)).hasSize(sent);
    }
}
