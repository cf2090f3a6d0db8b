package dev.outreach.campaign;

/** Where a campaign is in its life. Only ACTIVE campaigns tick; PAUSED ones hold their outbox. */
public enum CampaignStatus {
    DRAFT, ACTIVE, PAUSED, COMPLETED, ARCHIVED
}
