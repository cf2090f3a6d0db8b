package dev.outreach.lead;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The campaigns a lead is in. A lead is in a campaign exactly when it is enrolled in it: the
 * enrollment is the one record of that link. Cadence owns enrollments and implements this, so
 * that the lead module (its detail page, the operator API's choice of sequence) does not
 * depend on it.
 */
public interface LeadCampaigns {

    /** The lead's enrollments, the most recently enrolled first. */
    List<CampaignMembership> of(long leadId);

    /** The campaign of the lead's most recent enrollment; empty when none, or when that one has no campaign. */
    default Optional<Long> latestCampaign(long leadId) {
        return of(leadId).stream().findFirst().map(CampaignMembership::campaignId);
    }

    /**
     * One enrollment as the lead's page shows it; {@code campaignId} is null for an enrollment in
     * no campaign (the default sequence), {@code status} is the enrollment's, in words.
     */
    record CampaignMembership(Long campaignId, String campaignName, String status, int touch, int cycle,
            Instant enrolledAt) {
    }
}
