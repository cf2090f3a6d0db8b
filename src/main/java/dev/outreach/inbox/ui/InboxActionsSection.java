package dev.outreach.inbox.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import dev.outreach.campaign.CampaignService;
import dev.outreach.inbox.Inbox;
import dev.outreach.inbox.InboxActions;
import dev.outreach.inbox.InboxAutomation;
import dev.outreach.inbox.ReplyIntents;

/** The reply's label and the actions on an open thread's lead (first below the messages): see {@link InboxActionsPanel}. */
@org.springframework.stereotype.Component
public class InboxActionsSection implements InboxThreadSection {

    private final InboxActions actions;
    private final Inbox inbox;
    private final ReplyIntents intents;
    private final InboxAutomation automation;
    private final CampaignService campaigns;

    InboxActionsSection(InboxActions actions, Inbox inbox, ReplyIntents intents, InboxAutomation automation,
            CampaignService campaigns) {
        this.actions = actions;
        this.inbox = inbox;
        this.intents = intents;
        this.automation = automation;
        this.campaigns = campaigns;
    }

    @Override
    public int order() {
        return 10;
    }

    /** The panel is drawn again after each action it took, so that it shows the label, assignee and campaign now in force. */
    @Override
    public Component create(InboxThread thread, Runnable threadChanged) {
        Div holder = new Div();
        holder.addClassName("inbox-actions-section");
        holder.setWidthFull();
        draw(holder, thread, threadChanged);
        return holder;
    }

    private void draw(Div holder, InboxThread thread, Runnable threadChanged) {
        holder.removeAll();
        holder.add(new InboxActionsPanel(thread, () -> {
            draw(holder, thread, threadChanged);
            threadChanged.run();
        }, actions, inbox, intents, automation, campaigns));
    }
}
