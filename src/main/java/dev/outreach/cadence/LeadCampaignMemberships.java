package dev.outreach.cadence;

import dev.outreach.lead.LeadCampaigns;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads a lead's enrollments for the lead module ({@code uq_enrollment_lead_campaign} leads with lead_id). */
@Component
class LeadCampaignMemberships implements LeadCampaigns {

    private final JdbcClient jdbc;

    LeadCampaignMemberships(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<CampaignMembership> of(long leadId) {
        return jdbc.sql("""
                select e.campaign_id, coalesce(c.name, 'No campaign (default sequence)'), e.status, e.outreach_sequence_step, e.re_contact_cycle, e.created_at
                from enrollment e left join campaign c on c.id = e.campaign_id
                where e.lead_id = :leadId
                order by e.created_at desc, e.id desc
                """).param("leadId", leadId)
                .query((rs, n) -> new CampaignMembership(rs.getObject(1, Long.class), rs.getString(2), words(rs.getString(3)),
                        rs.getInt(4), rs.getInt(5), rs.getTimestamp(6).toInstant()))
                .list();
    }

    private static String words(String status) {
        String lower = status.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
