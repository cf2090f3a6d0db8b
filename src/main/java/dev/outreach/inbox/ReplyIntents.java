package dev.outreach.inbox;

import dev.outreach.events.InboundReplies;
import dev.outreach.events.InboundReply;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The intent of every inbound reply: labelled by the rules when it arrives, by the model later
 * for what the rules left open (when an LLM endpoint is configured), relabelled by people, whose
 * relabels measure the classifier.
 */
@Service
public class ReplyIntents {

    private final ReplyIntentStore store;
    private final ReplyIntentModel model;
    private final InboundReplies replies;
    private final AuditLog auditLog;
    private final Clock clock;
    private final InboxProperties properties;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    ReplyIntents(ReplyIntentStore store, ReplyIntentModel model, InboundReplies replies, AuditLog auditLog, Clock clock,
            InboxProperties properties, TransactionTemplate transactions, ApplicationEventPublisher events) {
        this.events = events;
        this.transactions = transactions;
        this.store = store;
        this.model = model;
        this.replies = replies;
        this.auditLog = auditLog;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Labels {@code reply} by the rules and stores the label; what they leave open is stored open
     * (AUTO_REPLY_OTHER, low confidence) and, with a model configured, left for it. A reply that has
     * a label keeps it: returns the stored label.
     */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Transactional
    public ReplyLabel classify(InboundReply reply) {
        Optional<ReplyLabel> existing = store.find(reply.id());
        if (existing.isPresent()) {
            return existing.get();
        }
        Optional<ReplyIntent> decided = ReplyIntentRules.classify(incoming(reply));
        ReplyIntent intent = decided.orElseGet(() -> ReplyIntent.open("left open by the rules"
                + (model.enabled() ? "; the model is asked next" : "; no model configured"), IntentSource.RULE));
        boolean awaitingModel = decided.isEmpty() && model.enabled();
        if (store.insert(reply.id(), reply.leadId(), intent, awaitingModel, clock.instant())) {
            auditLog.record("reply.intent", "email_reply", reply.id(), null, describe(intent));
            if (!awaitingModel) {
                announce(reply, intent);
            }
        }
        return store.find(reply.id()).orElseThrow();
    }

    /** The reply's label; empty when it has none (yet, or it is not a reply or automatic answer). */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Transactional(readOnly = true)
    public Optional<ReplyLabel> labelOf(long replyId) {
        return store.find(replyId);
    }

    /** The labels of a page of replies, by reply id (replies without one are absent). */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Transactional(readOnly = true)
    public Map<Long, ReplyLabel> labelsOf(Collection<Long> replyIds) {
        return store.findAll(replyIds).stream().collect(Collectors.toMap(ReplyLabel::replyId, Function.identity()));
    }

    /**
     * A person's label for the reply, in force from now on (setting the machine's label again
     * confirms it). Audited and kept in the relabel history with who, when, from and to.
     */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Transactional
    public ReplyLabel relabel(long replyId, Relabel relabel) {
        ReplyLabel before = store.find(replyId)
                .orElseThrow(() -> new InvalidInputException("replyId", "Reply " + replyId + " has no label to change"));
        ReplyIntent intent = relabel.intent(before.intent().label());
        Instant now = clock.instant();
        String by = actor();
        store.storePersonLabel(replyId, intent, now);
        store.recordRelabel(replyId, before, intent.label(), by, now);
        auditLog.record("reply.relabel", "email_reply", replyId, describe(before.intent()), describe(intent));
        return store.find(replyId).orElseThrow();
    }

    /** How far people keep the rules' and the model's labels (see {@link Agreement}). */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Transactional(readOnly = true)
    public Agreement agreement() {
        Map<IntentSource, Agreement.Reviewed> bySource = new EnumMap<>(IntentSource.class);
        long reviewed = 0;
        long kept = 0;
        for (Object[] row : store.reviewedBySource()) {
            bySource.put(IntentSource.valueOf((String) row[0]), new Agreement.Reviewed((Long) row[1], (Long) row[2]));
            reviewed += (Long) row[1];
            kept += (Long) row[2];
        }
        return new Agreement(store.labelled(), new Agreement.Reviewed(reviewed, kept), Map.copyOf(bySource));
    }

    /**
     * Asks the model about up to {@code outreach.inbox.model-batch} replies the rules left open,
     * each claimed first so that two instances never ask about the same one; returns how many it
     * labelled. Nothing without a model. Runs outside a transaction: a slow model holds no lock.
     */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public int labelOpenRepliesWithModel() {
        if (!model.enabled()) {
            return 0;
        }
        Instant now = clock.instant();
        Instant stale = now.minus(properties.modelClaim());
        int labelled = 0;
        for (long replyId : store.modelDue(stale, properties.modelBatch())) {
            Optional<InboundReply> reply = replies.find(replyId);
            if (reply.isEmpty() || !store.claimForModel(replyId, now, stale)) {
                continue;
            }
            ReplyIntent intent = model.classify(incoming(reply.get()));
            boolean stored = Boolean.TRUE.equals(transactions.execute(tx -> {
                boolean done = store.storeModelLabel(replyId, intent, clock.instant());
                if (done) {
                    auditLog.record("reply.intent", "email_reply", replyId, null, describe(intent));
                    announce(reply.get(), intent);
                }
                return done;
            }));
            labelled += stored ? 1 : 0;
        }
        return labelled;
    }

    /** {@link ReplyLabelled} for the label just stored, in the caller's transaction. */
    private void announce(InboundReply reply, ReplyIntent intent) {
        events.publishEvent(new ReplyLabelled(reply.id(), reply.leadId(), reply.messageId(), reply.automatic().isPresent(),
                reply.subject(), intent, reply.receivedAt()));
    }

    /** What the rules and the model read of a stored reply; dates count from the day it was written, as the poller reads them. */
    static IncomingReply incoming(InboundReply reply) {
        return new IncomingReply(reply.subject(), reply.from(), reply.text(), reply.automatic(),
                LocalDate.ofInstant(reply.writtenAt(), ZoneOffset.UTC));
    }

    private static String describe(ReplyIntent intent) {
        return intent.label() + " (" + intent.source() + ", " + Math.round(intent.confidence() * 100) + "%)"
                + intent.date().map(d -> " " + d).orElse("")
                + intent.referralEmail().map(e -> " -> " + e).orElse("") + ": " + intent.reason();
    }

    private static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "unknown" : authentication.getName();
    }

    /** What a person sets: the label and, where it has them, the date and the referral. */
    public record Relabel(IntentLabel label, Optional<LocalDate> date, Optional<String> referralName,
            Optional<String> referralEmail) {

        public static Relabel to(IntentLabel label) {
            return new Relabel(label, Optional.empty(), Optional.empty(), Optional.empty());
        }

        ReplyIntent intent(IntentLabel before) {
            if (label == null) {
                throw new InvalidInputException("label", "Choose a label");
            }
            Optional<String> email = referralEmail.map(String::strip).filter(e -> !e.isEmpty());
            if (email.isPresent() && (email.get().length() > 320 || !email.get().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
                throw new InvalidInputException("referralEmail", "Not an email address: " + email.get());
            }
            Optional<String> name = referralName.map(String::strip).filter(n -> !n.isEmpty());
            if (name.isPresent() && name.get().length() > 200) {
                throw new InvalidInputException("referralName", "At most 200 characters");
            }
            return new ReplyIntent(label, date, name, email, 1.0, label == before ? "confirmed by a person" : "relabelled by a person",
                    IntentSource.PERSON);
        }
    }
}
