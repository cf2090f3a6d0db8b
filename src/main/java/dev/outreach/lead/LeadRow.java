package dev.outreach.lead;

import java.time.Instant;

/** One line of the leads grid or the CSV export. */
public record LeadRow(
        long id,
        String firstName,
        String lastName,
        String email,
        String company,
        String title,
        String industry,
        String city,
        String state,
        String timeZone,
        Grade grade,
        LeadStatus status,
        Instant createdAt) {

    public String name() {
        return LeadValues.displayName(firstName, lastName, null, id);
    }
}
