package dev.outreach.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.cadence.EnrollmentService;
import dev.outreach.campaign.CampaignService;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** Channel metrics for one campaign count the messages of that campaign's enrollments, and only those. */
@SpringBootTest
@ActiveProfiles("test")
class ChannelMetricsCampaignTests {

    @Autowired
    OutreachService outreach;
    @Autowired
    CampaignService campaigns;
    @Autowired
    EnrollmentService enrollments;
    @Autowired
    LeadService leads;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aCampaignsMetricsCountTheMessagesOfItsEnrollments() {
        String token = UUID.randomUUID().toString().substring(0, 8);
        long campaign = SystemActor.call(() -> campaigns.create("Metrics " + token, "metrics", "America/Chicago")).id();
        long other = SystemActor.call(() -> campaigns.create("Other " + token, "metrics", "America/Chicago")).id();
        long inCampaign = enrolledLead("in-" + token, campaign);
        long elsewhere = enrolledLead("out-" + token, other);
        sentEmail(inCampaign, campaign);
        sentEmail(inCampaign, campaign);
        sentEmail(elsewhere, other);

        ChannelMetrics metrics = SystemActor.call(() -> outreach.channelMetrics(campaign, 7));

        assertThat(metrics.channels().get(ChannelType.EMAIL).delivered()).isEqualTo(2);
        assertThat(SystemActor.call(() -> outreach.channelMetrics(other, 7)).channels().get(ChannelType.EMAIL).delivered())
                .isEqualTo(1);
    }

    private long enrolledLead(String name, long campaign) {
        LeadDraft draft = new LeadDraft();
        draft.setFirstName(name);
        draft.setEmail(name + "@metrics.example");
        long id = SystemActor.call(() -> leads.create(draft));
        SystemActor.run(() -> enrollments.enroll(List.of(id), campaign));
        return id;
    }

    private void sentEmail(long leadId, long campaign) {
        long enrollment = jdbc.sql("select id from enrollment where lead_id = :lead and campaign_id = :campaign")
                .param("lead", leadId).param("campaign", campaign).query(Long.class).single();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into outreach_message (id, lead_id, enrollment_id, touch, message_type, status, due_at, created_at,
                    updated_at, channel_used, first_channel)
                values (:id, :lead, :enrollment, 1, 'cold_outreach', 'SENT', :now, :now, :now, 'EMAIL', 'EMAIL')
                """).param("id", UUID.randomUUID()).param("lead", leadId).param("enrollment", enrollment)
                .param("now", now).update();
    }
}
