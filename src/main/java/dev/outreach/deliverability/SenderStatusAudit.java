package dev.outreach.deliverability;

import dev.outreach.shared.AuditLog;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every pause and resume of a mailbox or a domain goes to the audit log, whoever made it. In the
 * publishing transaction: the audit row must exist exactly when the change does (the health guard
 * writes all its changes with their rows, or none), and it names the actor of the change, who is
 * the publisher's.
 */
@Component
class SenderStatusAudit {

    private final AuditLog auditLog;

    SenderStatusAudit(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @EventListener
    void on(SenderStatusChanged change) {
        auditLog.record(change.auditAction(), change.table(), change.id(), change.before(), change.after());
    }
}
