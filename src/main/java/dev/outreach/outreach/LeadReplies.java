package dev.outreach.outreach;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the replies the IMAP poller stored ({@code email_reply}); the events module writes them. */
@Component
class LeadReplies {

    private final JdbcClient jdbc;

    LeadReplies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first; relies on ix_email_reply_lead (lead_id, received_at). */
    List<LeadReply> forLead(long leadId, int limit) {
        return jdbc.sql("""
                select message_id, from_address, subject, excerpt, received_at, kind, note from email_reply
                where lead_id = :leadId
                order by received_at desc, id desc
                fetch first :limit rows only
                """).param("leadId", leadId).param("limit", limit)
                .query((rs, n) -> new LeadReply(rs.getObject("message_id", java.util.UUID.class),
                        rs.getString("from_address"), rs.getString("subject"), rs.getString("excerpt"),
                        rs.getTimestamp("received_at").toInstant(), rs.getString("kind"), rs.getString("note")))
                .list();
    }
}
