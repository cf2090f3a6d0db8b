package dev.outreach.lead;

import java.util.List;

/**
 * Enrolls imported leads in the campaign's sequence on the import's behalf. Cadence owns
 * enrollments and implements this, so that the lead module does not depend on it (as with
 * {@link LeadBulkAction}). A direct call rather than an event, because the import reports how
 * many it enrolled; it runs once per written batch inside the import's transaction, so a
 * crash or a rolled-back import never leaves imported leads without their enrollment, nor
 * enrollments of leads that were not imported.
 */
public interface ImportEnrollment {

    /**
     * Enrolls those leads that can be and returns how many new enrollments it made. A lead it
     * cannot enroll (no email address, already enrolled in the campaign) is left as it is and
     * never fails the call: a failure would undo the whole import.
     */
    int enroll(List<Long> leadIds, long campaignId);
}
