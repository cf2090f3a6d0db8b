package dev.outreach.campaign;

/** A campaign as lists and filters show it. */
public record CampaignSummary(Long id, String name, String status, String defaultTimeZone) {
}
