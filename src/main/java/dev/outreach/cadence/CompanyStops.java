package dev.outreach.cadence;

import dev.outreach.campaign.CampaignEnrollmentPolicies;
import dev.outreach.campaign.EnrollmentPolicy.CompanyStop;
import dev.outreach.shared.AuditLog;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The company rule: when one lead of a company replies (or is marked interested), the company's
 * other running enrollments in the same campaign stop with the reason {@value #REASON}, if the
 * campaign's policy says so. Same company means the same email domain or the same company name
 * (case and surrounding spaces ignored), as the policy chooses. One scan of the campaign's
 * enrollments (ix_enrollment_campaign_lead) joined to their leads by primary key, per reply.
 */
@Component
class CompanyStops {

    static final String REASON = "company replied";

    private final JdbcClient jdbc;
    private final CampaignEnrollmentPolicies policies;
    private final AuditLog auditLog;

    CompanyStops(JdbcClient jdbc, CampaignEnrollmentPolicies policies, AuditLog auditLog) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.auditLog = auditLog;
    }

    /** For each enrollment whose lead replied: stops its company's others in its campaign; returns how many stopped. */
    @Transactional
    int companyReplied(Collection<Long> enrollmentIds, Instant at) {
        int stopped = 0;
        for (Long enrollmentId : enrollmentIds) {
            stopped += stopCompanyOf(enrollmentId, at);
        }
        return stopped;
    }

    private int stopCompanyOf(long enrollmentId, Instant at) {
        // the lead module owns the columns; read here as the tick reads them
        Optional<Object[]> replied = jdbc.sql("""
                select e.campaign_id, e.lead_id, l.email_normalized, l.company from enrollment e join lead l on l.id = e.lead_id
                where e.id = :id and e.campaign_id is not null
                """).param("id", enrollmentId)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)}).optional();
        if (replied.isEmpty()) {
            return 0;
        }
        long campaignId = (Long) replied.get()[0];
        CompanyStop rule = policies.enrollmentPolicy(campaignId).companyStop();
        String key = switch (rule) {
            case OFF -> null;
            case EMAIL_DOMAIN -> domain((String) replied.get()[2]);
            case COMPANY_NAME -> companyName((String) replied.get()[3]);
        };
        if (key == null) {
            return 0;
        }
        String same = rule == CompanyStop.EMAIL_DOMAIN
                ? "substring(l.email_normalized from position('@' in l.email_normalized) + 1) = :key"
                : "lower(trim(l.company)) = :key";
        int stopped = jdbc.sql("""
                update enrollment set status = 'STOPPED', stopped_reason = :reason, next_touch_due_at = null, updated_at = :at
                where campaign_id = :campaign and id <> :id and status in ('COLD', 'ACTIVE', 'CONTACTED')
                  and exists (select 1 from lead l where l.id = enrollment.lead_id and\s""" + same + ")")
                .param("reason", REASON).param("at", Timestamp.from(at)).param("campaign", campaignId)
                .param("id", enrollmentId).param("key", key).update();
        if (stopped > 0) {
            auditLog.record("enrollment.company-stop", "campaign", campaignId, null,
                    stopped + " enrollments of " + key + " stopped: lead #" + replied.get()[1] + " replied");
        }
        return stopped;
    }

    private static String domain(String email) {
        return email == null || email.indexOf('@') < 0 ? null : email.substring(email.indexOf('@') + 1);
    }

    private static String companyName(String company) {
        return company == null || company.isBlank() ? null : company.strip().toLowerCase(java.util.Locale.ROOT);
    }

}
