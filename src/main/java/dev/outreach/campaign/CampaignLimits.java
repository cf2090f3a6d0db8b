package dev.outreach.campaign;

/** Daily limits of a campaign, in its time zone's days; null means no limit. */
public record CampaignLimits(Integer newLeadsPerDay, Integer touchesPerDay) {

    public static CampaignLimits none() {
        return new CampaignLimits(null, null);
    }
}
