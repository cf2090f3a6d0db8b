package dev.outreach.campaign;

/**
 * A campaign was paused (or archived): its PENDING messages are held, in the same transaction,
 * by the module that owns the outbox.
 */
public record CampaignPaused(long campaignId) {
}
