package dev.outreach.content.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.router.RouteParameters;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.ui.CampaignView;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadFilter;
import dev.outreach.lead.LeadRow;
import dev.outreach.lead.LeadService;
import dev.outreach.lead.LeadSort;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.support.KaribuTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The plan editor's preview of a touch, drawn by this module for the campaign's Touches tab. */
class TouchPreviewTests extends KaribuTest {

    static final String XSS_NAME = "<img src=x onerror=alert(1)>";

    @Autowired
    CampaignService campaigns;
    @Autowired
    LeadService leads;

    @Test
    void aTouchIsRenderedForTheChosenLeadOnEachChannelAndTheLeadsNameStaysText() {
        String name = "Preview " + System.nanoTime();
        CampaignDetails campaign = SystemActor.call(() -> campaigns.create(campaigns.defaultDraft(name, null, null)));
        LeadDraft draft = new LeadDraft();
        draft.setFirstName(XSS_NAME);
        draft.setLastName("Mallory");
        draft.setCompany("Preview Roofing " + System.nanoTime());
        draft.setEmail("mallory-" + System.nanoTime() + "@preview-roofing.com");
        long leadId = SystemActor.call(() -> leads.create(draft));
        LeadRow lead = SystemActor.call(() -> leads.page(LeadFilter.all().withText(draft.getCompany()), LeadSort.CREATED, true, 0, 1))
                .getFirst();
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(CampaignView.class, new RouteParameters("id", String.valueOf(campaign.id())));
        _get(com.vaadin.flow.component.tabs.Tabs.class).setSelectedTab(_get(Tab.class, spec -> spec.withId("tab-touches")));
        TouchPreview preview = com.github.mvysny.kaributesting.v10.LocatorJ._find(TouchPreview.class).getFirst();

        _setValue(preview.lead, lead);

        String html = preview.rendered.getElement().getOuterHTML();
        String text = preview.rendered.getElement().getTextRecursively();
        assertThat(lead.id()).isEqualTo(leadId);
        assertThat(text).contains("Email · email-initial").contains("Subject: ");
        assertThat(text).contains("Preview Roofing");
        assertThat(html).doesNotContain("<img").contains("&lt;img");
    }
}
