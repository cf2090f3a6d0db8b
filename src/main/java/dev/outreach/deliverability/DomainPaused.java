package dev.outreach.deliverability;

import java.time.Instant;

/**
 * A sending domain was paused (and with it every mailbox of the domain), by an admin or by the
 * health guard ({@code byHealthGuard}).
 *
 * @param id the domain's id
 * @param name the domain
 * @param before the domain before, as the audit log shows it
 * @param after the domain after, as the audit log shows it
 */
public record DomainPaused(long id, String name, boolean byHealthGuard, String before, String after, Instant at)
        implements SenderStatusChanged {

    @Override
    public String auditAction() {
        return byHealthGuard ? "domain.auto-pause" : "sending-domain.pause";
    }

    @Override
    public String table() {
        return "sending_domain";
    }
}
