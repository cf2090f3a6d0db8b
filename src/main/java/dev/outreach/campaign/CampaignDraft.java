package dev.outreach.campaign;

import java.util.List;

/** What an operator fills in to create or change a campaign. */
public record CampaignDraft(String name, String description, List<CampaignTouch> touches, CampaignSchedule schedule,
        CampaignSenders senders, CampaignLimits limits, RecontactPolicy recontact) {
}
