package dev.outreach.campaign;

import dev.outreach.shared.AuditLog;
import dev.outreach.shared.InvalidInputException;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A campaign's enrollment policy (columns {@code allow_active_elsewhere}, {@code company_stop}).
 * Kept apart from {@link CampaignService} so that the campaign model and the enrollment rules can
 * change without touching each other; CampaignService may delegate here.
 */
@Service
public class CampaignEnrollmentPolicies {

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final Clock clock;

    CampaignEnrollmentPolicies(JdbcClient jdbc, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * The campaign's policy; an unknown campaign is an {@link InvalidInputException} on
     * {@code campaignId}. Not role-guarded: the enrollment rules read it inside reply handling and
     * background jobs, which run without a user, and it reveals nothing but two settings.
     */
    @Transactional(readOnly = true)
    public EnrollmentPolicy enrollmentPolicy(long campaignId) {
        return jdbc.sql("select allow_active_elsewhere, company_stop from campaign where id = :id").param("id", campaignId)
                .query((rs, n) -> new EnrollmentPolicy(rs.getBoolean(1), EnrollmentPolicy.CompanyStop.valueOf(rs.getString(2))))
                .optional().orElseThrow(() -> new InvalidInputException("campaignId", "No campaign with id " + campaignId));
    }

    /** Changes the campaign's policy, audited with the value before and after. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public void updateEnrollmentPolicy(long campaignId, EnrollmentPolicy policy) {
        if (policy == null) {
            throw new InvalidInputException("enrollmentPolicy", "Give the enrollment policy");
        }
        EnrollmentPolicy before = enrollmentPolicy(campaignId);
        jdbc.sql("""
                update campaign set allow_active_elsewhere = :allow, company_stop = :stop, updated_at = :now where id = :id
                """).param("allow", policy.allowActiveElsewhere()).param("stop", policy.companyStop().name())
                .param("now", Timestamp.from(clock.instant())).param("id", campaignId).update();
        if (!before.equals(policy)) {
            auditLog.record("campaign.enrollment-policy", "campaign", campaignId, describe(before), describe(policy));
        }
    }

    private static String describe(EnrollmentPolicy policy) {
        return (policy.allowActiveElsewhere() ? "leads active elsewhere allowed" : "leads active elsewhere skipped")
                + ", company stop " + policy.companyStop();
    }
}
