package dev.outreach.shared;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Appends to {@code audit_log}: who changed what, with the value before and after. */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records a change in the caller's transaction, so it commits or rolls back with it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String entityType, Object entityId, String before, String after) {
        jdbc.sql("""
                insert into audit_log (actor, action, entity_type, entity_id, before_value, after_value, created_at)
                values (:actor, :action, :entityType, :entityId, :before, :after, :createdAt)
                """)
                .param("actor", currentActor())
                .param("action", action)
                .param("entityType", entityType)
                .param("entityId", entityId == null ? null : entityId.toString())
                .param("before", before)
                .param("after", after)
                .param("createdAt", Timestamp.from(clock.instant()))
                .update();
    }

    /** One row of the audit log: who did what, when, and the value before and after. */
    public record Entry(Instant at, String actor, String action, String before, String after) {
    }

    /**
     * The entity's entries with one of the actions, newest first (index ix_audit_log_entity): for
     * pages that show what was done to a record.
     */
    @Transactional(readOnly = true)
    public List<Entry> entries(String entityType, Object entityId, Collection<String> actions, int limit) {
        return jdbc.sql("""
                select created_at, actor, action, before_value, after_value from audit_log
                where entity_type = :entityType and entity_id = :entityId and action in (:actions)
                order by created_at desc, id desc fetch first :limit rows only
                """).param("entityType", entityType).param("entityId", entityId.toString())
                .param("actions", List.copyOf(actions)).param("limit", limit)
                .query((rs, n) -> new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .list();
    }

    /** The signed-in user's name, or "system" for background work. */
    public static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || authentication.getName() == null ? "system" : authentication.getName();
    }
}
