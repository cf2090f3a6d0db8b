package dev.outreach.deliverability;

import java.time.Instant;

/**
 * A sending domain was resumed (and with it every mailbox of the domain), by an admin or by the
 * health guard ({@code byHealthGuard}).
 *
 * @param id the domain's id
 * @param name the domain
 * @param before the domain before, as the audit log shows it
 * @param after the domain after, as the audit log shows it
 */
public record DomainResumed(long id, String name, boolean byHealthGuard, String before, String after, Instant at)
        implements SenderStatusChanged {

    @Override
    public String auditAction() {
        return byHealthGuard ? "domain.auto-resume" : "sending-domain.resume";
    }

    @Override
    public String table() {
        return "sending_domain";
    }
}
