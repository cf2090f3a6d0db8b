package dev.outreach.cadence;

import java.util.List;

/** One page of a campaign's enrollments and the cursor of the next page (null on the last one). */
public record EnrollmentPage(List<CampaignEnrollmentRow> rows, String nextCursor) {
}
