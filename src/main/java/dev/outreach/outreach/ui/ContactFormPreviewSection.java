package dev.outreach.outreach.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.QueryParameters;
import dev.outreach.lead.LeadDetailSection;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadDraft;
import java.util.Map;

/**
 * "Preview contact form" on the lead page: opens the contact-form preview on the page a touch
 * would use (the lead's contact form URL, else its website), filled with this lead's values.
 */
@org.springframework.stereotype.Component
class ContactFormPreviewSection implements LeadDetailSection {

    /** The preview's route, owned by the channel module's screens. */
    static final String ROUTE = "contact-forms/preview";

    @Override
    public int order() {
        return 5;
    }

    @Override
    public Component create(LeadDetails lead, Runnable leadChanged) {
        LeadDraft fields = lead.fields();
        String page = fields.getContactFormUrl() != null ? fields.getContactFormUrl() : fields.getWebsite();
        Div section = new Div();
        section.addClassName("contact-form-preview-section");
        if (page == null || page.isBlank()) {
            return section;
        }
        Button preview = new Button("Preview contact form", new Icon(VaadinIcon.SEARCH), click -> UI.getCurrent()
                .navigate(ROUTE, QueryParameters.simple(Map.of("url", page.strip(), "lead", Long.toString(lead.id())))));
        preview.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        section.add(preview);
        return section;
    }
}
