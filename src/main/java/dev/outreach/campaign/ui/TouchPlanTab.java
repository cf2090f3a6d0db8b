package dev.outreach.campaign.ui;

import com.vaadin.flow.component.Component;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignPageTab;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignTouchPreview;
import dev.outreach.campaign.SequenceService;
import org.springframework.beans.factory.ObjectProvider;

/** The campaign page's Touches tab: the plan editor, with each touch's preview when the content module draws one. */
@org.springframework.stereotype.Component
class TouchPlanTab implements CampaignPageTab {

    private final CampaignService campaigns;
    private final SequenceService sequences;
    private final ObjectProvider<CampaignTouchPreview> preview;

    TouchPlanTab(CampaignService campaigns, SequenceService sequences, ObjectProvider<CampaignTouchPreview> preview) {
        this.campaigns = campaigns;
        this.sequences = sequences;
        this.preview = preview;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public String label() {
        return "Touches";
    }

    @Override
    public Component create(CampaignDetails campaign, Runnable campaignChanged) {
        return new TouchPlanEditor(campaigns, sequences, preview.getIfAvailable(), campaign, campaignChanged);
    }
}
