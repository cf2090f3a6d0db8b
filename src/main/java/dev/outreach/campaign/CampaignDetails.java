package dev.outreach.campaign;

import java.time.Instant;
import java.util.List;

/** A campaign with its whole plan. */
public record CampaignDetails(long id, String name, String description, String owner, CampaignStatus status,
        List<CampaignTouch> touches, CampaignSchedule schedule, CampaignSenders senders, CampaignLimits limits,
        RecontactPolicy recontact, Instant createdAt, Instant updatedAt) {

    public CampaignDraft toDraft() {
        return new CampaignDraft(name, description, touches, schedule, senders, limits, recontact);
    }
}
