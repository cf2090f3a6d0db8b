package dev.outreach.outreach;

import dev.outreach.shared.Wording;
import dev.outreach.campaign.SequencePlan;
import dev.outreach.campaign.SequenceService;
import dev.outreach.channel.ManualTaskCompleted;
import dev.outreach.lead.LeadCampaigns;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadService;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageSent;
import dev.outreach.shared.MessageStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operator API of outreach-channels.md, for the views and for REST: send an outreach
 * message now, the outreach history of a lead, channel metrics.
 */
@Service
public class OutreachService {

    static final int MAX_SUBJECT = 300;
    static final int MAX_BODY = 20_000;

    private final OutreachStore store;
    private final OutboxDispatcher dispatcher;
    private final LeadService leads;
    private final LeadCampaigns leadCampaigns;
    private final SequenceService sequences;
    private final ChannelMetricsQuery metrics;
    private final LeadReplies replies;
    private final DispatchProperties dispatch;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OutreachService(OutreachStore store, OutboxDispatcher dispatcher, LeadService leads, LeadCampaigns leadCampaigns,
            SequenceService sequences,
            ChannelMetricsQuery metrics, LeadReplies replies, DispatchProperties dispatch, AuditLog auditLog,
            ApplicationEventPublisher events, Clock clock) {
        this.replies = replies;
        this.events = events;
        this.auditLog = auditLog;
        this.store = store;
        this.dispatcher = dispatcher;
        this.leads = leads;
        this.leadCampaigns = leadCampaigns;
        this.sequences = sequences;
        this.metrics = metrics;
        this.dispatch = dispatch;
        this.clock = clock;
    }

    /** Sends one message now: writes the message to the outbox and runs its sequence now. */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public SequenceResult sendOutreachMessage(long leadId, String subject, String body) {
        List<FieldError> errors = new ArrayList<>();
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT) {
            errors.add(new FieldError("subject", "Give a subject of 1 to " + MAX_SUBJECT + " characters"));
        }
        if (body == null || body.isBlank() || body.length() > MAX_BODY) {
            errors.add(new FieldError("body", "Give a message of 1 to " + MAX_BODY + " characters"));
        }
        LeadDetails lead = leads.find(leadId).orElse(null);
        if (lead == null) {
            errors.add(new FieldError("leadId", "No lead with id " + leadId));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        SequencePlan plan = sequences.forCampaign(leadCampaigns.latestCampaign(leadId).orElse(null));
        Instant now = clock.instant();
        OutreachMessage message = OutreachMessage.firstTouch(leadId, subject.strip(), body.strip(), now, now, plan);
        store.insert(message, now);
        UUID claim = UUID.randomUUID();
        if (!store.claim(message.id(), now, now.plus(dispatch.lease()), claim)) {
            return sequencerResult(message.id());
        }
        return dispatcher.runNow(store.find(message.id()).orElseThrow(), claim);
    }

    /** The outreach history: a lead's messages, newest first, each with its attempts. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public List<MessageHistory> outreachHistory(long leadId, int limit) {
        int bounded = Math.max(1, Math.min(limit, 500));
        return store.forLead(leadId, bounded).stream()
                .map(message -> new MessageHistory(message, store.attempts(message.id()))).toList();
    }

    /** The lead a message went to, for links inside the message (unsubscribe). */
    @Transactional(readOnly = true)
    public java.util.Optional<Long> leadOf(UUID messageId) {
        return store.find(messageId).map(OutreachMessage::leadId);
    }

    /**
     * The last email that went out to a lead, for mail from the lead that quotes none of our
     * Message-IDs (a reply written as a new mail, an auto-reply that drops the thread).
     */
    @Transactional(readOnly = true)
    public java.util.Optional<UUID> lastEmailTo(long leadId) {
        return store.lastEmailTo(leadId);
    }

    /** The replies a lead sent to our messages, newest first (read over IMAP; see the events module). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public List<LeadReply> replies(long leadId, int limit) {
        return replies.forLead(leadId, Math.max(1, Math.min(limit, 500)));
    }

    /** When a message went out, if it did: tracking tells a machine's open (on arrival) from a person's by it. */
    @Transactional(readOnly = true)
    public java.util.Optional<Instant> sentAt(UUID messageId) {
        return store.find(messageId).map(OutreachMessage::sentAt);
    }

