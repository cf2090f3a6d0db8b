package dev.outreach.outreach;

import dev.outreach.shared.MessageStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What email events (webhooks, tracking, replies) do to a message, in the caller's transaction;
 * what they do to the message's enrollment the cadence does, on {@link EngagementRecorded}. The caller has already made sure each event is new, so these only guard
 * against events arriving out of order (a late "delivered" never undoes a reply or a bounce).
 * Deliveries, opens and clicks, the bulk of all events, go in JDBC batches: one round trip per
 * statement shape for a whole webhook request.
 */
@Component
public class MessageEngagement {

    /** The message an event is about, with what its effects need: lead, enrollment, sending mailbox. */
    public record Target(UUID id, long leadId, Long enrollmentId, MessageStatus status, String providerMessageId,
            String mailboxAddress) {
    }

    private static final String TARGET_SELECT = """
            select m.id, m.lead_id, m.enrollment_id, m.status, m.provider_message_id, mb.address
            from outreach_message m left join mailbox mb on mb.id = m.mailbox_id
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final ApplicationEventPublisher events;
    /** Which SQL dialect to lock rows with; found on first use. */
    private volatile Boolean postgres;

    MessageEngagement(JdbcClient jdbc, NamedParameterJdbcTemplate batch, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.events = events;
    }

    /** Messages by our id, in one query (primary key); unknown ids are absent. */
    public Map<UUID, Target> byIds(Collection<UUID> ids) {
        Map<UUID, Target> found = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql(TARGET_SELECT + "where m.id in (:ids)").param("ids", List.copyOf(ids))
                    .query(MessageEngagement::target).list().forEach(t -> found.put(t.id(), t));
        }
        return found;
    }

    /**
     * Messages by the Message-ID header we sent them with ({@code <uuid@domain>}), in one query
     * on ix_outreach_message_provider_id; unknown ones are absent.
     */
    public Map<String, Target> byProviderMessageIds(Collection<String> providerMessageIds) {
        Map<String, Target> found = new HashMap<>();
        if (!providerMessageIds.isEmpty()) {
            jdbc.sql(TARGET_SELECT + "where m.provider_message_id in (:ids)").param("ids", List.copyOf(providerMessageIds))
                    .query(MessageEngagement::target).list().forEach(t -> found.put(t.providerMessageId(), t));
        }
        return found;
    }

    /**
     * Messages by the email service provider's own id that its relay gave when it accepted them
     * (SendGrid's "queued as" id), in one query on ix_outreach_message_relay_id; unknown ones are absent.
     */
    public Map<String, Target> byRelayMessageIds(Collection<String> relayMessageIds) {
        Map<String, Target> found = new HashMap<>();
        if (!relayMessageIds.isEmpty()) {
            jdbc.sql("""
                    select m.id, m.lead_id, m.enrollment_id, m.status, m.provider_message_id, mb.address, m.relay_message_id
                    from outreach_message m left join mailbox mb on mb.id = m.mailbox_id
                    where m.relay_message_id in (:ids)
                    """).param("ids", List.copyOf(relayMessageIds))
                    .query((rs, n) -> Map.entry(rs.getString("relay_message_id"), target(rs, n))).list()
                    .forEach(e -> found.putIfAbsent(e.getKey(), e.getValue()));
        }
        return found;
    }

    /** A delivery, an open or a click: the events {@link #recordAll} applies in batches. */
    public enum EngagementKind {
        DELIVERED, OPENED, CLICKED
    }

    /** One delivery, open ({@code human} false for a proxy, scanner or prefetch open) or click of a message. */
    public record Engagement(EngagementKind kind, Target target, boolean human, Instant at) {
    }

    /** SENT becomes DELIVERED; a message already further along (replied, bounced) keeps its status. */
    private static final String DELIVERED = """
            update outreach_message set status = 'DELIVERED', delivered_at = coalesce(delivered_at, :at), updated_at = :at
            where id = :id and status = 'SENT'
            """;
    /** Only the message's first open matches: under the row lock, "first" is exact even with concurrent opens. */
    private static final String FIRST_OPEN = """
            update outreach_message set first_opened_at = :at where id = :id and first_opened_at is null
            """;
    /** Only the message's first human open matches; machine opens (proxies, prefetches) never set it. */
    private static final String FIRST_HUMAN_OPEN = """
            update outreach_message set first_human_opened_at = :at where id = :id and first_human_opened_at is null
            """;
    private static final String OPEN_COUNTS = """
            update outreach_message set open_count = open_count + 1, human_open_count = human_open_count + :human,
                updated_at = :at
            where id = :id
            """;
    private static final String FIRST_CLICK = """
            update outreach_message set clicked_at = :at, updated_at = :at where id = :id and clicked_at is null
            """;

    /**
     * Locks the messages' rows in id order. A caller that locks first may then update them in
     * any order without deadlocking another caller doing the same with overlapping messages.
     * On PostgreSQL the lock is FOR NO KEY UPDATE, the one an UPDATE of these columns takes: a
     * plain FOR UPDATE would also wait for the KEY SHARE locks that inserting email_event rows
     * (their foreign key) takes, and two batches would deadlock on each other's inserts.
     */
    public void lock(Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("select id from outreach_message where id in (:ids) order by id " + (postgres() ? "for no key update" : "for update"))
                    .param("ids", List.copyOf(ids)).query(UUID.class).list();
        }
    }

    private boolean postgres() {
        if (postgres == null) {
            postgres = batch.getJdbcTemplate().execute((java.sql.Connection connection) -> connection.getMetaData()
                    .getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres"));
        }
        return postgres;
    }

    /**
     * Applies deliveries, opens and clicks, in one JDBC batch per statement shape (the shapes
     * touch different columns, so their order does not matter; within a shape the order is
     * kept): the messages first, then {@link EngagementRecorded} for their enrollments, which
     * depends on whether an open or click was the message's first. Opens count on the message
     * and the enrollment; machine
     * opens count as opens but not as human ones. For each engagement, whether it changed the
     * message's state: SENT became DELIVERED, or it was the first open or the first click.
     */
    public boolean[] recordAll(List<Engagement> engagements) {
        boolean[] changed = new boolean[engagements.size()];
        boolean[] firstHuman = new boolean[engagements.size()];
        Shape delivered = new Shape(DELIVERED);
        Shape firstOpen = new Shape(FIRST_OPEN);
        Shape firstHumanOpen = new Shape(FIRST_HUMAN_OPEN);
        Shape openCounts = new Shape(OPEN_COUNTS);
        Shape firstClick = new Shape(FIRST_CLICK);
        for (int i = 0; i < engagements.size(); i++) {
            Engagement e = engagements.get(i);
            MapSqlParameterSource params = new MapSqlParameterSource().addValue("id", e.target().id())
                    .addValue("at", ts(e.at())).addValue("human", e.human() ? 1 : 0);
            switch (e.kind()) {
                case DELIVERED -> delivered.add(i, params);
                case OPENED -> {
                    firstOpen.add(i, params);
                    if (e.human()) {
                        firstHumanOpen.add(i, params);
                    }
                    openCounts.add(i, params);
                }
                case CLICKED -> firstClick.add(i, params);
            }
        }
        delivered.run(batch, changed);
        firstOpen.run(batch, changed);
        firstHumanOpen.run(batch, firstHuman);
        openCounts.run(batch, null);
        firstClick.run(batch, changed);
        List<EngagementRecorded.Entry> entries = new ArrayList<>();
        for (int i = 0; i < engagements.size(); i++) {
            Engagement e = engagements.get(i);
            Long enrollment = e.target().enrollmentId();
            if (enrollment != null && e.kind() == EngagementKind.OPENED) {
                entries.add(new EngagementRecorded.Entry(enrollment, EngagementRecorded.Kind.OPENED, e.human(), changed[i],
                        firstHuman[i], e.at()));
            } else if (enrollment != null && e.kind() == EngagementKind.CLICKED && changed[i]) {
                entries.add(new EngagementRecorded.Entry(enrollment, EngagementRecorded.Kind.CLICKED, e.human(), false,
                        false, e.at()));
            }
        }
        publish(entries);
        return changed;
    }

    /**
     * Takes back clicks that were counted as a person's and turned out to be a machine's (the
     * first click of a link scanner's burst): the message's {@code clicked_at} becomes its first
     * click still counted ({@code firstRemaining}, empty: none), and an enrollment whose last click
     * was one of them goes back to its messages' latest click in the current cycle. Call under
     * the message's row lock ({@link #lock}).
     */
    public void retractClicks(Target target, List<Instant> retracted, java.util.Optional<Instant> firstRemaining,
            Instant now) {
        if (retracted.isEmpty()) {
            return;
        }
        jdbc.sql("update outreach_message set clicked_at = :first, updated_at = :now where id = :id")
                .param("first", firstRemaining.map(MessageEngagement::ts).orElse(null), java.sql.Types.TIMESTAMP)
                .param("now", ts(now)).param("id", target.id()).update();
        if (target.enrollmentId() != null) {
            publish(retracted.stream().map(at -> new EngagementRecorded.Entry(target.enrollmentId(),
                    EngagementRecorded.Kind.CLICK_RETRACTED, false, false, false, at)).toList());
        }
    }

    /** One statement and the engagements it runs for, in order; {@link #run} sets their "changed" flags from the counts. */
    private record Shape(String sql, List<Integer> indexes, List<SqlParameterSource> params) {

        Shape(String sql) {
            this(sql, new ArrayList<>(), new ArrayList<>());
        }

        void add(int index, SqlParameterSource values) {
            indexes.add(index);
            params.add(values);
        }

        void run(NamedParameterJdbcTemplate batch, boolean[] changed) {
            if (params.isEmpty()) {
                return;
            }
            int[] counts = batch.batchUpdate(sql, params.toArray(SqlParameterSource[]::new));
            for (int k = 0; changed != null && k < counts.length; k++) {
                if (counts[k] < 0) {
                    throw new IllegalStateException("The JDBC driver did not report a count per statement");
                }
                changed[indexes.get(k)] = counts[k] == 1;
            }
        }
    }

    /**
     * The lead answered this message: REPLIED (unless it bounced or is still being sent) and the
     * reply time; on its first reply, {@link EngagementRecorded} for the enrollment (REPLIED).
     * True when this was the message's first reply.
     */
    public boolean markReplied(Target target, Instant at) {
        boolean first = jdbc.sql("""
                update outreach_message set replied_at = :at, updated_at = :at,
                    status = case when status in ('SENT', 'DELIVERED') then 'REPLIED' else status end
                where id = :id and replied_at is null
                """).param("id", target.id()).param("at", ts(at)).update() == 1;
        if (first && target.enrollmentId() != null) {
            publish(List.of(new EngagementRecorded.Entry(target.enrollmentId(), EngagementRecorded.Kind.REPLIED, true,
                    false, false, at)));
        }
        return first;
    }

    /** A permanent failure: BOUNCED with the reason (a message the lead already replied to keeps REPLIED). */
    public boolean markBounced(UUID id, String reason, Instant at) {
        return jdbc.sql("""
                update outreach_message set status = 'BOUNCED', status_reason = :reason, updated_at = :at
                where id = :id and status <> 'REPLIED'
                """).param("id", id).param("reason", truncate(reason, 500)).param("at", ts(at)).update() == 1;
    }

    /** The recipient reported the message as spam. True when it was the first complaint. */
    public boolean markComplained(UUID id, Instant at) {
        return jdbc.sql("update outreach_message set complained_at = :at, updated_at = :at where id = :id and complained_at is null")
                .param("id", id).param("at", ts(at)).update() == 1;
    }

    /** The enrollment the message belongs to stops for good ({@link EngagementRecorded}: its {@code email_unsubscribed} flag). */
    public void markUnsubscribed(Target target, Instant at) {
        if (target.enrollmentId() != null) {
            publish(List.of(new EngagementRecorded.Entry(target.enrollmentId(), EngagementRecorded.Kind.UNSUBSCRIBED,
                    true, false, false, at)));
        }
    }

    private void publish(List<EngagementRecorded.Entry> entries) {
        if (!entries.isEmpty()) {
            events.publishEvent(new EngagementRecorded(List.copyOf(entries)));
        }
    }

    private static Target target(ResultSet rs, int row) throws SQLException {
        return new Target(rs.getObject("id", UUID.class), rs.getLong("lead_id"), rs.getObject("enrollment_id", Long.class),
                MessageStatus.valueOf(rs.getString("status")), rs.getString("provider_message_id"), rs.getString("address"));
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
