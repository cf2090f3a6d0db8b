package dev.outreach.lead;

import dev.outreach.channel.ContactFormFound;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Records on the lead where the contact-form channel found its form (column {@code contact_form_url}, 500 characters). */
@Component
class LeadContactForms {

    private static final int MAX_URL = 500;

    private final LeadQueries queries;

    LeadContactForms(LeadQueries queries) {
        this.queries = queries;
    }

    @EventListener
    @Transactional
    void onContactFormFound(ContactFormFound event) {
        if (event.contactFormUrl().length() <= MAX_URL) {
            queries.recordContactFormUrl(event.leadId(), event.contactFormUrl(), event.foundAt());
        }
    }
}
