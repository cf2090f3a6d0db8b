package dev.outreach.inbox.ui;

import com.vaadin.flow.component.Component;
import dev.outreach.campaign.CampaignService;
import dev.outreach.inbox.InboxActions;
import dev.outreach.inbox.InboxAutomation;

/** The actions on an open thread's lead (first below the messages): see {@link InboxActionsPanel}. */
@org.springframework.stereotype.Component
public class InboxActionsSection implements InboxThreadSection {

    private final InboxActions actions;
    private final InboxAutomation automation;
    private final CampaignService campaigns;

    InboxActionsSection(InboxActions actions, InboxAutomation automation, CampaignService campaigns) {
        this.actions = actions;
        this.automation = automation;
        this.campaigns = campaigns;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Component create(InboxThread thread, Runnable threadChanged) {
        return new InboxActionsPanel(thread, threadChanged, actions, automation, campaigns);
    }
}
