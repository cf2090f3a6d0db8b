package dev.outreach.lead;

import com.vaadin.flow.component.Component;

/**
 * A section other modules add to the lead detail view (the outreach timeline, the "Send outreach"
 * action) without the lead module depending on them: Spring beans of this type are shown in
 * {@link #order()} below the lead's fields.
 */
public interface LeadDetailSection {

    int order();

    /**
     * A fresh component for the lead; called each time the detail view renders. A section that
     * changes the lead (outreach marks it contacted) calls {@code leadChanged} to re-render the view.
     */
    Component create(LeadDetails lead, Runnable leadChanged);
}
