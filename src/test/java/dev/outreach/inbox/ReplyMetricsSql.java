package dev.outreach.inbox;

/** The reply metrics' statements for one campaign, as psql runs them in the campaign benchmark. */
public final class ReplyMetricsSql {

    private ReplyMetricsSql() {
    }

    public static String forCampaign(long campaignId) {
        String id = String.valueOf(campaignId);
        return ReplyMetricsQueries.BY_TOUCH_AND_CHANNEL.replace(":campaignId", id).strip() + ";\n"
                + ReplyMetricsQueries.BY_CAMPAIGN.replace(":campaignIds", id).strip() + ";\n";
    }
}
