package dev.outreach.outreach;

import dev.outreach.campaign.SequenceConfig;
import dev.outreach.campaign.SequenceService;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageSent;
import dev.outreach.shared.MessageStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place a message's doubt ends, whoever ends it (a person on the review screen or the
 * sent-folder reconciler): each ending is the message's new state, its effects and its audit
 * row in one transaction, and happens once even when two settle the same message at once.
 */
@Component
class DoubtResolution {

    private final OutreachStore store;
    private final SequenceService sequences;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    DoubtResolution(OutreachStore store, SequenceService sequences, AuditLog auditLog,
            ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.sequences = sequences;
        this.auditLog = auditLog;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Where the message went out, when it is known. */
    record SentVia(Long mailboxId, String mailboxAddress, String messageIdHeader) {

        static final SentVia UNKNOWN = new SentVia(null, null, null);
    }

    /** The channel the message was on when its send was cut off: its sequence's current step. */
    Optional<ChannelType> channelOf(OutreachMessage message) {
        SequenceConfig plan = message.sequenceId() == null ? sequences.defaultSequence()
                : sequences.find(message.sequenceId()).orElseGet(sequences::defaultSequence);
        return message.stepIndex() < plan.steps().size()
                ? Optional.of(plan.steps().get(message.stepIndex()).channel()) : Optional.empty();
    }

    /**
     * SENT at {@code sentAt}, with the usual effects of a send: a SENT attempt saying how it was
     * known, the lead's last outreach, and for an email the mailbox's reputation count.
     */
    boolean confirmSent(OutreachMessage message, ChannelType channel, SentVia via, Instant sentAt, String reason,
            String auditAction) {
        Instant now = clock.instant();
        Instant at = sentAt == null ? now : sentAt;
        boolean settled = Boolean.TRUE.equals(transaction.execute(tx -> {
            if (!store.settleDoubt(message.id(), MessageStatus.SENT, reason, channel, via.mailboxId(),
                    via.messageIdHeader(), at, now)) {
                return false;
            }
            if (channel != null) {
                store.recordAttempt(message.id(), channel, store.triesOn(message.id(), channel) + 1, MessageStatus.SENT,
                        null, now, null, reason);
            }
            auditLog.record(auditAction, "outreach_message", message.id(), "SENDING (in doubt)", "SENT: " + reason);
            // the lead's last outreach and, with the mailbox known, its reputation count: a send's effects
            events.publishEvent(new MessageSent(message.id(), message.leadId(), message.enrollmentId(),
                    channel == null ? ChannelType.EMAIL : channel, via.mailboxId(), via.mailboxAddress(),
                    message.touch(), message.messageType(), at));
            return true;
        }));
        return settled;
    }

    /** PENDING again on the step it was on, due now: the dispatcher sends it at its next claim. */
    boolean sendAgain(OutreachMessage message, String reason, String auditAction) {
        return settle(message, MessageStatus.PENDING, reason, auditAction);
    }

    /** SKIPPED: never sent, and not tried again. */
    boolean drop(OutreachMessage message, String reason, String auditAction) {
        return settle(message, MessageStatus.SKIPPED, reason, auditAction);
    }

    private boolean settle(OutreachMessage message, MessageStatus status, String reason, String auditAction) {
        Instant now = clock.instant();
        return Boolean.TRUE.equals(transaction.execute(tx -> {
            if (!store.settleDoubt(message.id(), status, reason, null, null, null, null, now)) {
                return false;
            }
            auditLog.record(auditAction, "outreach_message", message.id(), "SENDING (in doubt)", status + ": " + reason);
            return true;
        }));
    }
}
