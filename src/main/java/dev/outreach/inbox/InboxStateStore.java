package dev.outreach.inbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code inbox_read} and {@code lead_assignee}, which the inbox owns. */
@Component
class InboxStateStore {

    private final JdbcClient jdbc;

    InboxStateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True when it was unread; reading it again keeps the first reader and time. */
    boolean markRead(long replyId, String by, Instant at) {
        return jdbc.sql("""
                insert into inbox_read (reply_id, read_at, read_by) values (:replyId, :at, :by)
                on conflict do nothing
                """).param("replyId", replyId).param("at", Timestamp.from(at)).param("by", by).update() == 1;
    }

    /** True when it was read. */
    boolean markUnread(long replyId) {
        return jdbc.sql("delete from inbox_read where reply_id = :replyId").param("replyId", replyId).update() == 1;
    }

    Optional<String> assigneeOf(long leadId) {
        return jdbc.sql("select username from lead_assignee where lead_id = :leadId").param("leadId", leadId)
                .query(String.class).optional();
    }

    /** The lead's assignee from now on: updated, else inserted (and updated when another insert won meanwhile). */
    void assign(long leadId, String username, String by, Instant at) {
        for (int attempt = 0; attempt < 2; attempt++) {
            if (update(leadId, username, by, at) == 1) {
                return;
            }
            if (jdbc.sql("""
                    insert into lead_assignee (lead_id, username, assigned_at, assigned_by) values (:leadId, :username, :at, :by)
                    on conflict do nothing
                    """).param("leadId", leadId).param("username", username).param("at", Timestamp.from(at)).param("by", by)
                    .update() == 1) {
                return;
            }
        }
    }

    void unassign(long leadId) {
        jdbc.sql("delete from lead_assignee where lead_id = :leadId").param("leadId", leadId).update();
    }

    private int update(long leadId, String username, String by, Instant at) {
        return jdbc.sql("""
                update lead_assignee set username = :username, assigned_at = :at, assigned_by = :by where lead_id = :leadId
                """).param("leadId", leadId).param("username", username).param("at", Timestamp.from(at)).param("by", by)
                .update();
    }
}
