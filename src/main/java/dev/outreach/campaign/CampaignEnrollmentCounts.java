package dev.outreach.campaign;

/** How many leads a campaign has enrolled: the cadence module (which owns enrollments) answers. */
public interface CampaignEnrollmentCounts {

    long enrolled(long campaignId);
}
