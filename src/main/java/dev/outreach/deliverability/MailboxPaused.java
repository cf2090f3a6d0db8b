package dev.outreach.deliverability;

import java.time.Instant;

/**
 * A mailbox was paused, by an admin or by the health guard ({@code byHealthGuard}).
 *
 * @param id the mailbox's id
 * @param name its address
 * @param before the mailbox before, as the audit log shows it
 * @param after the mailbox after, as the audit log shows it
 */
public record MailboxPaused(long id, String name, boolean byHealthGuard, String before, String after, Instant at)
        implements SenderStatusChanged {

    @Override
    public String auditAction() {
        return byHealthGuard ? "mailbox.auto-pause" : "mailbox.pause";
    }

    @Override
    public String table() {
        return "mailbox";
    }
}
