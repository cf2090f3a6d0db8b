package dev.outreach.lead;

import java.time.Instant;
import java.util.List;

/** Everything the lead detail view shows, including why the lead got its grade. */
public record LeadDetails(
        Long id,
        LeadDraft fields,
        String linkedinId,
        Grade grade,
        List<String> gradeReasons,
        String source,
        Instant lastOutreachAt,
        Instant createdAt,
        Instant updatedAt) {

    public String displayName() {
        return LeadValues.displayName(fields.getFirstName(), fields.getLastName(), fields.getCompany(), id);
    }
}
