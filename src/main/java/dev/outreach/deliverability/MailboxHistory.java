package dev.outreach.deliverability;

/**
 * Implemented by a module whose records name the mailbox they were sent from (the outreach
 * module's messages), so that deliverability can refuse to delete such a mailbox without reading
 * that module's tables or depending on it.
 */
public interface MailboxHistory {

    /** True when at least one message went out, or was attempted, from the mailbox. */
    boolean hasSentFrom(long mailboxId);
}
