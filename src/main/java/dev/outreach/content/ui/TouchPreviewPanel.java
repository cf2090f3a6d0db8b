package dev.outreach.content.ui;

import com.vaadin.flow.component.Component;
import dev.outreach.campaign.CampaignTouch;
import dev.outreach.campaign.CampaignTouchPreview;
import dev.outreach.content.TemplateService;
import dev.outreach.lead.LeadService;
import java.util.function.Supplier;

/** Gives the campaign's plan editor a preview of each touch, rendered by the templates' own preview. */
@org.springframework.stereotype.Component
class TouchPreviewPanel implements CampaignTouchPreview {

    private final TemplateService templates;
    private final LeadService leads;

    TouchPreviewPanel(TemplateService templates, LeadService leads) {
        this.templates = templates;
        this.leads = leads;
    }

    @Override
    public Component create(Supplier<CampaignTouch> touch) {
        return new TouchPreview(templates, leads, touch);
    }
}
