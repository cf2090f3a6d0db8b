package dev.outreach.shared;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * An outreach message went out, on whichever channel and however it was settled: the sequencer's
 * delivery, an operator closing a task as sent, or an operator confirming an interrupted send went
 * out. Published by the outreach module in the transaction that marks the message SENT; each
 * module that follows sends has one listener, keyed on {@code messageId} so that a publication the
 * registry runs again after a restart changes nothing twice.
 *
 * @param enrollmentId the cadence enrollment the touch belongs to; null for a one-off send
 * @param mailboxId the mailbox it went from (email only; null when not known, as after a review)
 * @param mailboxAddress that mailbox's address (email only; null when not known)
 * @param touch the enrollment's touch number (0 for the first)
 * @param messageType the kind of touch ({@code initial}, {@code follow_up}, {@code linkedin_connect}, ...)
 */
public record MessageSent(UUID messageId, long leadId, Long enrollmentId, ChannelType channel, Long mailboxId,
        String mailboxAddress, int touch, String messageType, Instant sentAt) {

    /** The sending domain of an email's mailbox; empty for other channels or an unknown mailbox. */
    public Optional<String> senderDomain() {
        if (mailboxAddress == null || mailboxAddress.lastIndexOf('@') < 0) {
            return Optional.empty();
        }
        return Optional.of(mailboxAddress.substring(mailboxAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT));
    }
}
