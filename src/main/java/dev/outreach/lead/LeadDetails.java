package dev.outreach.lead;

import java.time.Instant;
import java.util.List;

/**
 * Everything the lead detail view shows, including why the lead got its grade.
 *
 * @param outcome what came of the lead (set from the inbox); null until someone says
 */
public record LeadDetails(
        Long id,
        LeadDraft fields,
        String linkedinId,
        Grade grade,
        List<String> gradeReasons,
        String source,
        Instant lastOutreachAt,
        Instant createdAt,
        Instant updatedAt,
        LeadOutcome outcome) {

    public String displayName() {
        return LeadValues.displayName(fields.getFirstName(), fields.getLastName(), fields.getCompany(), id);
    }
}
