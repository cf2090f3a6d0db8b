package dev.outreach.campaign.ui;

import com.vaadin.flow.component.Component;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignPageTab;
import dev.outreach.campaign.CampaignService;

/** The campaign page's Schedule tab: send days, hours and the default time zone. */
@org.springframework.stereotype.Component
class ScheduleTab implements CampaignPageTab {

    private final CampaignService campaigns;

    ScheduleTab(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public String label() {
        return "Schedule";
    }

    @Override
    public Component create(CampaignDetails campaign, Runnable campaignChanged) {
        return new ScheduleForm(campaigns, campaign, campaignChanged);
    }
}
