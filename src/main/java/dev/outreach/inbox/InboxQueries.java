package dev.outreach.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The inbox's read model: one query per page over the events module's {@code email_reply} with
 * the lead, the campaign of the touch each reply answers, the mailbox, the label, the read state
 * and the assignee joined in (one set-based statement instead of a call per row). Filters are
 * appended only when set, so that each shape is planned with its index: the page walks
 * {@code ix_email_reply_received} (received_at, id) backwards and stops after a page; by mailbox
 * {@code ix_email_reply_mailbox_received}. Only replies and automatic answers (no challenge-responses).
 */
@Component
class InboxQueries {

    private static final String KINDS = "r.kind in ('REPLY', 'AUTO_REPLY')";
    private static final int SNIPPET = 160;

    private final JdbcClient jdbc;

    InboxQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A page's SQL and its parameters; the benchmark runs exactly this. */
    record PageQuery(String sql, Map<String, Object> params) {
    }

    List<InboxRow> page(InboxFilter filter, InboxCursor after, int limit) {
        PageQuery query = pageQuery(filter, after, limit);
        return jdbc.sql(query.sql()).params(query.params()).query((rs, n) -> row(rs)).list();
    }

    /** The page after {@code after} (null: the first), newest first, at most {@code limit} rows. */
    static PageQuery pageQuery(InboxFilter filter, InboxCursor after, int limit) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(" where ").append(KINDS);
        filter.label().ifPresent(label -> {
            where.append(" and i.label = :label");
            params.put("label", label.name());
        });
        filter.campaignId().ifPresent(id -> {
            where.append(" and e.campaign_id = :campaignId");
            params.put("campaignId", id);
        });
        filter.mailboxId().ifPresent(id -> {
            where.append(" and r.mailbox_id = :mailboxId");
            params.put("mailboxId", id);
        });
        filter.assignee().ifPresent(user -> {
            where.append(" and a.username = :assignee");
            params.put("assignee", user);
        });
        if (filter.unreadOnly()) {
            where.append(" and x.reply_id is null");
        }
        filter.from().ifPresent(day -> {
            where.append(" and r.received_at >= :fromAt");
            params.put("fromAt", startOf(day));
        });
        filter.to().ifPresent(day -> {
            where.append(" and r.received_at < :toAt");
            params.put("toAt", startOf(day.plusDays(1)));
        });
        if (after != null) {
            where.append(" and (r.received_at < :afterAt or (r.received_at = :afterAt and r.id < :afterId))");
            params.put("afterAt", Timestamp.from(after.receivedAt()));
            params.put("afterId", after.replyId());
        }
        params.put("limit", limit);
        String sql = """
                select r.id, r.lead_id, r.received_at, r.from_address, r.subject, substring(r.excerpt, 1, %d) as snippet,
                    r.kind, r.mailbox_id, mb.address as mailbox, e.campaign_id, c.name as campaign,
                    l.first_name, l.last_name, l.email, l.company, i.label, i.source, x.read_at, a.username as assignee
                from email_reply r
                join lead l on l.id = r.lead_id
                left join outreach_message m on m.id = r.message_id
                left join enrollment e on e.id = m.enrollment_id
                left join campaign c on c.id = e.campaign_id
                left join mailbox mb on mb.id = r.mailbox_id
                left join reply_intent i on i.reply_id = r.id
                left join inbox_read x on x.reply_id = r.id
                left join lead_assignee a on a.lead_id = r.lead_id
                """.formatted(SNIPPET) + where + " order by r.received_at desc, r.id desc fetch first :limit rows only";
        return new PageQuery(sql, params);
    }

    /**
     * Replies and automatic answers nobody has opened yet: all of them less the read ones. Two
     * counts instead of an anti-join (a third of the time on 100k replies, and the menu asks on
     * every navigation): {@code inbox_read} holds only replies and automatic answers (the inbox
     * marks nothing else read) and a reply's kind never changes.
     */
    int unreadCount() {
        return jdbc.sql("""
                select (select count(*) from email_reply r where r.kind in ('REPLY', 'AUTO_REPLY'))
                    - (select count(*) from inbox_read)
                """).query(Integer.class).single();
    }

    /** Whether the id is a reply or automatic answer (the inbox shows no challenge-responses). */
    boolean isInboxReply(long replyId) {
        return jdbc.sql("select count(*) from email_reply r where r.id = :replyId and " + KINDS).param("replyId", replyId)
                .query(Integer.class).single() > 0;
    }

    Optional<InboxRow> row(long replyId) {
        PageQuery query = pageQuery(InboxFilter.all(), null, 1);
        String sql = query.sql().replace(" where " + KINDS, " where " + KINDS + " and r.id = :replyId");
        Map<String, Object> params = new HashMap<>(query.params());
        params.put("replyId", replyId);
        return jdbc.sql(sql).params(params).query((rs, n) -> row(rs)).optional();
    }

    /** The lead's touches on every channel, every message type (console replies too), by ix_outreach_message_lead. */
    List<ThreadEntry> touches(long leadId) {
        return jdbc.sql("""
                select m.channel_used, m.first_channel, m.status, m.subject, m.body, m.sent_at, m.due_at, mb.address
                from outreach_message m left join mailbox mb on mb.id = m.mailbox_id
                where m.lead_id = :leadId
                """).param("leadId", leadId).query((rs, n) -> {
                    Timestamp sent = rs.getTimestamp("sent_at");
                    String channel = rs.getString("channel_used") != null ? rs.getString("channel_used") : rs.getString("first_channel");
                    return new ThreadEntry(true, (sent != null ? sent : rs.getTimestamp("due_at")).toInstant(),
                            channel == null ? "EMAIL" : channel, rs.getString("status"), text(rs.getString("address")),
                            text(rs.getString("subject")), text(rs.getString("body")), Optional.empty(), Optional.empty());
                }).list();
    }

    /** The lead's replies and automatic answers with their labels, by ix_email_reply_lead. */
    List<ThreadEntry> replies(long leadId) {
        return jdbc.sql("""
                select r.id, r.kind, r.from_address, r.subject, r.excerpt, r.received_at, i.label
                from email_reply r left join reply_intent i on i.reply_id = r.id
                where r.lead_id = :leadId and r.kind in ('REPLY', 'AUTO_REPLY')
                """).param("leadId", leadId).query((rs, n) -> new ThreadEntry(false, rs.getTimestamp("received_at").toInstant(),
                        "EMAIL", rs.getString("kind"), text(rs.getString("from_address")), text(rs.getString("subject")),
                        text(rs.getString("excerpt")), Optional.of(rs.getLong("id")),
                        Optional.ofNullable(rs.getString("label")).map(IntentLabel::valueOf))).list();
    }

    record LeadFacts(String firstName, String lastName, String email, String company, String title, String status,
            String outcome) {
    }

    Optional<LeadFacts> lead(long leadId) {
        return jdbc.sql("select first_name, last_name, email, company, title, status, outcome from lead where id = :id")
                .param("id", leadId).query((rs, n) -> new LeadFacts(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7))).optional();
    }

    /** The lead's campaigns with the touch reached and the enrollment's status, oldest enrollment first. */
    List<LeadCard.Enrollment> enrollments(long leadId) {
        return jdbc.sql("""
                select e.campaign_id, c.name, e.outreach_sequence_step, e.status
                from enrollment e join campaign c on c.id = e.campaign_id
                where e.lead_id = :leadId order by e.created_at, e.id
                """).param("leadId", leadId).query((rs, n) -> new LeadCard.Enrollment(rs.getLong(1), rs.getString(2),
                        rs.getInt(3), rs.getString(4))).list();
    }

    /** The labels of the lead's replies, newest reply first. */
    List<IntentLabel> labels(long leadId) {
        return jdbc.sql("""
                select i.label from reply_intent i join email_reply r on r.id = i.reply_id
                where i.lead_id = :leadId order by r.received_at desc, r.id desc
                """).param("leadId", leadId).query((rs, n) -> IntentLabel.valueOf(rs.getString(1))).list();
    }

    /** Enabled console users, by name: whom a lead can be assigned to. */
    List<String> users() {
        return jdbc.sql("select username from app_user where enabled order by username").query(String.class).list();
    }

    /** Whether {@code username} is an enabled user; empty when there is no such user. */
    Optional<Boolean> userEnabled(String username) {
        return jdbc.sql("select enabled from app_user where username = :username").param("username", username)
                .query(Boolean.class).optional();
    }

    List<InboxChoices.Choice> mailboxes() {
        return jdbc.sql("select id, address from mailbox order by address")
                .query((rs, n) -> new InboxChoices.Choice(rs.getLong(1), rs.getString(2))).list();
    }

    private static InboxRow row(ResultSet rs) throws SQLException {
        long mailboxId = rs.getLong("mailbox_id");
        Optional<Long> mailbox = rs.wasNull() ? Optional.empty() : Optional.of(mailboxId);
        long campaignId = rs.getLong("campaign_id");
        Optional<Long> campaign = rs.wasNull() ? Optional.empty() : Optional.of(campaignId);
        String label = rs.getString("label");
        String source = rs.getString("source");
        return new InboxRow(rs.getLong("id"), rs.getLong("lead_id"), rs.getTimestamp("received_at").toInstant(),
                text(rs.getString("from_address")), name(rs.getString("first_name"), rs.getString("last_name"), rs.getString("email")),
                text(rs.getString("company")), campaign, Optional.ofNullable(rs.getString("campaign")), mailbox,
                Optional.ofNullable(rs.getString("mailbox")), "AUTO_REPLY".equals(rs.getString("kind")),
                Optional.ofNullable(label).map(IntentLabel::valueOf), Optional.ofNullable(source).map(IntentSource::valueOf),
                text(rs.getString("subject")), text(rs.getString("snippet")).replaceAll("\\s+", " ").strip(),
                rs.getTimestamp("read_at") != null, Optional.ofNullable(rs.getString("assignee")));
    }

    /** The lead's name as the console writes it; the address when the lead has no name. */
    static String name(String first, String last, String email) {
        List<String> parts = new ArrayList<>();
        for (String part : new String[] {first, last}) {
            if (part != null && !part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts.isEmpty() ? text(email) : String.join(" ", parts);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static Timestamp startOf(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
