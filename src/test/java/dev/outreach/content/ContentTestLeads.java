package dev.outreach.content;

import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import java.util.UUID;

/** Fresh leads for content tests, so that the shared demo data stays as it is. */
final class ContentTestLeads {

    private ContentTestLeads() {
    }

    static long create(LeadService leads, String firstName, String company) {
        LeadDraft draft = new LeadDraft();
        draft.setFirstName(firstName);
        draft.setLastName("Tester");
        draft.setCompany(company);
        draft.setIndustry("Logistics");
        draft.setCity("Rotterdam");
        draft.setEmail("content-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        return SystemActor.call(() -> leads.create(draft));
    }
}
