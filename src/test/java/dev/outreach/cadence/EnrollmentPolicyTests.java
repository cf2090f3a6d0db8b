package dev.outreach.cadence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.campaign.CampaignEnrollmentPolicies;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.EnrollmentPolicy;
import dev.outreach.campaign.EnrollmentPolicy.CompanyStop;
import dev.outreach.lead.ImportEnrollment;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.outreach.EngagementRecorded;
import dev.outreach.outreach.EngagementRecorded.Entry;
import dev.outreach.outreach.EngagementRecorded.Kind;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.InvalidInputException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/** Adding leads to a campaign by its enrollment policy, and the company rule on a reply. */
@SpringBootTest
@ActiveProfiles("test")
class EnrollmentPolicyTests {

    @Autowired
    EnrollmentService enrollments;
    @Autowired
    CampaignService campaigns;
    @Autowired
    CampaignEnrollmentPolicies policies;
    @Autowired
    CampaignEnrollments campaignEnrollments;
    @Autowired
    ImportEnrollment importEnrollment;
    @Autowired
    LeadService leads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;

    private final String token = Long.toString(System.nanoTime(), 36);

    @Test
    void aLeadRunningInAnotherCampaignIsSkippedUnlessTheCampaignAllowsIt() {
        long first = campaign("first");
        long second = campaign("second");
        long busy = lead("busy", "busy.example.com", "Busy Co");
        long free = lead("free", "free.example.com", "Free Co");
        SystemActor.run(() -> enrollments.enroll(first, List.of(busy)));

        EnrollResult skipped = SystemActor.call(() -> enrollments.enroll(second, List.of(busy, free)));

        assertThat(skipped).isEqualTo(new EnrollResult(1, 0, 1, 0));
        assertThat(campaignsOf(busy)).containsExactly(first);

        SystemActor.run(() -> policies.updateEnrollmentPolicy(second, new EnrollmentPolicy(true, CompanyStop.OFF)));
        EnrollResult allowed = SystemActor.call(() -> enrollments.enroll(second, List.of(busy, free)));

        assertThat(allowed).isEqualTo(new EnrollResult(1, 1, 0, 0));
        assertThat(campaignsOf(busy)).containsExactlyInAnyOrder(first, second);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'campaign.enrollment-policy' and entity_id = :c")
                .param("c", String.valueOf(second)).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aFinishedEnrollmentElsewhereDoesNotBlockAndImportsFollowTheSameRule() {
        long first = campaign("done");
        long second = campaign("next");
        long finished = lead("finished", "fin.example.com", "Fin Co");
        long running = lead("running", "run.example.com", "Run Co");
        SystemActor.run(() -> enrollments.enroll(first, List.of(finished, running)));
        jdbc.sql("update enrollment set status = 'CONTACTED' where lead_id = :id").param("id", finished).update();

        int added = SystemActor.call(() -> importEnrollment.enroll(List.of(finished, running), second));

        assertThat(added).isEqualTo(1);
        assertThat(campaignsOf(finished)).containsExactlyInAnyOrder(first, second);
        assertThat(campaignsOf(running)).containsExactly(first);
    }

    @Test
    void unsubscribedBouncedSuppressedAndUnknownLeadsAreCountedNotEnrolled() {
        long campaign = campaign("reach");
        long ok = lead("ok", "ok.example.com", "Ok Co");
        long unsubscribed = lead("unsub", "unsub.example.com", "Unsub Co");
        long bounced = lead("bounced", "bounced.example.com", "Bounced Co");
        long suppressed = lead("suppressed", "suppressed-" + token + ".example.com", "Suppressed Co");
        jdbc.sql("update lead set status = 'UNSUBSCRIBED' where id = :id").param("id", unsubscribed).update();
        jdbc.sql("update lead set status = 'BOUNCED' where id = :id").param("id", bounced).update();
        jdbc.sql("insert into suppression (kind, entry, reason, created_at) values ('DOMAIN', :d, 'test', current_timestamp)")
                .param("d", "suppressed-" + token + ".example.com").update();

        EnrollResult result = SystemActor.call(() -> enrollments.enroll(campaign,
                List.of(ok, unsubscribed, bounced, suppressed, 999_999_999L)));

        assertThat(result).isEqualTo(new EnrollResult(1, 0, 0, 4));
        assertThat(jdbc.sql("select lead_id from enrollment where campaign_id = :c").param("c", campaign)
                .query(Long.class).list()).containsExactly(ok);
        assertThatThrownBy(() -> SystemActor.run(() -> enrollments.enroll(987_654_321L, List.of(ok))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("No campaign");
    }

    @Test
    void aReplyStopsTheOtherLeadsOfTheSameEmailDomainInThatCampaignOnly() {
        long campaign = campaign("company");
        long other = campaign("other");
        SystemActor.run(() -> policies.updateEnrollmentPolicy(campaign, new EnrollmentPolicy(true, CompanyStop.EMAIL_DOMAIN)));
        SystemActor.run(() -> policies.updateEnrollmentPolicy(other, new EnrollmentPolicy(true, CompanyStop.EMAIL_DOMAIN)));
        String domain = "acme-" + token + ".example.com";
        long replier = lead("ann", domain, "Acme");
        long colleague = lead("bob", domain, "Acme Inc");
        long contacted = lead("cy", domain, "Acme");
        long stranger = lead("dee", "elsewhere-" + token + ".example.com", "Acme");
        SystemActor.run(() -> enrollments.enroll(campaign, List.of(replier, colleague, contacted, stranger)));
        SystemActor.run(() -> enrollments.enroll(other, List.of(colleague)));
        jdbc.sql("update enrollment set status = 'CONTACTED' where lead_id = :id").param("id", contacted).update();

        reply(enrollmentOf(replier, campaign));

        assertThat(status(replier, campaign)).isEqualTo("REPLIED");
        assertThat(status(colleague, campaign)).isEqualTo("STOPPED");
        assertThat(status(contacted, campaign)).isEqualTo("STOPPED");
        assertThat(status(stranger, campaign)).as("same company name, other domain").isEqualTo("COLD");
        assertThat(status(colleague, other)).as("the other campaign goes on").isEqualTo("COLD");
        assertThat(jdbc.sql("select stopped_reason from enrollment where lead_id = :l and campaign_id = :c")
                .param("l", colleague).param("c", campaign).query(String.class).single()).isEqualTo("company replied");
        assertThat(SystemActor.call(() -> campaignEnrollments.page(campaign, new EnrollmentQuery("STOPPED"), null, 10)).rows())
                .extracting(CampaignEnrollmentRow::leadId, CampaignEnrollmentRow::lastEvent)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(colleague, "stopped: company replied"),
                        org.assertj.core.groups.Tuple.tuple(contacted, "stopped: company replied"));
    }

    @Test
    void withTheRuleOffOrByCompanyNameOnlyThoseLeadsStop() {
        long off = campaign("off");
        long byName = campaign("byname");
        SystemActor.run(() -> policies.updateEnrollmentPolicy(byName, new EnrollmentPolicy(true, CompanyStop.COMPANY_NAME)));
        long ann = lead("ann", "a-" + token + ".example.com", "Globex " + token);
        long bob = lead("bob", "b-" + token + ".example.com", " globex " + token.toUpperCase() + " ");
        long cy = lead("cy", "c-" + token + ".example.com", "Initech " + token);
        SystemActor.run(() -> policies.updateEnrollmentPolicy(off, new EnrollmentPolicy(true, CompanyStop.OFF)));
        SystemActor.run(() -> enrollments.enroll(off, List.of(ann, bob)));
        SystemActor.run(() -> enrollments.enroll(byName, List.of(ann, bob, cy)));

        reply(enrollmentOf(ann, off));
        reply(enrollmentOf(ann, byName));

        assertThat(status(bob, off)).isEqualTo("COLD");
        assertThat(status(bob, byName)).isEqualTo("STOPPED");
        assertThat(status(cy, byName)).isEqualTo("COLD");
    }

    @Test
    void pausedLeadsAreNotDueUntilResumedAndRemovedLeadsLeaveTheCampaign() {
        long campaign = campaign("pause");
        long ann = lead("ann", "p-" + token + ".example.com", "P Co");
        long bob = lead("bob", "q-" + token + ".example.com", "Q Co");
        SystemActor.run(() -> enrollments.enroll(campaign, List.of(ann, bob)));

        assertThat(SystemActor.call(() -> enrollments.pauseLeads(campaign, List.of(ann)))).isEqualTo(1);
        assertThat(jdbc.sql("select next_touch_due_at from enrollment where lead_id = :l").param("l", ann)
                .query(Timestamp.class).optional()).isEmpty();
        assertThat(SystemActor.call(() -> campaignEnrollments.page(campaign, new EnrollmentQuery("paused"), null, 10)).rows())
                .extracting(CampaignEnrollmentRow::leadId, CampaignEnrollmentRow::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ann, "PAUSED"));

        assertThat(SystemActor.call(() -> enrollments.resumeLeads(campaign, List.of(ann)))).isEqualTo(1);
        assertThat(jdbc.sql("select next_touch_due_at from enrollment where lead_id = :l").param("l", ann)
                .query(Timestamp.class).single()).isNotNull();
        // a touch the tick already wrote for bob, waiting in the outbox, and one of his already sent
        long bobsEnrollment = jdbc.sql("select id from enrollment where lead_id = :l").param("l", bob).query(Long.class).single();
        java.util.UUID waiting = outboxMessage(bob, bobsEnrollment, "PENDING");
        java.util.UUID sent = outboxMessage(bob, bobsEnrollment, "SENT");
        assertThat(SystemActor.call(() -> enrollments.remove(campaign, List.of(bob)))).isEqualTo(1);
        assertThat(jdbc.sql("select status || ': ' || status_reason from outreach_message where id = :id").param("id", waiting)
                .query(String.class).single()).isEqualTo("SKIPPED: Not sent: the lead was removed from the campaign");
        assertThat(jdbc.sql("select status from outreach_message where id = :id").param("id", sent)
                .query(String.class).single()).as("history stays").isEqualTo("SENT");

        EnrollmentPage page = SystemActor.call(() -> campaignEnrollments.page(campaign, EnrollmentQuery.all(), null, 1));
        assertThat(page.rows()).extracting(CampaignEnrollmentRow::leadId, CampaignEnrollmentRow::status, CampaignEnrollmentRow::touch)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ann, "COLD", 0));
        assertThat(page.nextCursor()).as("the last page").isNull();
        long cy = lead("cy", "r-" + token + ".example.com", "R Co");
        SystemActor.run(() -> enrollments.enroll(campaign, List.of(cy)));
        EnrollmentPage first = SystemActor.call(() -> campaignEnrollments.page(campaign, EnrollmentQuery.all(), null, 1));
        assertThat(first.rows()).extracting(CampaignEnrollmentRow::leadId).containsExactly(ann);
        assertThat(SystemActor.call(() -> campaignEnrollments.page(campaign, EnrollmentQuery.all(), first.nextCursor(), 1))
                .rows()).extracting(CampaignEnrollmentRow::leadId).containsExactly(cy);
    }

    private java.util.UUID outboxMessage(long leadId, long enrollmentId, String status) {
        java.util.UUID id = java.util.UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into outreach_message (id, lead_id, enrollment_id, touch, message_type, status, due_at, created_at, updated_at)
                values (:id, :lead, :enrollment, 1, 'initial', :status, :now, :now, :now)
                """).param("id", id).param("lead", leadId).param("enrollment", enrollmentId).param("status", status)
                .param("now", now).update();
        return id;
    }

    private void reply(long enrollmentId) {
        tx.executeWithoutResult(status -> events.publishEvent(new EngagementRecorded(List.of(
                new Entry(enrollmentId, Kind.REPLIED, true, false, false, Instant.now())))));
    }

    private long campaign(String name) {
        return SystemActor.call(() -> campaigns.create(name + " " + token, null, "America/Chicago")).id();
    }

    private long lead(String name, String domain, String company) {
        LeadDraft draft = new LeadDraft();
        draft.setFirstName(name);
        draft.setLastName(token);
        draft.setCompany(company);
        draft.setEmail(name + "." + token + "@" + domain);
        return SystemActor.call(() -> leads.create(draft));
    }

    private List<Long> campaignsOf(long leadId) {
        return jdbc.sql("select campaign_id from enrollment where lead_id = :l").param("l", leadId).query(Long.class).list();
    }

    private long enrollmentOf(long leadId, long campaignId) {
        return jdbc.sql("select id from enrollment where lead_id = :l and campaign_id = :c")
                .params(Map.of("l", leadId, "c", campaignId)).query(Long.class).single();
    }

    private String status(long leadId, long campaignId) {
        return jdbc.sql("select status from enrollment where lead_id = :l and campaign_id = :c")
                .params(Map.of("l", leadId, "c", campaignId)).query(String.class).single();
    }
}
