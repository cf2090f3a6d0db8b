package dev.outreach.campaign;

import java.time.Instant;

/**
 * An ACTIVE campaign became COMPLETED: every enrollment finished and no re-contact is due (the
 * cadence module decides when). Published in the transaction that completes it.
 */
public record CampaignCompleted(long campaignId, String name, Instant completedAt) {
}
