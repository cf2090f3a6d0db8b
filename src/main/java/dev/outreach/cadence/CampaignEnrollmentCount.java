package dev.outreach.cadence;

import dev.outreach.campaign.CampaignEnrollmentCounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Answers the campaign module how many leads a campaign has enrolled (ix_enrollment_campaign_lead). */
@Component
class CampaignEnrollmentCount implements CampaignEnrollmentCounts {

    private final JdbcClient jdbc;

    CampaignEnrollmentCount(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long enrolled(long campaignId) {
        return jdbc.sql("select count(*) from enrollment where campaign_id = :id").param("id", campaignId)
                .query(Long.class).single();
    }
}
