package dev.outreach.deliverability;

import java.time.LocalDate;

/**
 * What an admin submits to create or change a mailbox.
 *
 * @param dailyCap the warm-up target: what the mailbox may send per day once warmed up
 * @param warmupStartedOn first day of the warm-up; null when the mailbox needs none
 * @param imap {@link MailServerSettings#none()} when replies are not read over IMAP
 */
public record MailboxDraft(String address, String displayName, Long domainId, MailServerSettings smtp,
        MailServerSettings imap, Integer dailyCap, Integer warmupStartVolume, Integer warmupDailyIncrease,
        LocalDate warmupStartedOn) {
}
