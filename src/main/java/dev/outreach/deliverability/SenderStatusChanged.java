package dev.outreach.deliverability;

import java.time.Instant;

/**
 * A mailbox or a sending domain was paused or resumed, by an admin or by the {@link HealthGuard}:
 * {@link MailboxPaused}, {@link MailboxResumed}, {@link DomainPaused}, {@link DomainResumed}. Each
 * carries the state before and after as the audit log shows it, which {@link SenderStatusAudit}
 * records.
 */
public sealed interface SenderStatusChanged permits MailboxPaused, MailboxResumed, DomainPaused, DomainResumed {

    /** The mailbox's or the domain's id. */
    long id();

    /** The mailbox's address or the domain's name. */
    String name();

    /** True when the health guard made the change, false when an admin did. */
    boolean byHealthGuard();

    /** The state before, as the audit log shows it. */
    String before();

    /** The state after, as the audit log shows it. */
    String after();

    Instant at();

    /** The audit log's action ({@code mailbox.pause}, {@code domain.auto-resume}, ...). */
    String auditAction();

    /** The table the audit log names. */
    String table();
}
