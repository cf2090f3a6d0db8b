package dev.outreach.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.cadence.CampaignCompletion;
import dev.outreach.cadence.MutableClock;
import dev.outreach.cadence.SequencerTick;
import dev.outreach.cadence.TickPreview;
import dev.outreach.outreach.OutboxDispatcher;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.support.PostgresIntegrationTest;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Campaigns with their own plans, run through the real tick on PostgreSQL; start, pause and resume. */
@Import(MutableClock.Config.class)
@TestPropertySource(properties = {"outreach.cadence.tick-enabled=false", "outreach.dispatch.enabled=false"})
class CampaignPlansPostgresIntegrationTests extends PostgresIntegrationTest {

    static final Instant T0 = Instant.parse("2025-06-03T15:00:00Z"); // a Tuesday, 11:00 in New York

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    CampaignService campaigns;
    @Autowired
    SequenceService sequences;
    @Autowired
    SequencerTick tick;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    CampaignCompletion completion;
    @Autowired
    TickPreview preview;

    @BeforeEach
    void cleanSlate() {
        jdbc.sql("delete from outreach_message").update();
        jdbc.sql("delete from enrollment").update();
        clock.set(T0);
    }

    @Test
    void twoCampaignsSideBySideEachLeadFollowsItsOwnPlan() {
        long seq = SystemActor.call(sequences::defaultSequence).id();
        // sent at any hour of any day, so that only the plans' delays decide when each touch is due
        CampaignSchedule always = new CampaignSchedule(EnumSet.allOf(DayOfWeek.class), 0, 24, "America/New_York");
        long shortPlan = activeCampaign("Two touches", List.of(touch(1, "INITIAL", seq, 0, false), touch(2, "FINAL", seq, 72, false)),
                CampaignSenders.all(), always);
        long longPlan = activeCampaign("Three touches", List.of(touch(1, "INITIAL", seq, 0, false),
                touch(2, "FOLLOW_UP", seq, 40, false), touch(3, "break_up", seq, 40, false)), CampaignSenders.all(), always);
        long a = enroll(lead("a"), shortPlan);
        long b = enroll(lead("b"), longPlan);

        runTick();
        assertThat(touches(a)).containsExactly("initial");
        assertThat(touches(b)).containsExactly("initial");
        sent();

        // never opened: the second touch waits its base + 24 h, 64 h in the long plan, 96 h in the short one
        clock.set(T0.plus(Duration.ofHours(65)));
        runTick();
        assertThat(touches(a)).as("72h base, never opened: 96h").containsExactly("initial");
        assertThat(touches(b)).as("40h base, never opened: 64h").containsExactly("initial", "follow_up");
        sent();

        clock.set(T0.plus(Duration.ofHours(97)));
        runTick();
        assertThat(touches(a)).containsExactly("initial", "final");
        assertThat(status(a)).as("its plan has two touches").isEqualTo("CONTACTED");
        assertThat(status(b)).isEqualTo("ACTIVE");
        sent();

        // from the third touch on, never opened: base + 48 h, 88 h after the second
        clock.set(T0.plus(Duration.ofHours(65 + 87)));
        runTick();
        assertThat(touches(b)).as("87 h after the follow-up").containsExactly("initial", "follow_up");
        clock.set(T0.plus(Duration.ofHours(65 + 88)));
        runTick();
        assertThat(touches(b)).containsExactly("initial", "follow_up", "break_up");
        assertThat(status(b)).isEqualTo("CONTACTED");
    }

    @Test
    void theDailyTouchLimitHoldsTheRestUntilTheNextDay() {
        long seq = SystemActor.call(sequences::defaultSequence).id();
        long campaign = activeCampaign("Limited", List.of(touch(1, "INITIAL", seq, 0, false)));
        jdbc.sql("update campaign set touches_per_day = 2 where id = :id").param("id", campaign).update();
        List<Long> enrollments = List.of(enroll(lead("l1"), campaign), enroll(lead("l2"), campaign), enroll(lead("l3"), campaign));

        runTick();

        assertThat(enrollments.stream().mapToInt(e -> touches(e).size()).sum()).isEqualTo(2);
    }

