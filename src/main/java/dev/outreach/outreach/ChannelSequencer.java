package dev.outreach.outreach;

import dev.outreach.campaign.CampaignPlans;
import dev.outreach.campaign.CampaignSenders;
import dev.outreach.campaign.EngineSettingsService;
import dev.outreach.campaign.SequenceConfig;
import dev.outreach.campaign.SequenceService;
import dev.outreach.channel.ChannelConfigService;
import dev.outreach.channel.ChannelSettings;
import dev.outreach.channel.Delivery;
import dev.outreach.channel.Delivery.SendingMailbox;
import dev.outreach.channel.DeliveryResult;
import dev.outreach.channel.ratelimit.ChannelRateLimits;
import dev.outreach.channel.ratelimit.RateDecision;
import dev.outreach.channel.ratelimit.RateLimiterAvailability;
import dev.outreach.deliverability.EmailEventType;
import dev.outreach.deliverability.MailboxDirectory;
import dev.outreach.deliverability.ReputationEventsObserved;
import dev.outreach.deliverability.SuppressionList;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.outreach.StepDecision.AfterSend;
import dev.outreach.outreach.StepDecision.AwaitOperator;
import dev.outreach.outreach.StepDecision.BeforeSend;
import dev.outreach.outreach.StepDecision.Defer;
import dev.outreach.outreach.StepDecision.Deliver;
import dev.outreach.outreach.StepDecision.FallBack;
import dev.outreach.outreach.StepDecision.Finish;
import dev.outreach.outreach.StepDecision.InDoubt;
import dev.outreach.outreach.StepDecision.RetryAt;
import dev.outreach.outreach.StepDecision.Sent;
import dev.outreach.outreach.StepDecision.Skip;
import dev.outreach.shared.AddressBounced;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.DeliveryMode;
import dev.outreach.shared.MessageSent;
import dev.outreach.shared.MessageStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follows a message's sequence from the step it is on: gathers what {@link SendRules} need,
 * delivers when they say so, and carries out their {@link StepDecision} with the store's named
 * transitions. A channel that is disabled, or that the lead cannot be reached on, is SKIPPED
 * with the reason; a soft failure is retried later; a hard failure or the last retry falls back
 * to the next channel at once; our own rate limit defers the message to the limit's next window.
 * Every try is an attempt row, written with the message's new state in one transaction. A try
 * whose outcome is unknown (the reply was lost after the message went out) leaves the message in
 * doubt, for review, never retried.
 *
 * <p>Right before each delivery call the message is durably marked started ({@link StartMarks}):
 * only a started message can be in doubt after a crash. The commit that stores a message's
 * outcome also marks the sender's next message, so the mark costs no commit of its own.
 */
@Service
public class ChannelSequencer {

    private static final Logger log = LoggerFactory.getLogger(ChannelSequencer.class);

