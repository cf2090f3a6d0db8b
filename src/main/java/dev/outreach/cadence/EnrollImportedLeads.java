package dev.outreach.cadence;

import dev.outreach.lead.ImportEnrollment;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Enrolls the leads a CSV import created or updated, when the operator asked for it, through
 * the same {@link EnrollmentService} as the leads grid (so the same role check, audit entry
 * and rules: no email address or already enrolled means not enrolled). Refusals are not
 * errors here: the import goes on and reports how many were enrolled.
 */
@Component
class EnrollImportedLeads implements ImportEnrollment {

    private final EnrollmentService enrollments;

    EnrollImportedLeads(EnrollmentService enrollments) {
        this.enrollments = enrollments;
    }

    @Override
    public int enroll(List<Long> leadIds, long campaignId) {
        return enrollments.enrollWherePossible(leadIds, campaignId).enrolled();
    }
}