    @Test
    void startNamesEveryProblem() {
        CampaignDetails empty = SystemActor.call(() -> campaigns.create(new CampaignDraft("Empty " + UUID.randomUUID(), null,
                List.of(), schedule(), CampaignSenders.all(), CampaignLimits.none(), new RecontactPolicy(1, 90))));
        long seq = SystemActor.call(sequences::defaultSequence).id();
        CampaignDetails noTemplate = SystemActor.call(() -> campaigns.create(new CampaignDraft("No template " + UUID.randomUUID(),
                null, List.of(new CampaignTouch(1, "INITIAL", seq, Map.of(), 0, false)), schedule(),
                new CampaignSenders(java.util.Set.of(), java.util.Set.of(-1L)), CampaignLimits.none(), new RecontactPolicy(1, 90))));

        assertThatThrownBy(() -> SystemActor.call(() -> campaigns.start(empty.id())))
                .isInstanceOfSatisfying(CampaignNotStartableException.class, e -> assertThat(e.problems())
                        .extracting(CampaignProblem::field).containsExactlyInAnyOrder("touches", "leads"));
        assertThatThrownBy(() -> SystemActor.call(() -> campaigns.start(noTemplate.id())))
                .isInstanceOfSatisfying(CampaignNotStartableException.class, e -> assertThat(e.problems())
                        .extracting(CampaignProblem::field)
                        .containsExactlyInAnyOrder("touches[1].templates", "senders", "leads"));
        assertThat(SystemActor.call(() -> campaigns.find(empty.id())).orElseThrow().status()).isEqualTo(CampaignStatus.DRAFT);
    }

