package dev.outreach.outreach;

import dev.outreach.shared.Wording;
import dev.outreach.campaign.SequenceConfig;
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
import dev.outreach.deliverability.SentFolders;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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
    /** Messages one review page or one bulk action takes at most. */
    static final int MAX_REVIEW_BATCH = 500;

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
    private final DoubtResolution doubts;
    private final ReviewQueue reviewQueue;
    private final SentFolders sentFolders;

    OutreachService(OutreachStore store, OutboxDispatcher dispatcher, LeadService leads, LeadCampaigns leadCampaigns,
            SequenceService sequences,
            ChannelMetricsQuery metrics, LeadReplies replies, DispatchProperties dispatch, AuditLog auditLog,
            ApplicationEventPublisher events, Clock clock, DoubtResolution doubts, ReviewQueue reviewQueue,
            SentFolders sentFolders) {
        this.doubts = doubts;
        this.reviewQueue = reviewQueue;
        this.sentFolders = sentFolders;
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
        SequenceConfig plan = sequences.forCampaign(leadCampaigns.latestCampaign(leadId).orElse(null));
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

    /** The messages in doubt (their send was cut off), longest in doubt first, with what is known of each. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public List<ReviewItem> reviewQueue(int offset, int limit) {
        return reviewQueue.page(Math.max(0, offset), Math.max(1, Math.min(limit, MAX_REVIEW_BATCH)));
    }

    /** How many messages are in doubt: the review screen's count. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public int reviewCount() {
        return store.countInDoubt();
    }

    /**
     * A person's decision for messages in doubt, each settled and audited on its own: confirmed
     * SENT (checked in the mail server's log, the sent folder or the LinkedIn account), PENDING to
     * be sent again now, or dropped (SKIPPED). A message no longer in doubt (settled meanwhile by
     * someone else or the sent-folder reconciler) is left as it is and counted apart.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public ReviewResult resolveReviews(Collection<UUID> messageIds, ReviewAction action) {
        if (action == null) {
            throw new InvalidInputException("action", "Choose confirm sent, send again or drop");
        }
        if (messageIds == null || messageIds.isEmpty()) {
            throw new InvalidInputException("messageIds", "Select at least one message");
        }
        if (messageIds.size() > MAX_REVIEW_BATCH) {
            throw new InvalidInputException("messageIds", "Select at most " + MAX_REVIEW_BATCH + " messages at once");
        }
        String actor = AuditLog.currentActor();
        Map<Long, String> mailboxes = action == ReviewAction.CONFIRM_SENT ? sentFolders.mailboxes().stream()
                .collect(Collectors.toMap(SentFolders.MailboxReach::id, SentFolders.MailboxReach::address)) : Map.of();
        int settled = 0;
        for (UUID id : new LinkedHashSet<>(messageIds)) {
            Optional<OutreachMessage> message = store.find(id).filter(m -> m.needsReview() && m.status() == MessageStatus.SENDING);
            if (message.isPresent() && settle(message.get(), action, actor, mailboxes)) {
                settled++;
            }
        }
        return new ReviewResult(action, settled, new LinkedHashSet<>(messageIds).size() - settled);
    }

    private boolean settle(OutreachMessage message, ReviewAction action, String actor, Map<Long, String> mailboxes) {
        return switch (action) {
            case CONFIRM_SENT -> doubts.confirmSent(message, doubts.channelOf(message).orElse(null),
                    new DoubtResolution.SentVia(message.mailboxId(), mailboxes.get(message.mailboxId()), null),
                    clock.instant(), "Confirmed sent by " + actor, "outreach.review-sent");
            case SEND_AGAIN -> doubts.sendAgain(message, "Sent again on " + Wording.possessive(actor) + " decision",
                    "outreach.review-resend");
            case DROP -> doubts.drop(message, "Dropped by " + actor + " after review", "outreach.review-drop");
        };
    }

    /**
     * Settles one message flagged for review after an interrupted send: the operator either confirms
     * it went out or sends it again.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public void resolveReview(UUID messageId, boolean wentOut) {
        ReviewResult result = resolveReviews(List.of(messageId), wentOut ? ReviewAction.CONFIRM_SENT : ReviewAction.SEND_AGAIN);
        if (result.settled() == 0) {
            throw new InvalidInputException("messageId", "No message awaiting review with id " + messageId);
        }
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
    private SequenceResult sequencerResult(UUID id) {
        OutreachMessage message = store.find(id).orElseThrow();
        return new SequenceResult(false, id, message.channelUsed(), message.status(), message.statusReason(),
                store.attempts(id).stream().map(SequenceResult.Attempt::of).toList());
    }
}
