package dev.outreach.campaign;

import com.vaadin.flow.component.Component;

/**
 * A tab of a campaign's page. The campaign module draws its own (touches, schedule, settings);
 * other modules add theirs (the overview's figures, the enrolled leads) without the campaign
 * module depending on them: every Spring bean of this type is a tab, in {@link #order()}.
 */
public interface CampaignPageTab {

    int order();

    /** The tab's title. */
    String label();

    /**
     * A fresh component for the campaign, created when the tab is first opened. A tab that changes
     * the campaign (a saved plan) calls {@code campaignChanged} so that the page shows the new state.
     */
    Component create(CampaignDetails campaign, Runnable campaignChanged);
}
