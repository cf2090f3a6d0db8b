package dev.outreach.shared;

import java.sql.Timestamp;
import java.time.Clock;
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

    /** The signed-in user's name, or "system" for background work. */
    public static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || authentication.getName() == null ? "system" : authentication.getName();
    }
}
