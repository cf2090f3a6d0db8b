package dev.outreach.campaign;

/** A campaign as lists and filters show it. */
public record CampaignSummary(Long id, String name, CampaignStatus status, String defaultTimeZone) {
}
