package dev.outreach.outreach;

import dev.outreach.outreach.ChannelMetrics.ChannelRates;
import dev.outreach.shared.ChannelType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The metrics SQL: one pass over the period's attempts, one over its messages (ix_outreach_message_lead).
 * A bounce counts whether the SMTP server refused the message (a BOUNCED attempt) or it bounced
 * later (a DSN or a provider event turned the message BOUNCED). A delivered message whose
 * successful attempt was unconfirmed (a contact form that showed no confirmation) is counted
 * among the delivered and again under {@code unconfirmed} (ix_outreach_attempt_message).
 */
@Component
class ChannelMetricsQuery {

    private final JdbcClient jdbc;

    ChannelMetricsQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ChannelMetrics compute(Long campaignId, int days, Instant since) {
        // a message is the campaign's when its enrollment is (ix_outreach_recontact leads with campaign_id)
        String campaign = campaignId == null ? ""
                : " and m.enrollment_id in (select e.id from enrollment e where e.campaign_id = :campaignId)";
        Map<ChannelType, long[]> counts = new EnumMap<>(ChannelType.class);
        for (ChannelType channel : ChannelType.values()) {
            counts.put(channel, new long[5]);
        }
        var attempted = jdbc.sql("""
                select a.channel, count(distinct a.message_id) as tried,
                       count(distinct case when a.status = 'BOUNCED'
                                                or (m.status = 'BOUNCED' and m.channel_used = a.channel)
                                           then a.message_id end) as bounced
                from outreach_attempt a join outreach_message m on m.id = a.message_id
                where m.created_at >= :since and a.status not in ('SKIPPED', 'PENDING')""" + campaign + """
                 group by a.channel""");
        params(attempted, campaignId, since).query((rs, n) -> {
            long[] c = counts.get(ChannelType.valueOf(rs.getString(1)));
            c[0] = rs.getLong(2);
            c[3] = rs.getLong(3);
            return null;
        }).list();
        long[] fallback = new long[2];
        var delivered = jdbc.sql("""
                select m.channel_used, count(*) as delivered,
                       sum(case when m.status = 'REPLIED' then 1 else 0 end) as replied,
                       sum(case when m.first_channel is not null and m.channel_used <> m.first_channel then 1 else 0 end)
                           as fell_back,
                       sum(case when exists (select 1 from outreach_attempt a where a.message_id = m.id
                                               and a.channel = m.channel_used and a.status = 'SENT' and a.unconfirmed)
                                then 1 else 0 end) as unconfirmed
                from outreach_message m
                where m.created_at >= :since and m.channel_used is not null
                  and m.status in ('SENT', 'DELIVERED', 'REPLIED')""" + campaign + """
                 group by m.channel_used""");
        params(delivered, campaignId, since).query((rs, n) -> {
            long[] c = counts.get(ChannelType.valueOf(rs.getString(1)));
            c[1] = rs.getLong(2);
            c[2] = rs.getLong(3);
            fallback[0] += rs.getLong(2);
            fallback[1] += rs.getLong(4);
            c[4] = rs.getLong(5);
            return null;
        }).list();
        Map<ChannelType, ChannelRates> channels = new EnumMap<>(ChannelType.class);
        Map<ChannelType, Double> distribution = new EnumMap<>(ChannelType.class);
        counts.forEach((channel, c) -> {
            channels.put(channel, new ChannelRates(c[0], c[1], c[2], c[3], percent(c[1], c[0]), percent(c[2], c[1]),
                    percent(c[3], c[0]), c[4]));
            distribution.put(channel, percent(c[1], fallback[0]));
        });
        return new ChannelMetrics(campaignId, days, channels, percent(fallback[1], fallback[0]), distribution, fallback[0]);
    }

    private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec spec, Long campaignId, Instant since) {
        spec = spec.param("since", Timestamp.from(since));
        return campaignId == null ? spec : spec.param("campaignId", campaignId);
    }

    static double percent(long part, long whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 10.0;
    }
}
