package dev.outreach.console.ui;

import com.vaadin.flow.component.Component;
import dev.outreach.cadence.CampaignStatsService;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignPageTab;
import dev.outreach.inbox.ReplyMetrics;

/** The campaign page's Overview tab, first: how the campaign is doing. */
@org.springframework.stereotype.Component
class CampaignOverviewTab implements CampaignPageTab {

    private final CampaignStatsService stats;
    private final ReplyMetrics replyMetrics;

    CampaignOverviewTab(CampaignStatsService stats, ReplyMetrics replyMetrics) {
        this.stats = stats;
        this.replyMetrics = replyMetrics;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String label() {
        return "Overview";
    }

    @Override
    public Component create(CampaignDetails campaign, Runnable campaignChanged) {
        return new CampaignOverviewPanel(stats, replyMetrics, campaign);
    }
}