    @Test
    void pauseHoldsPendingMessagesAndResumeReleasesThemIntoTheNextWindow() {
        long seq = SystemActor.call(sequences::defaultSequence).id();
        long campaign = activeCampaign("Paused", List.of(touch(1, "INITIAL", seq, 0, false), touch(2, "FINAL", seq, 48, false)));
        long enrollment = enroll(lead("p"), campaign);
        runTick();
        assertThat(touches(enrollment)).hasSize(1);

        SystemActor.call(() -> campaigns.pause(campaign));
        assertThat(held(enrollment)).as("held, not sent, not lost").containsExactly("campaign-paused");
        clock.set(T0.plus(Duration.ofDays(5)));
        runTick();
        assertThat(touches(enrollment)).as("no new touch while paused").hasSize(1);

        // Sunday 2025-06-08 02:00 in New York: outside Mon-Fri 9-17, so the held touch waits for Monday 9:00
        clock.set(Instant.parse("2025-06-08T06:00:00Z"));
        SystemActor.call(() -> campaigns.resume(campaign));
        assertThat(held(enrollment)).containsExactly((String) null);
        Timestamp due = jdbc.sql("select due_at from outreach_message m join enrollment e on e.id = m.enrollment_id where e.id = :id")
                .param("id", enrollment).query(Timestamp.class).single();
        assertThat(due.toInstant()).isEqualTo(Instant.parse("2025-06-09T13:00:00Z"));
        assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'campaign' and entity_id = :id and action in ('campaign.pause', 'campaign.resume')")
                .param("id", String.valueOf(campaign)).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void eachCampaignSendsOnlyFromItsOwnSendersThroughTheDispatcher() {
        String run = Long.toString(System.nanoTime(), 36);
        long domainA = domain("a-" + run + ".example");
        long a1 = mailbox("ann@a-" + run + ".example", domainA);
        long a2 = mailbox("amy@a-" + run + ".example", domainA);
        long domainB = domain("b-" + run + ".example");
        long b1 = mailbox("bob@b-" + run + ".example", domainB);
        long b2 = mailbox("ben@b-" + run + ".example", domainB);
        long domainC = domain("c-" + run + ".example");
        long c1 = mailbox("cat@c-" + run + ".example", domainC);
        long seq = SystemActor.call(sequences::defaultSequence).id();
        long byDomain = activeCampaign("Domain A only", List.of(touch(1, "INITIAL", seq, 0, false)),
                new CampaignSenders(Set.of(domainA), Set.of()));
        long byMailbox = activeCampaign("Mailbox b2 only", List.of(touch(1, "INITIAL", seq, 0, false)),
                new CampaignSenders(Set.of(), Set.of(b2)));
        List<Long> domainLeads = Stream.of("d1", "d2", "d3", "d4", "d5", "d6").map(n -> enroll(lead(n), byDomain)).toList();
        List<Long> mailboxLeads = Stream.of("m1", "m2", "m3", "m4", "m5", "m6").map(n -> enroll(lead(n), byMailbox)).toList();

        // the dry run spreads the touches as the dispatcher will: each campaign over its own senders
        Map<String, Integer> planned = new java.util.HashMap<>();
        SystemActor.call(() -> preview.preview(1000)).mailboxes().forEach(load -> planned.put(load.address(), load.planned()));
        assertThat(planned.get("ann@a-" + run + ".example") + planned.get("amy@a-" + run + ".example")).isEqualTo(6);
        assertThat(planned).containsEntry("ben@b-" + run + ".example", 6).containsEntry("bob@b-" + run + ".example", 0)
                .containsEntry("cat@c-" + run + ".example", 0);

        runTick();
        SystemActor.run(dispatcher::dispatchBatch);

        assertThat(sends(domainLeads)).as("campaign limited to domain A").hasSize(6)
                .allSatisfy(send -> assertThat(send.status()).as(send.reason()).isIn("SENT", "DELIVERED"))
                .extracting(Send::mailboxId).isSubsetOf(a1, a2);
        assertThat(sends(mailboxLeads)).as("campaign limited to mailbox b2").hasSize(6)
                .allSatisfy(send -> assertThat(send.status()).as(send.reason()).isIn("SENT", "DELIVERED"))
                .extracting(Send::mailboxId).containsOnly(b2);
        assertThat(jdbc.sql("select count(*) from outreach_message where mailbox_id in (:others)")
                .param("others", List.of(b1, c1)).query(Long.class).single()).as("no campaign may use b1 or c1").isZero();
    }

    @Test
    void theHourlyCheckAsScheduledCompletesAFinishedCampaignUnderItsLock() {
        long seq = SystemActor.call(sequences::defaultSequence).id();
        List<CampaignTouch> plan = List.of(touch(1, "INITIAL", seq, 0, false));
        long finished = activeCampaign("Finished", plan); // one re-contact cycle at most
        long recontactDue = activeCampaign("Re-contact due", plan);
        long stillRunning = activeCampaign("Still running", plan);
        long noLeads = activeCampaign("No leads", plan);
        setEnrollment(enroll(lead("replied"), finished), "REPLIED", 0);
        setEnrollment(enroll(lead("last-cycle"), finished), "CONTACTED", 1);
        setEnrollment(enroll(lead("first-cycle"), recontactDue), "CONTACTED", 0);
        setEnrollment(enroll(lead("done"), stillRunning), "CONTACTED", 1);
        enroll(lead("waiting"), stillRunning);

        // as the scheduler calls it: no user signed in, through the method's ShedLock
        completion.scheduled();

        assertThat(campaignStatus(finished)).isEqualTo("COMPLETED");
        assertThat(campaignStatus(recontactDue)).as("a re-contact cycle may still come").isEqualTo("ACTIVE");
        assertThat(campaignStatus(stillRunning)).isEqualTo("ACTIVE");
        assertThat(campaignStatus(noLeads)).as("nothing enrolled yet: left alone").isEqualTo("ACTIVE");
        assertThat(jdbc.sql("select actor from audit_log where entity_type = 'campaign' and entity_id = :id"
                + " and action = 'campaign.complete'").param("id", String.valueOf(finished)).query(String.class).list())
                .containsExactly(SystemActor.NAME);
        assertThat(jdbc.sql("select count(*) from shedlock where name = 'campaign-completion'").query(Long.class).single())
                .as("it ran under its lock").isEqualTo(1);
    }

    // ---- fixtures ----

    private long activeCampaign(String name, List<CampaignTouch> touches) {
        return activeCampaign(name, touches, CampaignSenders.all());
    }

    private long activeCampaign(String name, List<CampaignTouch> touches, CampaignSenders senders) {
        return activeCampaign(name, touches, senders, schedule());
    }

    private long activeCampaign(String name, List<CampaignTouch> touches, CampaignSenders senders, CampaignSchedule schedule) {
        CampaignDetails created = SystemActor.call(() -> campaigns.create(new CampaignDraft(name + " " + UUID.randomUUID(),
                null, touches, schedule, senders, CampaignLimits.none(), new RecontactPolicy(1, 90))));
        jdbc.sql("update campaign set status = 'ACTIVE' where id = :id").param("id", created.id()).update();
        return created.id();
    }

    private static CampaignSchedule schedule() {
        return new CampaignSchedule(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), 9, 17, "America/New_York");
    }

