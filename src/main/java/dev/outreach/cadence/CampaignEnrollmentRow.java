package dev.outreach.cadence;

import java.time.Instant;

/**
 * One lead in a campaign, as the campaign's Leads tab lists it: its touch (0 before the first),
 * status (an {@link EnrollmentStatus} name, or PAUSED while paused), when its next touch is due,
 * and its latest event ("sent", "opened", "clicked", "replied" or the stop reason) with its time.
 */
public record CampaignEnrollmentRow(long enrollmentId, long leadId, String leadName, String email, String company,
        int touch, String status, Instant nextDueAt, String lastEvent, Instant lastEventAt) {
}
