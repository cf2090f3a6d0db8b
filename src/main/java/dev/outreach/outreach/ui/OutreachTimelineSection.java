package dev.outreach.outreach.ui;

import dev.outreach.lead.LeadDetailSection;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadService;
import dev.outreach.outreach.OutreachService;

/** Adds the outreach timeline and the "Send outreach" action to the lead detail view. */
@org.springframework.stereotype.Component
class OutreachTimelineSection implements LeadDetailSection {

    private final OutreachService outreach;
    private final LeadService leads;

    OutreachTimelineSection(OutreachService outreach, LeadService leads) {
        this.outreach = outreach;
        this.leads = leads;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public com.vaadin.flow.component.Component create(LeadDetails lead, Runnable leadChanged) {
        return new OutreachTimeline(outreach, leads, lead, leadChanged);
    }
}
