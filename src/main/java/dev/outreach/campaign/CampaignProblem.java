package dev.outreach.campaign;

/** Something that keeps a campaign from starting, with the field it concerns. */
public record CampaignProblem(String field, String message) {
}
