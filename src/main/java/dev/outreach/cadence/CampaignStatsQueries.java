package dev.outreach.cadence;

import dev.outreach.shared.ChannelType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SQL of the campaign figures. It reads what other modules write (the outbox's messages, the
 * events module's unsubscribe events) and writes nothing. A message is the campaign's when its
 * enrollment is. Each funnel stage of a message:
 * <ul>
 * <li>contacted: it went out, or was refused on the way (sent, delivered, replied, bounced);
 * <li>delivered: the provider confirmed delivery, or it was replied to; LinkedIn, form and phone
 *     touches have no confirmation, so one that went out counts as delivered (as in the channel metrics);
 * <li>opened by a person: its first human open is set (the events module's verdict: a prefetch,
 *     proxy or scanner open never sets it);
 * <li>clicked, replied: their first times are set (machine clicks never set a click);
 * <li>bounced: the message is BOUNCED; unsubscribed: an UNSUBSCRIBED event names it.
 * </ul>
 * For enrollments (the campaign's funnel, the list) a stage counts when any of its messages
 * reached it; replied and unsubscribed also count what the enrollment itself recorded.
 * Indexes: ix_enrollment_campaign_lead picks the campaign's enrollments, ix_outreach_message_enrollment
 * their messages, ix_email_event_type the unsubscribe events (V6_9).
 */
@Component
class CampaignStatsQueries {

    static final String CONTACTED = "(m.sent_at is not null or m.status in ('SENT', 'DELIVERED', 'REPLIED', 'BOUNCED'))";
    static final String DELIVERED = "(m.delivered_at is not null or m.status in ('DELIVERED', 'REPLIED')"
            + " or (m.status = 'SENT' and m.channel_used <> 'EMAIL'))";
    static final String HUMAN_OPENED = "m.first_human_opened_at is not null";
    static final String CLICKED = "m.clicked_at is not null";
    static final String REPLIED = "m.replied_at is not null";
    static final String BOUNCED = "m.status = 'BOUNCED'";
    static final String UNSUBSCRIBED = "u.message_id is not null";
    private static final String UNSUBSCRIBES =
            "(select distinct ev.message_id from email_event ev where ev.event_type = 'UNSUBSCRIBED') u";

    private static String flag(String condition) {
        return "case when " + condition + " then 1 else 0 end";
    }

    /** Messages of the campaign per touch and channel, one row per pair: the per-touch and per-channel funnels. */
    static final String BY_TOUCH_AND_CHANNEL = """
            select m.touch, coalesce(m.channel_used, m.first_channel) as channel, count(*) as enrolled,
                sum(%s) as contacted, sum(%s) as delivered, sum(%s) as opened, sum(%s) as clicked,
                sum(%s) as replied, sum(%s) as bounced, sum(%s) as unsubscribed
            from outreach_message m join enrollment e on e.id = m.enrollment_id
                left join %s on u.message_id = m.id
            where e.campaign_id = :campaignId
            group by m.touch, coalesce(m.channel_used, m.first_channel)
            """.formatted(flag(CONTACTED), flag(DELIVERED), flag(HUMAN_OPENED), flag(CLICKED), flag(REPLIED),
            flag(BOUNCED), flag(UNSUBSCRIBED), UNSUBSCRIBES);

    /**
     * Each enrollment's furthest stages, over its messages, for the enrollments that {@code scope}
     * (a condition on the enrollment {@code e2}) selects; the newest send, human open and reply.
     */
    private static String perEnrollment(String scope) {
        return """
                select m.enrollment_id, max(%s) as contacted, max(%s) as delivered, max(%s) as opened,
                    max(%s) as clicked, max(%s) as replied, max(%s) as bounced, max(%s) as unsubscribed,
                    max(m.sent_at) as last_sent, max(m.first_human_opened_at) as last_opened, max(m.replied_at) as last_replied
                from outreach_message m join enrollment e2 on e2.id = m.enrollment_id
                    left join %s on u.message_id = m.id
                where %s
                group by m.enrollment_id""".formatted(flag(CONTACTED), flag(DELIVERED), flag(HUMAN_OPENED), flag(CLICKED),
                flag(REPLIED), flag(BOUNCED), flag(UNSUBSCRIBED), UNSUBSCRIBES, scope);
    }

    private static final String ENROLLMENT_REPLIED = "(x.replied = 1 or e.last_email_replied_at is not null)";
    private static final String ENROLLMENT_UNSUBSCRIBED = "(x.unsubscribed = 1 or e.email_unsubscribed)";

    /** The campaign's funnel, one row: each enrollment counted once. */
    static final String TOTAL = """
            select count(*) as enrolled, coalesce(sum(x.contacted), 0) as contacted,
                coalesce(sum(x.delivered), 0) as delivered, coalesce(sum(x.opened), 0) as opened,
                coalesce(sum(x.clicked), 0) as clicked, sum(%s) as replied,
                coalesce(sum(x.bounced), 0) as bounced, sum(%s) as unsubscribed
            from enrollment e left join (%s) x on x.enrollment_id = e.id
            where e.campaign_id = :campaignId
            """.formatted(flag(ENROLLMENT_REPLIED), flag(ENROLLMENT_UNSUBSCRIBED),
            perEnrollment("e2.campaign_id = :campaignId"));

    /** The Campaigns list's figures of the campaigns {@code :campaignIds}, one row per campaign with enrollments. */
    static final String LIST = """
            select e.campaign_id, count(*) as leads, coalesce(sum(x.contacted), 0) as contacted,
                sum(%s) as replied, coalesce(sum(x.bounced), 0) as bounced,
                max(x.last_sent) as last_sent, max(x.last_opened) as last_opened, max(x.last_replied) as last_replied
            from enrollment e left join (%s) x on x.enrollment_id = e.id
            where e.campaign_id in (:campaignIds)
            group by e.campaign_id
            """.formatted(flag(ENROLLMENT_REPLIED), perEnrollment("e2.campaign_id in (:campaignIds)"));

    /** The campaign's enrollments with a touch to come: due now, and not due yet (ix_enrollment_campaign_due). */
    static final String PENDING_TOUCHES = """
            select coalesce(sum(case when e.next_touch_due_at <= :now then 1 else 0 end), 0) as due,
                coalesce(sum(case when e.next_touch_due_at > :now then 1 else 0 end), 0) as not_due
            from enrollment e
            where e.campaign_id = :campaignId and e.status in ('COLD', 'ACTIVE')
            """;

    /**
     * Sends, first human opens and first replies of the campaign's messages since {@code :since},
     * per quarter of an hour (epoch seconds / 900): small enough to put each in its day in any
     * time zone (every zone's offset is a whole number of quarters), done in Java.
     */
    static final String DAILY = """
            select 0 as series, floor(extract(epoch from m.sent_at) / 900) as slot, count(*) as n
            from outreach_message m join enrollment e on e.id = m.enrollment_id
            where e.campaign_id = :campaignId and m.sent_at >= :since
            group by floor(extract(epoch from m.sent_at) / 900)
            union all
            select 1, floor(extract(epoch from m.first_human_opened_at) / 900), count(*)
            from outreach_message m join enrollment e on e.id = m.enrollment_id
            where e.campaign_id = :campaignId and m.first_human_opened_at >= :since
            group by floor(extract(epoch from m.first_human_opened_at) / 900)
            union all
            select 2, floor(extract(epoch from m.replied_at) / 900), count(*)
            from outreach_message m join enrollment e on e.id = m.enrollment_id
            where e.campaign_id = :campaignId and m.replied_at >= :since
            group by floor(extract(epoch from m.replied_at) / 900)
            """;

    /** One row of {@link #BY_TOUCH_AND_CHANNEL}; {@code channel} null when the message had neither. */
    record TouchChannel(int touch, ChannelType channel, Funnel funnel) {
    }

    /** One row of {@link #LIST}. */
    record ListRow(long campaignId, long leads, long contacted, long replied, long bounced, Instant lastActivity) {
    }

    /** One quarter of an hour of one series of {@link #DAILY} (0 sends, 1 human opens, 2 replies). */
    record Slot(int series, long epochQuarter, long count) {
    }

    private final JdbcClient jdbc;

    CampaignStatsQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<TouchChannel> byTouchAndChannel(long campaignId) {
        return jdbc.sql(BY_TOUCH_AND_CHANNEL).param("campaignId", campaignId).query((rs, n) -> {
            String channel = rs.getString("channel");
            return new TouchChannel(rs.getInt("touch"), channel == null ? null : ChannelType.valueOf(channel),
                    new Funnel(rs.getLong("enrolled"), rs.getLong("contacted"), rs.getLong("delivered"), rs.getLong("opened"),
                            rs.getLong("clicked"), rs.getLong("replied"), rs.getLong("bounced"), rs.getLong("unsubscribed")));
        }).list();
    }

    Funnel total(long campaignId) {
        return jdbc.sql(TOTAL).param("campaignId", campaignId).query((rs, n) -> new Funnel(rs.getLong("enrolled"),
                rs.getLong("contacted"), rs.getLong("delivered"), rs.getLong("opened"), rs.getLong("clicked"),
                rs.getLong("replied"), rs.getLong("bounced"), rs.getLong("unsubscribed"))).single();
    }

    List<ListRow> list(Collection<Long> campaignIds) {
        List<ListRow> rows = new ArrayList<>();
        if (campaignIds.isEmpty()) {
            return rows;
        }
        return jdbc.sql(LIST).param("campaignIds", List.copyOf(campaignIds)).query((rs, n) -> new ListRow(
                rs.getLong("campaign_id"), rs.getLong("leads"), rs.getLong("contacted"), rs.getLong("replied"),
                rs.getLong("bounced"), latest(instant(rs, "last_sent"), instant(rs, "last_opened"), instant(rs, "last_replied"))))
                .list();
    }

    /** Of the campaign's enrollments with a touch to come: {due now, not due yet}. */
    long[] pendingTouches(long campaignId, Instant now) {
        return jdbc.sql(PENDING_TOUCHES).param("campaignId", campaignId).param("now", Timestamp.from(now))
                .query((rs, n) -> new long[] {rs.getLong("due"), rs.getLong("not_due")}).single();
    }

    List<Slot> daily(long campaignId, Instant since) {
        return jdbc.sql(DAILY).param("campaignId", campaignId).param("since", Timestamp.from(since))
                .query((rs, n) -> new Slot(rs.getInt(1), rs.getLong(2), rs.getLong(3))).list();
    }

    /** The campaign's time zone (its schedule's), if the campaign exists. */
    Optional<String> timeZone(long campaignId) {
        return jdbc.sql("select default_time_zone from campaign where id = :id").param("id", campaignId).query(String.class)
                .optional();
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Instant latest(Instant... instants) {
        Instant latest = null;
        for (Instant instant : instants) {
            if (instant != null && (latest == null || instant.isAfter(latest))) {
                latest = instant;
            }
        }
        return latest;
    }
}
