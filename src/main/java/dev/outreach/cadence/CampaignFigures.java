package dev.outreach.cadence;

import java.time.Instant;

/**
 * A campaign's line in the Campaigns list: its leads (enrollments), those contacted and those
 * who replied, the reply and bounce rates in percent of the contacted ones, and its last activity
 * (the latest send, human open or reply; null when nothing happened yet).
 */
public record CampaignFigures(long leads, long contacted, long replies, double replyRate, double bounceRate,
        Instant lastActivity) {
}
