package dev.outreach.inbox;

import dev.outreach.shared.ChannelType;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SQL of the reply metrics: the leads and messages of campaigns whose reply carries a positive
 * label. It reads the label in force ({@code reply_intent}, a person's over the machine's), the
 * reply ({@code email_reply}, the events module's), its message and enrollment (read-model reads
 * of the outreach and cadence tables, as the campaign figures do) and writes nothing. Only replies
 * of a person count ({@code kind = 'REPLY'}), as only those count as replied in the funnel; only
 * positive labels are read (ix_reply_intent_label), then each reply's message and enrollment by
 * primary key, so the cost follows the positive replies, not the campaign's messages.
 */
@Component
class ReplyMetricsQueries {

    /** A positive reply: its label in force says interested or asks for a meeting. */
    static final String POSITIVE = "i.label in ('INTERESTED', 'MEETING_REQUEST')";
    /**
     * A meeting: a reply asking for one. The one place to widen it when leads carry an outcome
     * (lead.LeadOutcome.MEETING_BOOKED, set by a person from the inbox): join {@code lead l on
     * l.id = e.lead_id} and add {@code or l.outcome = 'MEETING_BOOKED'}, read over all the lead's
     * replies rather than only the positive ones.
     */
    static final String MEETING = "i.label = 'MEETING_REQUEST'";

    private static final String POSITIVE_REPLIES = """
            from reply_intent i join email_reply r on r.id = i.reply_id
                join outreach_message m on m.id = r.message_id
                join enrollment e on e.id = m.enrollment_id
            where %s and r.kind = 'REPLY'""".formatted(POSITIVE);

    /** Per campaign of {@code :campaignIds}: its leads (enrollments) with a positive reply, and with a meeting. */
    static final String BY_CAMPAIGN = """
            select e.campaign_id, count(distinct e.id) as positive, count(distinct case when %s then e.id end) as meetings
            %s and e.campaign_id in (:campaignIds)
            group by e.campaign_id""".formatted(MEETING, POSITIVE_REPLIES);

    /** The campaign's messages with a positive reply, and with a meeting, per touch and channel (the funnel's keys). */
    static final String BY_TOUCH_AND_CHANNEL = """
            select m.touch, coalesce(m.channel_used, m.first_channel) as channel, count(distinct m.id) as positive,
                count(distinct case when %s then m.id end) as meetings
            %s and e.campaign_id = :campaignId
            group by m.touch, coalesce(m.channel_used, m.first_channel)""".formatted(MEETING, POSITIVE_REPLIES);

    record CampaignCounts(long campaignId, long positive, long meetings) {
    }

    /** {@code channel} null when the message had none. */
    record TouchChannelCounts(int touch, ChannelType channel, long positive, long meetings) {
    }

    private final JdbcClient jdbc;

    ReplyMetricsQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<CampaignCounts> byCampaign(Collection<Long> campaignIds) {
        if (campaignIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(BY_CAMPAIGN).param("campaignIds", List.copyOf(campaignIds))
                .query((rs, n) -> new CampaignCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
    }

    List<TouchChannelCounts> byTouchAndChannel(long campaignId) {
        return jdbc.sql(BY_TOUCH_AND_CHANNEL).param("campaignId", campaignId).query((rs, n) -> {
            String channel = rs.getString(2);
            return new TouchChannelCounts(rs.getInt(1), channel == null ? null : ChannelType.valueOf(channel), rs.getLong(3),
                    rs.getLong(4));
        }).list();
    }
}
