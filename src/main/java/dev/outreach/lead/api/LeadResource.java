package dev.outreach.lead.api;

import dev.outreach.lead.Grade;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadStatus;
import java.time.Instant;
import java.util.List;

/** A lead as the API shows it: the fields a client may write, then what the engine computes. */
record LeadResource(long id, String firstName, String lastName, String email, String linkedin, String website,
        String contactFormUrl, String phone, String timeZone, String company, String title, String industry,
        String city, String state, String country, Integer employeeCount, Long annualRevenue, LeadStatus status,
        String notes, String source, String linkedinId, Grade grade, List<String> gradeReasons,
        Instant lastOutreachAt, Instant createdAt, Instant updatedAt) {

    static LeadResource of(LeadDetails lead) {
        LeadDraft f = lead.fields();
        return new LeadResource(lead.id(), f.getFirstName(), f.getLastName(), f.getEmail(), f.getLinkedin(),
                f.getWebsite(), f.getContactFormUrl(), f.getPhone(), f.getTimeZone(), f.getCompany(), f.getTitle(),
                f.getIndustry(), f.getCity(), f.getState(), f.getCountry(), f.getEmployeeCount(), f.getAnnualRevenue(),
                f.getStatus(), f.getNotes(), lead.source(), lead.linkedinId(), lead.grade(), lead.gradeReasons(),
                lead.lastOutreachAt(), lead.createdAt(), lead.updatedAt());
    }
}