    private static CampaignTouch touch(int order, String type, long sequence, int delay, boolean gate) {
        return new CampaignTouch(order, type, sequence, Map.of(ChannelType.EMAIL, "email-" + (order == 1 ? "initial" : "follow-up")),
                delay, gate);
    }

    private long lead(String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@campaign.example";
        jdbc.sql("""
                insert into lead (first_name, email, email_normalized, status, created_at, updated_at)
                values (:name, :email, :email, 'NEW', :now, :now)
                """).param("name", name).param("email", email).param("now", Timestamp.from(T0)).update();
        return jdbc.sql("select id from lead where email = :email").param("email", email).query(Long.class).single();
    }

    private long enroll(long lead, long campaign) {
        jdbc.sql("""
                insert into enrollment (lead_id, campaign_id, outreach_sequence_step, status, next_touch_due_at, created_at, updated_at)
                values (:lead, :campaign, 0, 'COLD', :now, :now, :now)
                """).param("lead", lead).param("campaign", campaign).param("now", Timestamp.from(clock.instant())).update();
        return jdbc.sql("select id from enrollment where lead_id = :lead").param("lead", lead).query(Long.class).single();
    }

    private void setEnrollment(long enrollment, String status, int cycle) {
        jdbc.sql("update enrollment set status = :status, re_contact_cycle = :cycle, next_touch_due_at = null where id = :id")
                .param("status", status).param("cycle", cycle).param("id", enrollment).update();
    }

    private String campaignStatus(long campaign) {
        return jdbc.sql("select status from campaign where id = :id").param("id", campaign).query(String.class).single();
    }

    record Send(String status, String reason, Long mailboxId) {
    }

    private List<Send> sends(List<Long> enrollments) {
        return jdbc.sql("select status, status_reason, mailbox_id from outreach_message where enrollment_id in (:ids)")
                .param("ids", enrollments)
                .query((rs, n) -> new Send(rs.getString(1), rs.getString(2), rs.getObject(3, Long.class))).list();
    }

    private long domain(String domain) {
        Timestamp now = Timestamp.from(T0);
        jdbc.sql("insert into sending_domain (domain, status, daily_cap, created_at, updated_at) values (?, 'ACTIVE', 100000, ?, ?)")
                .params(domain, now, now).update();
        return jdbc.sql("select id from sending_domain where domain = ?").param(domain).query(Long.class).single();
    }

    private long mailbox(String address, long domainId) {
        Timestamp now = Timestamp.from(T0);
        jdbc.sql("""
                insert into mailbox (address, display_name, domain_id, smtp_host, smtp_port, smtp_security, daily_cap,
                                     active, created_at, updated_at)
                values (?, 'Sender', ?, 'sandbox', 0, 'NONE', 100000, true, ?, ?)
                """).params(address, domainId, now, now).update();
        return jdbc.sql("select id from mailbox where address = ?").param(address).query(Long.class).single();
    }

    private void runTick() {
        SystemActor.call(tick::runNow);
    }

    /** The sandbox send, as far as the tick cares: the previous touch left the outbox. */
    private void sent() {
        jdbc.sql("update outreach_message set status = 'SENT' where status = 'PENDING'").update();
    }

    private List<String> touches(long enrollment) {
        return jdbc.sql("select message_type from outreach_message where enrollment_id = :id order by touch")
                .param("id", enrollment).query(String.class).list();
    }

    private List<String> held(long enrollment) {
        return jdbc.sql("select waiting_for from outreach_message where enrollment_id = :id").param("id", enrollment)
                .query(String.class).list();
    }

    private String status(long enrollment) {
        return jdbc.sql("select status from enrollment where id = :id").param("id", enrollment).query(String.class).single();
    }
}
