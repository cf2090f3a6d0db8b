package dev.outreach.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.router.RouteParameters;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignSummary;
import dev.outreach.security.SystemActor;

/** Campaigns made through the service as a test's starting point, and the campaign page opened on a tab. */
final class CampaignTestSupport {

    private CampaignTestSupport() {
    }

    /** A DRAFT with the engine's usual plan, uniquely named. */
    static CampaignDetails draft(CampaignService campaigns, String prefix) {
        String name = prefix + " " + System.nanoTime();
        return SystemActor.call(() -> campaigns.create(campaigns.defaultDraft(name, "made by a test", null)));
    }

    /** An ACTIVE campaign with the engine's usual plan, uniquely named. */
    static CampaignDetails active(CampaignService campaigns, String prefix) {
        String name = prefix + " " + System.nanoTime();
        CampaignSummary created = SystemActor.call(() -> campaigns.create(name, "made by a test", null));
        return SystemActor.call(() -> campaigns.find(created.id()).orElseThrow());
    }

    static CampaignDetails reread(CampaignService campaigns, long id) {
        return SystemActor.call(() -> campaigns.find(id).orElseThrow());
    }

    /** Opens the campaign's page and selects the tab titled {@code label}. */
    static CampaignView open(long id, String label) {
        UI.getCurrent().navigate(CampaignView.class, new RouteParameters("id", String.valueOf(id)));
        CampaignView view = _get(CampaignView.class);
        view.sheet.setSelectedTab(_get(Tab.class, spec -> spec.withId("tab-" + label.toLowerCase(java.util.Locale.ROOT))));
        return view;
    }
}
