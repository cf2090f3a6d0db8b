package dev.outreach.campaign;

/**
 * A paused campaign runs again: its held messages are released, in the same transaction; one
 * whose send window passed meanwhile goes at the window's next opening ({@code schedule}).
 */
public record CampaignResumed(long campaignId, CampaignSchedule schedule) {
}
