package dev.outreach.outreach;

import dev.outreach.shared.MessageStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What email events (webhooks, tracking, replies) do to a message and to its enrollment. Each
 * method is one or two statements in the caller's transaction; the caller has already made sure
 * the event is new, so these only guard against events arriving out of order (a late
 * "delivered" never undoes a reply or a bounce).
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

    MessageEngagement(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    /** SENT becomes DELIVERED; a message already further along (replied, bounced) keeps its status. */
    public boolean markDelivered(UUID id, Instant at) {
        return jdbc.sql("""
                update outreach_message set status = 'DELIVERED', delivered_at = coalesce(delivered_at, :at), updated_at = :at
                where id = :id and status = 'SENT'
                """).param("id", id).param("at", ts(at)).update() == 1;
    }

    /**
     * Counts an open on the message and on its enrollment; the first open time is set only by
     * the message's first open. A machine open (proxy, scanner, prefetch) counts as an open but
     * not as a human one. True when this was the message's first open.
     */
    public boolean recordOpen(Target target, boolean human, Instant at) {
        int humanOpens = human ? 1 : 0;
        // The first statement only matches the first open: its row lock makes "first" exact under concurrency.
        boolean first = jdbc.sql("""
                update outreach_message set first_opened_at = :at, open_count = open_count + 1,
                    human_open_count = human_open_count + :human, updated_at = :at
                where id = :id and first_opened_at is null
                """).param("id", target.id()).param("at", ts(at)).param("human", humanOpens).update() == 1;
        if (!first) {
            jdbc.sql("""
                    update outreach_message set open_count = open_count + 1, human_open_count = human_open_count + :human,
                        updated_at = :at
                    where id = :id
                    """).param("id", target.id()).param("at", ts(at)).param("human", humanOpens).update();
        }
        if (target.enrollmentId() != null) {
            jdbc.sql("""
                    update enrollment set email_open_count = email_open_count + 1,
                        email_human_open_count = email_human_open_count + :human,
                        last_email_opened_at = case when :first then :at else last_email_opened_at end, updated_at = :at
                    where id = :id
                    """).param("id", target.enrollmentId()).param("at", ts(at)).param("human", humanOpens)
                    .param("first", first).update();
        }
        return first;
    }

    /** Notes the message's first click, on the message and its enrollment. True when it was the first. */
    public boolean recordClick(Target target, Instant at) {
        boolean first = jdbc.sql("update outreach_message set clicked_at = :at, updated_at = :at where id = :id and clicked_at is null")
                .param("id", target.id()).param("at", ts(at)).update() == 1;
        if (first && target.enrollmentId() != null) {
            jdbc.sql("update enrollment set last_email_clicked_at = :at, updated_at = :at where id = :id")
                    .param("id", target.enrollmentId()).param("at", ts(at)).update();
        }
        return first;
    }

    /**
     * The lead answered this message: REPLIED (unless it bounced or is still being sent), the
     * reply time on the message and the enrollment, whose status becomes REPLIED. True when
     * this was the message's first reply.
     */
    public boolean markReplied(Target target, Instant at) {
        boolean first = jdbc.sql("""
                update outreach_message set replied_at = :at, updated_at = :at,
                    status = case when status in ('SENT', 'DELIVERED') then 'REPLIED' else status end
                where id = :id and replied_at is null
                """).param("id", target.id()).param("at", ts(at)).update() == 1;
        if (first && target.enrollmentId() != null) {
            jdbc.sql("update enrollment set last_email_replied_at = :at, status = 'REPLIED', updated_at = :at where id = :id")
                    .param("id", target.enrollmentId()).param("at", ts(at)).update();
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

    /** The enrollment the message belongs to stops for good: its {@code email_unsubscribed} flag. */
    public void markUnsubscribed(UUID messageId, Instant at) {
        jdbc.sql("""
                update enrollment set email_unsubscribed = true, updated_at = :at
                where id = (select enrollment_id from outreach_message where id = :id) and not email_unsubscribed
                """).param("id", messageId).param("at", ts(at)).update();
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