    /** Recent messages for the outreach history view. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public List<OutreachMessage> recentMessages(MessageFilter filter, int offset, int limit) {
        return store.recent(filter, offset, Math.min(limit, 500));
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public List<OutreachAttempt> attempts(UUID messageId) {
        return store.attempts(messageId);
    }

    /** Channel metrics over the last {@code days} days, for one campaign or all. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public ChannelMetrics channelMetrics(Long campaignId, int days) {
        if (days < 1 || days > 365) {
            throw new InvalidInputException("days", "Give 1 to 365 days");
        }
        return metrics.compute(campaignId, days, clock.instant().minus(Duration.ofDays(days)));
    }

    /**
     * Settles a message flagged for review after an interrupted send: the operator either confirms
     * it went out (checked in the mail server's log or the sent folder) or sends it again.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public void resolveReview(UUID messageId, boolean wentOut) {
        OutreachMessage message = store.find(messageId)
                .filter(m -> m.needsReview() && m.status() == MessageStatus.SENDING)
                .orElseThrow(() -> new InvalidInputException("messageId", "No message awaiting review with id " + messageId));
        Instant now = clock.instant();
        if (wentOut) {
            store.resolveReview(messageId, MessageStatus.SENT, "Confirmed sent by " + AuditLog.currentActor(), now, now);
            // which mailbox the interrupted send used is not known: the sent count of reputation leaves it out
            events.publishEvent(new MessageSent(messageId, message.leadId(), message.enrollmentId(),
                    interruptedChannel(message), null, null,
                    message.touch(), message.messageType(), now));
        } else {
            store.resolveReview(messageId, MessageStatus.PENDING, "Sent again on " + Wording.possessive(AuditLog.currentActor()) + " decision",
                    null, now);
        }
        auditLog.record(wentOut ? "outreach.review-sent" : "outreach.review-resend", "outreach_message", messageId,
                "SENDING (needs review)", wentOut ? "SENT" : "PENDING");
    }

    /**
     * Continues a message whose operator task was closed, in the task's transaction: SENT ends
     * it; FAILED or SKIPPED moves it to the next channel, which the dispatcher picks up at once.
     */
    @EventListener
    void onManualTaskCompleted(ManualTaskCompleted event) {
        store.messageWaitingFor("task:" + event.taskId()).ifPresent(id -> {
            OutreachMessage message = store.find(id).orElseThrow();
            Instant now = clock.instant();
            String note = event.note() == null ? "" : ": " + event.note();
            // the attempt says a person decided, whatever the outcome: "Operator: sent", "Operator: failed: <note>"
            store.completeWaitingAttempt(id, event.channel(), event.outcome(),
                    "Operator: " + event.outcome().name().toLowerCase(Locale.ROOT) + note);
            if (event.outcome() == MessageStatus.SENT) {
                store.markSent(id, message.stepIndex(), event.channel(), null, null, event.completedAt(), now);
                events.publishEvent(new MessageSent(id, message.leadId(), message.enrollmentId(), event.channel(), null,
                        null, message.touch(), message.messageType(), event.completedAt()));
            } else {
                // the next step, due at once: the dispatcher claims it and the sequencer goes on from there
                store.defer(id, message.stepIndex() + 1,
                        event.channel().label() + " task " + event.outcome().name().toLowerCase() + note, now, now);
            }
        });
    }

    /** The channel of the step an interrupted send was on (a SENDING message names no channel yet). */
    private ChannelType interruptedChannel(OutreachMessage message) {
        SequencePlan plan = message.sequenceId() == null ? sequences.defaultSequence()
                : sequences.find(message.sequenceId()).orElseGet(sequences::defaultSequence);
        List<SequencePlan.Step> steps = plan.steps();
        return message.channelUsed() != null || steps.isEmpty() ? java.util.Objects.requireNonNullElse(
                message.channelUsed(), ChannelType.EMAIL) : steps.get(Math.min(message.stepIndex(), steps.size() - 1)).channel();
    }

    private SequenceResult sequencerResult(UUID id) {
        OutreachMessage message = store.find(id).orElseThrow();
        return new SequenceResult(false, id, message.channelUsed(), message.status(), message.statusReason(),
                store.attempts(id).stream().map(SequenceResult.Attempt::of).toList());
    }
}