    private final SequenceService sequences;
    private final CampaignPlans campaignPlans;
    private final ChannelConfigService channelConfigs;
    private final ChannelRateLimits rateLimits;
    private final RateLimiterAvailability counters;
    private final LeadService leads;
    private final SuppressionList suppressions;
    private final MailboxDirectory mailboxes;
    private final EngineSettingsService engine;
    private final OutreachStore store;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ChannelSequencer(SequenceService sequences, CampaignPlans campaignPlans, ChannelConfigService channelConfigs, ChannelRateLimits rateLimits,
            LeadService leads, SuppressionList suppressions, MailboxDirectory mailboxes,
            EngineSettingsService engine, OutreachStore store, TransactionTemplate transaction,
            ApplicationEventPublisher events, Clock clock, RateLimiterAvailability counters) {
        this.counters = counters;
        this.sequences = sequences;
        this.campaignPlans = campaignPlans;
        this.channelConfigs = channelConfigs;
        this.rateLimits = rateLimits;
        this.leads = leads;
        this.suppressions = suppressions;
        this.mailboxes = mailboxes;
        this.engine = engine;
        this.store = store;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Runs a claimed (SENDING) message through its sequence, with the batch's sender sessions.
     * The result lists every attempt when the sessions ask for it (send now), not in batches.
     */
    public SequenceResult executeSequence(OutreachMessage message, SenderSessions sessions) {
        SequenceResult result = run(message, sessions);
        return sessions.reportAttempts() ? result.withAttempts(store.attempts(message.id()).stream()
                .map(SequenceResult.Attempt::of).toList()) : result;
    }

    private SequenceResult run(OutreachMessage message, SenderSessions sessions) {
        SequenceConfig plan;
        Optional<LeadDetails> lead;
        DeliveryMode mode;
        Optional<ThreadedAnswer> answer;
        try {
            // an answer in the lead's thread follows its own plan: email from the thread's mailbox, nothing else
            answer = ThreadedAnswer.isOne(message) ? store.answer(message.id()) : Optional.empty();
            plan = answer.isPresent() ? ThreadedAnswer.PLAN : sessions.plan(message.sequenceId(),
                    id -> id == null ? sequences.defaultSequence() : sequences.find(id).orElseGet(sequences::defaultSequence));
            lead = sessions.lead(message.leadId(), leads::find);
            mode = sessions.deliveryMode(engine::deliveryMode);
        } catch (RuntimeException e) {
            return settle(message, message.stepIndex(), notPrepared(message, e), sessions).orElseThrow();
        }
        Optional<Finish> stop = SendRules.stop(lead, answer.isPresent())
                .or(() -> answer.filter(a -> a.mailboxId().isEmpty()).map(a -> SendRules.answerWithoutItsMailbox()));
        if (stop.isPresent()) {
            return settle(message, message.stepIndex(), stop.get(), sessions).orElseThrow();
        }
        List<SequenceConfig.Step> steps = plan.steps();
        for (int index = message.stepIndex(); index < steps.size(); index++) {
            Optional<SequenceResult> settled = tryStep(message, lead.get(), steps.get(index), index, mode, answer,
                    sessions);
            if (settled.isPresent()) {
                return settled.get();
            }
        }
        return settle(message, steps.size(), SendRules.everyStepFailed(plan), sessions).orElseThrow();
    }

    /**
     * One step; empty when the sequence moves on to the next. Anything that goes wrong before
     * the delivery call (a setting that cannot be read, a secret that cannot be decrypted, the
     * rate limiter down) defers the message: nothing was sent, so trying again later is safe.
     * Only the delivery itself may leave it SENDING.
     */
    private Optional<SequenceResult> tryStep(OutreachMessage message, LeadDetails lead, SequenceConfig.Step step,
            int index, DeliveryMode mode, Optional<ThreadedAnswer> answer, SenderSessions sessions) {
        StepDecision decision;
        try {
            decision = prepare(message, lead, step, mode, answer, sessions);
        } catch (RuntimeException e) {
            decision = notPrepared(message, e);
        }
        if (decision instanceof BeforeSend held) {
            return settle(message, index, held, sessions);
        }
        Deliver deliver = (Deliver) decision;
        Optional<BeforeSend> suppressed = suppressedSinceClaim(message, step, deliver, answer.isPresent());
        if (suppressed.isPresent()) {
            return settle(message, index, suppressed.get(), sessions);
        }
        if (!markedStarted(message, sessions)) {
            giveBack(deliver.rate());
            log.warn("Outreach message {} is no longer held by this sender (its lease ran out); left alone", message.id());
            return Optional.of(resultOf(message, false, null, MessageStatus.SENDING,
                    "Not sent: another dispatcher or the lease sweep has taken the message"));
        }
        DeliveryResult result = deliver.session().deliver(deliver.delivery());
        if (!SendRules.reachedTheLead(result)) {
            giveBack(deliver.rate());
        }
        Instant now = clock.instant();
        AfterSend outcome = SendRules.afterDelivery(step, deliver.settings(), deliver.delivery(), result, now);
        return record(message, lead, index, step.channel(), deliver.delivery(), outcome, now, sessions);
    }

    /**
     * Whether the message carries the started mark, setting it in a commit of its own when the
     * previous outcome did not (a sender's first message); false when the claim lost it.
     */
    private boolean markedStarted(OutreachMessage message, SenderSessions sessions) {
        StartMarks marks = sessions.startMarks();
        if (marks.isStarted(message.id())) {
            return true;
        }
        if (marks.isLost(message.id())) {
            return false;
        }
        boolean held = store.markStarted(message.id(), marks.claim(), clock.instant());
        marks.marked(message.id(), held);
        return held;
    }

    /**
     * Stores how a message ends for now ({@code transition}, in one transaction) and, in the same
     * commit, marks the message this sender takes next as started (see {@link StartMarks}).
     */
    private void storeOutcome(OutreachMessage message, SenderSessions sessions, Runnable transition) {
        StartMarks marks = sessions.startMarks();
        Optional<UUID> next = marks.toMarkWithOutcome();
        Instant now = clock.instant();
        boolean held = Boolean.TRUE.equals(transaction.execute(tx -> {
            transition.run();
            return next.map(id -> store.markStarted(id, marks.claim(), now)).orElse(false);
        }));
        marks.ended(message.id());
        next.ifPresent(id -> marks.marked(id, held));
    }

    /** The rules before the call, in order; each reads only what it needs, and units are taken last. */
    private StepDecision prepare(OutreachMessage message, LeadDetails lead, SequenceConfig.Step step,
            DeliveryMode mode, Optional<ThreadedAnswer> answer, SenderSessions sessions) {
        ChannelType channel = step.channel();
        Instant now = clock.instant();
        ChannelSettings settings = sessions.channel(channel, channelConfigs::get);
        Optional<Skip> skip = SendRules.skip(channel, settings, lead,
                email -> sessions.suppression(email, suppressions::reasonFor));
        if (skip.isPresent()) {
            return skip.get();
        }
        // from here on the counters are needed (mailbox reputation, units); known to be out of
        // reach, the message waits without a call that would fail (the outage was logged once)
        if (!counters.reachable()) {
            return SendRules.limiterDown(now);
        }
        var session = sessions.session(channel);
        // outside the rate limiter's try: a mailbox that cannot be read is a preparation error, not a limiter outage
        MailboxDirectory.Selection selection = channel != ChannelType.EMAIL ? null : answer.isPresent()
                ? mailboxes.only(sessions.mailboxes(mailboxes::select), answer.get().mailboxId().orElseThrow())
                : allowed(sessions.mailboxes(mailboxes::select), message, sessions);
        if (selection != null) {
            Optional<Defer> noMailbox = answer.isPresent() ? SendRules.answerWaitsForItsMailbox(selection, now)
                    : SendRules.noMailbox(selection, now);
            if (noMailbox.isPresent()) {
                return noMailbox.get();
            }
        }
        SendRules.MailboxPick pick;
        try {
            pick = answer.isPresent() ? takeAnswerUnits(settings, selection.eligible().getFirst())
                    : takeUnits(message, lead, settings, selection, sessions);
        } catch (RuntimeException storeDown) {
            if (counters.recheck()) { // the counters answer: not an outage, so worth its stack trace
                log.warn("Rate limiter failed for outreach message {}; retrying in 5 minutes", message.id(), storeDown);
            }
            return SendRules.limiterDown(now);
        }
        Optional<Defer> limited = SendRules.rateLimited(pick.rate(), channel, now, answer.isPresent()
                ? Optional.of(selection.eligible().getFirst().mailbox().address()) : Optional.empty());
        if (limited.isPresent()) {
            return limited.get();
        }
        int attemptNumber = sessions.tries(message.id(), channel, () -> store.triesOn(message.id(), channel)) + 1;
        // The step's template names the kind of touch (for LinkedIn: "linkedin-connect" asks to connect).
        String messageType = step.messageTemplate() == null ? message.messageType()
                : step.messageTemplate().replace('-', '_');
        Delivery delivery = new Delivery(message.id(), messageType, attemptNumber, recipient(lead),
                new Delivery.Content(message.subject(), message.body(), null), pick.mailbox().orElse(null), mode,
                answer.map(ThreadedAnswer::conversation));
        return new Deliver(session, delivery, settings, pick.rate());
    }

    /** Takes the send's rate-limit units; for email, from the first mailbox in the touch's rotation with room. */
    private SendRules.MailboxPick takeUnits(OutreachMessage message, LeadDetails lead, ChannelSettings settings,
            MailboxDirectory.Selection selection, SenderSessions sessions) {
        if (selection == null) {
            return new SendRules.MailboxPick(Optional.empty(), rateLimits.tryAcquire(settings, lead.id(), null, null));
        }
        return SendRules.pickMailbox(rotation(message, lead, selection, sessions), candidate -> rateLimits.tryAcquire(
                settings, lead.id(), candidate.mailbox().id(), candidate.dailyCap(), candidate.domainId(),
                candidate.domainDailyCap()));
    }

    /** An answer's units: from the thread's mailbox, and not from the lead's allowance (see {@link ThreadedAnswer}). */
    private SendRules.MailboxPick takeAnswerUnits(ChannelSettings settings, MailboxDirectory.EligibleMailbox mailbox) {
        RateDecision rate = rateLimits.tryAcquireAnswer(settings, mailbox.mailbox().id(), mailbox.dailyCap(),
                mailbox.domainId(), mailbox.domainDailyCap());
        return new SendRules.MailboxPick(Optional.of(mailbox.mailbox()), rate);
    }

    private SenderSessions.EnrollmentRef enrollment(OutreachMessage message, SenderSessions sessions) {
        return message.enrollmentId() == null ? SenderSessions.EnrollmentRef.NONE
                : sessions.enrollment(message.enrollmentId(), store::enrollmentRef);
    }

    /**
     * The healthy mailboxes the message's campaign may send from (its senders: domains or single
     * mailboxes); the others are skipped with that reason, so that a campaign whose senders are all
     * unhealthy waits like any email without a healthy mailbox.
     */
    private MailboxDirectory.Selection allowed(MailboxDirectory.Selection selection, OutreachMessage message,
            SenderSessions sessions) {
        CampaignSenders senders = sessions.senders(enrollment(message, sessions).campaignId(), campaignPlans::senders);
        if (senders.allowsAll()) {
            return selection;
        }
        List<MailboxDirectory.EligibleMailbox> eligible = selection.eligible().stream()
                .filter(m -> senders.allows(m.mailbox().id(), m.domainId())).toList();
        java.util.Map<String, String> skipped = new java.util.LinkedHashMap<>(selection.skipped());
        selection.eligible().stream().filter(m -> !eligible.contains(m))
                .forEach(m -> skipped.put(m.mailbox().address(), "not one of the campaign's senders"));
        return new MailboxDirectory.Selection(eligible, skipped);
    }

    /** The touch's mailboxes in order; a re-contact cycle starts elsewhere (see {@link MailboxDirectory#rotation}). */
    private List<MailboxDirectory.EligibleMailbox> rotation(OutreachMessage message, LeadDetails lead,
            MailboxDirectory.Selection selection, SenderSessions sessions) {
        int cycle = enrollment(message, sessions).cycle();
        return MailboxDirectory.rotation(selection.eligible(), lead.id(), message.touch(), cycle);
    }

    /**
     * The last look before an email goes out. A batch reads the suppression list once, before it
     * starts (see the dispatcher's read-ahead), so an unsubscribe or a bounce committed after the
     * claim would not be in it: right before the delivery call the address is looked up again
     * (one indexed query, uq_suppression_entry). When it is suppressed now the units go back and
     * the lead is read again: a lead that stopped (unsubscribed, replied) ends the message
     * SKIPPED on every channel; otherwise only the address is unusable and the email step is
     * SKIPPED like any unreachable channel.
     */
    private Optional<BeforeSend> suppressedSinceClaim(OutreachMessage message, SequenceConfig.Step step, Deliver deliver,
            boolean answer) {
        if (step.channel() != ChannelType.EMAIL) {
            return Optional.empty();
        }
        Optional<String> reason;
        try {
            reason = suppressions.reasonFor(deliver.delivery().recipient().email());
        } catch (RuntimeException e) {
            giveBack(deliver.rate());
            return Optional.of(notPrepared(message, e));
        }
        if (reason.isEmpty()) {
            return Optional.empty();
        }
        giveBack(deliver.rate());
        return Optional.of(SendRules.suppressedSinceClaim(reason.get(), leads.find(message.leadId()), answer));
    }

    /** A failed, bounced or skipped try does not use up the lead's or the channel's allowance. */
    private void giveBack(RateDecision rate) {
        try {
            rateLimits.release(rate);
        } catch (RuntimeException storeDown) {
            log.warn("Could not give back rate-limit units after a failed send", storeDown);
        }
    }

    private Defer notPrepared(OutreachMessage message, RuntimeException e) {
        if (!counters.recheck()) {
            return SendRules.limiterDown(clock.instant()); // the counters went away (logged once, when they did)
        }
        log.warn("Outreach message {} could not be prepared; nothing was sent, retrying in 5 minutes", message.id(), e);
        return SendRules.notPrepared(clock.instant());
    }

    /** Carries out a decision taken before the call; empty when the sequence moves on (a skip). */
    private Optional<SequenceResult> settle(OutreachMessage message, int index, BeforeSend decision,
            SenderSessions sessions) {
        Instant now = clock.instant();
        return switch (decision) {
            case Skip(ChannelType channel, String reason) -> {
                store.recordAttempt(message.id(), channel, store.triesOn(message.id(), channel) + 1,
                        MessageStatus.SKIPPED, reason, now, null, null);
                yield Optional.empty();
            }
            case Defer defer -> Optional.of(defer(message, index, defer, now, sessions));
            case Finish finish -> {
                storeOutcome(message, sessions, () -> store.finish(message.id(), index, finish.status(), finish.reason(), now));
                yield Optional.of(resultOf(message, false, null, finish.status(), finish.reason()));
            }
        };
    }

    private SequenceResult defer(OutreachMessage message, int index, Defer defer, Instant now, SenderSessions sessions) {
        storeOutcome(message, sessions, () -> store.defer(message.id(), index, defer.reason(), defer.until(), now));
        return resultOf(message, false, null, MessageStatus.PENDING, defer.reason() + "; next try at " + defer.until());
    }

    /**
     * Carries out what a delivery's result means, the attempt and the message's new state in one
     * transaction; empty when the sequence falls back to its next step.
     */
    private Optional<SequenceResult> record(OutreachMessage message, LeadDetails lead, int index, ChannelType channel,
            Delivery delivery, AfterSend outcome, Instant now, SenderSessions sessions) {
        int attempt = delivery.attemptNumber();
        SendingMailbox mailbox = delivery.mailbox();
        Long mailboxId = mailbox == null ? null : mailbox.id();
        switch (outcome) {
            case Sent(DeliveryResult result) -> {
                storeOutcome(message, sessions, () -> {
                    store.recordAttempt(message.id(), channel, attempt, result.status(), null, now, null, result.details(),
                            result.unconfirmed());
                    store.markSent(message.id(), index, channel, mailboxId, result.providerMessageId(), now, now);
                    if (result.relayMessageId() != null) {
                        store.recordRelayMessageId(message.id(), result.relayMessageId());
                    }
                    // the lead's last outreach and the reputation's sent count follow, after the commit
                    events.publishEvent(new MessageSent(message.id(), message.leadId(), message.enrollmentId(), channel,
                            mailboxId, mailbox == null ? null : mailbox.address(), message.touch(),
                            delivery.messageType(), now));
                });
                return Optional.of(resultOf(message, true, channel, MessageStatus.SENT, "Sent by " + channel.label()));
            }
            case Defer defer -> {
                return Optional.of(defer(message, index, defer, now, sessions));
            }
            case AwaitOperator(String task, DeliveryResult result) -> {
                storeOutcome(message, sessions, () -> {
                    store.recordAttempt(message.id(), channel, attempt, MessageStatus.PENDING, "Waiting for an operator",
                            now, null, result.details());
                    store.awaitOperator(message.id(), index, channel, mailboxId, task, now);
                });
                return Optional.of(resultOf(message, false, channel, MessageStatus.PENDING,
                        "Waiting for an operator to complete " + task));
            }
            case RetryAt(Instant due, String reason, DeliveryResult result) -> {
                storeOutcome(message, sessions, () -> {
                    store.recordAttempt(message.id(), channel, attempt, MessageStatus.FAILED, result.reason(), now, due,
                            result.details());
                    store.scheduleRetry(message.id(), index, mailboxId, reason, due, now);
                });
                return Optional.of(resultOf(message, false, channel, MessageStatus.FAILED,
                        "Retry on " + channel.label() + " at " + due));
            }
            case InDoubt(String reason, DeliveryResult result) -> {
                storeOutcome(message, sessions, () -> {
                    store.recordAttempt(message.id(), channel, attempt, MessageStatus.SENDING, result.reason(), now, null,
                            result.details());
                    store.markInDoubt(message.id(), index, channel, mailboxId, result.providerMessageId(), reason, now);
                });
                log.warn("Outreach message {} is in doubt after {}: flagged for review, not retried", message.id(),
                        channel.label());
                return Optional.of(resultOf(message, false, channel, MessageStatus.SENDING, reason));
            }
            case FallBack(String reason, DeliveryResult result, Optional<String> deadAddress) -> {
                transaction.executeWithoutResult(tx -> {
                    store.recordAttempt(message.id(), channel, attempt, result.status(), result.reason(), now, null,
                            result.details());
                    store.fallBack(message.id(), index + 1, mailboxId, reason, now);
                });
                if (deadAddress.isPresent()) {
                    bounceAddress(message, deadAddress.get(), result.reason(), now);
                    if (mailbox != null) {
                        count(EmailEventType.BOUNCED, mailbox);
                    }
                }
                return Optional.empty();
            }
        }
    }

    /**
     * {@link AddressBounced}, as a bounce reported later (the events module): its listeners
     * suppress the address and mark the lead BOUNCED right after the commit, so no campaign sends
     * to it again and the lead's enrollment stops at the next tick; the message at hand still
     * falls back to its next channel. In its own transaction, after the attempt is stored: when
     * this fails, the attempt and the fallback stand (nothing was sent), and a later send to the
     * address is refused by the server again.
     */
    private void bounceAddress(OutreachMessage message, String email, String reason, Instant now) {
        try {
            transaction.executeWithoutResult(tx -> events.publishEvent(new AddressBounced(message.leadId(), email,
                    "Bounced when sent: " + reason, "the mail server refused the address for message " + message.id(),
                    now)));
        } catch (RuntimeException e) {
            log.warn("Could not suppress the address of lead {} after the mail server refused it", message.leadId(), e);
        }
    }

    /** The event counts for the global, domain and mailbox reputation (in the deliverability module, after any commit). */
    private void count(EmailEventType event, SendingMailbox mailbox) {
        events.publishEvent(ReputationEventsObserved.of(event, mailbox.address()));
    }

    private static SequenceResult resultOf(OutreachMessage message, boolean success, ChannelType channel,
            MessageStatus status, String note) {
        return new SequenceResult(success, message.id(), channel, status, note, List.of());
    }

    private static Delivery.Recipient recipient(LeadDetails lead) {
        LeadDraft f = lead.fields();
        String linkedinUrl = f.getLinkedin() != null && f.getLinkedin().startsWith("http") ? f.getLinkedin() : null;
        return new Delivery.Recipient(lead.id(), f.getFirstName(), f.getLastName(), f.getCompany(), f.getEmail(),
                lead.linkedinId(), linkedinUrl, f.getContactFormUrl(), f.getWebsite(), f.getPhone());
    }
}
