package dev.outreach.outreach;

import dev.outreach.campaign.EngineSettingsService;
import dev.outreach.campaign.SequencePlan;
import dev.outreach.campaign.SequenceService;
import dev.outreach.channel.ChannelConfigService;
import dev.outreach.channel.ChannelSender;
import dev.outreach.channel.ChannelSettings;
import dev.outreach.channel.Delivery;
import dev.outreach.channel.Delivery.SendingMailbox;
import dev.outreach.channel.DeliveryResult;
import dev.outreach.channel.ratelimit.ChannelRateLimits;
import dev.outreach.channel.ratelimit.RateDecision;
import dev.outreach.deliverability.EmailEventType;
import dev.outreach.deliverability.MailboxDirectory;
import dev.outreach.deliverability.ReputationEventsObserved;
import dev.outreach.deliverability.SuppressionList;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.lead.LeadStatus;
import dev.outreach.lead.LeadStop;
import dev.outreach.shared.AddressBounced;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.DeliveryMode;
import dev.outreach.shared.MessageStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reference's ChannelSequencer: follows a message's sequence from the step it is on. A
 * channel that is disabled, or that the lead cannot be reached on, is SKIPPED with the reason;
 * a soft failure is retried later (up to the step's retries, capped by the channel's) after the
 * channel's backoff for that retry, else the step's delay, and at least any Retry-After (a future
 * due time, never a sleeping thread); a hard failure or the last retry falls back to the next channel at once. Hitting our
 * own rate limit defers the message to the limit's next window and is not a channel failure.
 * Every try is an attempt row, written with the message's new state in one transaction.
 */
@Service
public class ChannelSequencer {

    private final SequenceService sequences;
    private final ChannelConfigService channelConfigs;
    private final ChannelRateLimits rateLimits;
    private final LeadService leads;
    private final SuppressionList suppressions;
    private final MailboxDirectory mailboxes;
    private final EngineSettingsService engine;
    private final OutreachStore store;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ChannelSequencer(SequenceService sequences, ChannelConfigService channelConfigs, ChannelRateLimits rateLimits,
            LeadService leads, SuppressionList suppressions, MailboxDirectory mailboxes,
            EngineSettingsService engine, OutreachStore store, TransactionTemplate transaction,
            ApplicationEventPublisher events, Clock clock) {
        this.sequences = sequences;
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
        SequencePlan plan;
        LeadDetails lead;
        DeliveryMode mode;
        try {
            plan = sessions.memo("sequence:" + message.sequenceId(), () -> message.sequenceId() == null
                    ? sequences.defaultSequence()
                    : sequences.find(message.sequenceId()).orElseGet(sequences::defaultSequence));
            lead = sessions.memo("lead:" + message.leadId(), () -> leads.find(message.leadId()).orElse(null));
            mode = sessions.memo("delivery-mode", engine::deliveryMode);
        } catch (RuntimeException e) {
            return deferAfterError(message, message.stepIndex(), e);
        }
        if (lead == null) {
            return finish(message, message.stepIndex(), MessageStatus.SKIPPED, "The lead was deleted");
        }
        Optional<String> leadStop = leadStop(lead);
        if (leadStop.isPresent()) {
            return finish(message, message.stepIndex(), MessageStatus.SKIPPED, leadStop.get());
        }
        List<SequencePlan.Step> steps = plan.steps();
        for (int index = message.stepIndex(); index < steps.size(); index++) {
            SequencePlan.Step step = steps.get(index);
            Outcome outcome = tryStep(message, lead, step, index, mode, sessions);
            if (outcome.settled()) {
                return outcome.result();
            }
        }
        return finish(message, steps.size(), MessageStatus.FAILED, "Every channel of sequence '" + plan.name() + "' failed");
    }

    /**
     * One step. Anything that goes wrong before the delivery call (a setting that cannot be read,
     * a secret that cannot be decrypted, the rate limiter down) defers the message: nothing was
     * sent, so trying again later is safe. Only the delivery itself may leave it SENDING.
     */
    private Outcome tryStep(OutreachMessage message, LeadDetails lead, SequencePlan.Step step, int index,
            DeliveryMode mode, SenderSessions sessions) {
        Prepared prepared;
        try {
            prepared = prepare(message, lead, step, index, mode, sessions);
        } catch (RuntimeException e) {
            return new Outcome(true, deferAfterError(message, index, e));
        }
        if (prepared.outcome() != null) {
            return prepared.outcome();
        }
        Optional<Outcome> suppressedSinceClaim = suppressedSinceClaim(message, step, index, prepared);
        if (suppressedSinceClaim.isPresent()) {
            return suppressedSinceClaim.get();
        }
        DeliveryResult result = prepared.session().deliver(prepared.delivery());
        boolean reachedTheLead = result.status() == MessageStatus.SENT || result.status() == MessageStatus.DELIVERED
                || (result.status() == MessageStatus.PENDING && !result.deferred());
        if (!reachedTheLead) {
            giveBack(prepared.rate());
        }
        return record(message, lead, step, index, prepared.settings(), prepared.delivery(), result);
    }

    private Prepared prepare(OutreachMessage message, LeadDetails lead, SequencePlan.Step step, int index,
            DeliveryMode mode, SenderSessions sessions) {
        ChannelType channel = step.channel();
        Instant now = clock.instant();
        ChannelSettings settings = sessions.memo("channel:" + channel, () -> channelConfigs.get(channel));
        if (!settings.enabled()) {
            return Prepared.done(skip(message, channel, "Channel " + channel.label() + " is disabled"));
        }
        Optional<String> unreachable = unreachable(lead, channel, sessions);
        if (unreachable.isPresent()) {
            return Prepared.done(skip(message, channel, unreachable.get()));
        }
        ChannelSender.SenderSession session = sessions.session(channel);
        SendingMailbox mailbox = null;
        // outside the rate limiter's try: a mailbox that cannot be read is a preparation error, not a limiter outage
        MailboxDirectory.Selection selection = channel == ChannelType.EMAIL ? sessions.memo("mailboxes", mailboxes::select)
                : null;
        if (selection != null && selection.noneEligible()) {
            return Prepared.done(new Outcome(true, defer(message, index, now.plus(1, ChronoUnit.HOURS),
                    NO_HEALTHY_MAILBOX + (selection.skipped().isEmpty() ? " (no mailbox is set up)" : ""))));
        }
        RateDecision rate;
        try {
            if (selection != null) {
                rate = null;
                int cycle = message.enrollmentId() == null ? 0
                        : sessions.memo("cycle:" + message.enrollmentId(), () -> store.recontactCycle(message.enrollmentId()));
                // the touch's mailbox first; when its (or its domain's) daily cap is reached, the next in the rotation
                for (MailboxDirectory.EligibleMailbox candidate : MailboxDirectory.rotation(selection.eligible(), lead.id(),
                        message.touch(), cycle)) {
                    rate = rateLimits.tryAcquire(settings, lead.id(), candidate.mailbox().id(), candidate.dailyCap(),
                            candidate.domainId(), candidate.domainDailyCap());
                    if (rate.allowed() || !ChannelRateLimits.isSenderCap(rate.exceeded().orElseThrow())) {
                        mailbox = candidate.mailbox();
                        break;
                    }
                }
            } else {
                rate = rateLimits.tryAcquire(settings, lead.id(), null, null);
            }
        } catch (RuntimeException storeDown) {
            log.warn("Rate limiter unavailable for outreach message {}; retrying in 5 minutes", message.id(), storeDown);
            return Prepared.done(new Outcome(true, defer(message, index, now.plus(5, ChronoUnit.MINUTES),
                    "The rate limiter could not be reached, so nothing was sent; retrying in 5 minutes")));
        }
        if (!rate.allowed()) {
            boolean everyMailboxFull = ChannelRateLimits.isSenderCap(rate.exceeded().orElseThrow());
            return Prepared.done(new Outcome(true, defer(message, index,
                    rate.retryAt().orElse(now.plus(1, ChronoUnit.HOURS)),
                    everyMailboxFull ? "Every healthy mailbox reached its daily cap"
                            : "Waiting for the " + channel.label() + " rate limit: "
                                    + rate.exceeded().orElseThrow().description())));
        }
        int attemptNumber = sessions.<Integer>memo("tries:" + message.id() + ":" + channel,
                () -> store.triesOn(message.id(), channel)) + 1;
        // The step's template names the kind of touch (for LinkedIn: "linkedin-connect" asks to connect).
        String messageType = step.messageTemplate() == null ? message.messageType()
                : step.messageTemplate().replace('-', '_');
        Delivery delivery = new Delivery(message.id(), messageType, attemptNumber, recipient(lead),
                new Delivery.Content(message.subject(), message.body(), null), mailbox, mode);
        return new Prepared(null, session, delivery, settings, rate);
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
    private Optional<Outcome> suppressedSinceClaim(OutreachMessage message, SequencePlan.Step step, int index,
            Prepared prepared) {
        if (step.channel() != ChannelType.EMAIL) {
            return Optional.empty();
        }
        Optional<String> reason;
        try {
            reason = suppressions.reasonFor(prepared.delivery().recipient().email());
        } catch (RuntimeException e) {
            giveBack(prepared.rate());
            return Optional.of(new Outcome(true, deferAfterError(message, index, e)));
        }
        if (reason.isEmpty()) {
            return Optional.empty();
        }
        giveBack(prepared.rate());
        Optional<String> stopped = leads.find(message.leadId()).map(this::leadStop)
                .orElseGet(() -> Optional.of("The lead was deleted"));
        if (stopped.isPresent()) {
            return Optional.of(new Outcome(true, finish(message, index, MessageStatus.SKIPPED, stopped.get())));
        }
        return Optional.of(skip(message, ChannelType.EMAIL, "The address is suppressed: " + reason.get()));
    }

    /** A failed, bounced or skipped try does not use up the lead's or the channel's allowance. */
    private void giveBack(RateDecision rate) {
        try {
            rateLimits.release(rate);
        } catch (RuntimeException storeDown) {
            log.warn("Could not give back rate-limit units after a failed send", storeDown);
        }
    }

    /** Either the step is already decided ({@code outcome}), or a delivery is ready to go. */
    private record Prepared(Outcome outcome, ChannelSender.SenderSession session, Delivery delivery,
            ChannelSettings settings, RateDecision rate) {

        static Prepared done(Outcome outcome) {
            return new Prepared(outcome, null, null, null, null);
        }
    }

    private SequenceResult deferAfterError(OutreachMessage message, int index, RuntimeException e) {
        log.warn("Outreach message {} could not be prepared; nothing was sent, retrying in 5 minutes", message.id(), e);
        return defer(message, index, clock.instant().plus(5, ChronoUnit.MINUTES),
                // the exception's own message can be SQL or a stack's worth of detail: it goes to the log, not to users
                "Could not prepare the send, nothing went out; retrying in 5 minutes (details in the application log)");
    }

    private Outcome record(OutreachMessage message, LeadDetails lead, SequencePlan.Step step, int index,
            ChannelSettings settings, Delivery delivery, DeliveryResult result) {
        Instant now = clock.instant();
        int attemptNumber = delivery.attemptNumber();
        SendingMailbox mailbox = delivery.mailbox();
        ChannelType channel = step.channel();
        Long mailboxId = mailbox == null ? null : mailbox.id();
        switch (result.status()) {
            case SENT, DELIVERED -> {
                transaction.executeWithoutResult(tx -> {
                    store.recordAttempt(message.id(), channel, attemptNumber, result.status(), null, now, null, result.details(),
                            result.unconfirmed());
                    store.update(message.id(), MessageStatus.SENT, index, channel, mailboxId, result.providerMessageId(),
                            null, null, null, now, now);
                    leads.recordOutreach(message.leadId(), now);
                });
                if (channel == ChannelType.EMAIL && mailbox != null) {
                    count(EmailEventType.SENT, mailbox);
                }
                return new Outcome(true, resultOf(message.id(), true, channel, MessageStatus.SENT, "Sent by " + channel.label()));
            }
            case PENDING -> {
                if (result.deferred()) {
                    return new Outcome(true, defer(message, index, now.plus(result.retryAfter().orElse(Duration.ofHours(1))),
                            channel.label() + ": " + result.reason()));
                }
                transaction.executeWithoutResult(tx -> {
                    store.recordAttempt(message.id(), channel, attemptNumber, MessageStatus.PENDING,
                            "Waiting for an operator", now, null, result.details());
                    store.update(message.id(), MessageStatus.PENDING, index, channel, mailboxId, null,
                            "Waiting for an operator (" + result.providerMessageId() + ")", null,
                            result.providerMessageId(), null, now);
                });
                return new Outcome(true, resultOf(message.id(), false, channel, MessageStatus.PENDING,
                        "Waiting for an operator to complete " + result.providerMessageId()));
            }
            default -> {
                boolean retry = !result.isHardFailure() && attemptNumber <= maxRetries(step, settings);
                if (retry) {
                    Instant due = now.plus(backoff(step, settings, attemptNumber, result.retryAfter()));
                    transaction.executeWithoutResult(tx -> {
                        store.recordAttempt(message.id(), channel, attemptNumber, MessageStatus.FAILED, result.reason(),
                                now, due, result.details());
                        store.update(message.id(), MessageStatus.PENDING, index, null, mailboxId, null,
                                channel.label() + " failed, retry " + attemptNumber + " of " + maxRetries(step, settings)
                                        + ": " + result.reason(), due, null, null, now);
                    });
                    return new Outcome(true, resultOf(message.id(), false, channel, MessageStatus.FAILED,
                            "Retry on " + channel.label() + " at " + due));
                }
                transaction.executeWithoutResult(tx -> {
                    store.recordAttempt(message.id(), channel, attemptNumber, result.status(), result.reason(), now, null,
                            result.details());
                    store.update(message.id(), MessageStatus.SENDING, index + 1, null, mailboxId, null,
                            "Falling back after " + channel.label() + ": " + result.reason(), null, null, null, now);
                });
                // the server refused the lead's address itself for good: no message may try it again
                if (channel == ChannelType.EMAIL && result.addressRejected() && delivery.recipient() != null
                        && delivery.recipient().email() != null) {
                    bounceAddress(message, delivery.recipient().email(), result.reason(), now);
                    if (mailbox != null) {
                        count(EmailEventType.BOUNCED, mailbox);
                    }
                }
                return new Outcome(false, null);
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

    /** The step's retries, never more than its channel allows ({@code channel_config.max_retries}). */
    static int maxRetries(SequencePlan.Step step, ChannelSettings settings) {
        return Math.min(step.maxRetries(), settings.maxRetries());
    }

    /** The wait before retry number {@code retry}: the channel's backoff list, else the step's delay; at least Retry-After. */
    static Duration backoff(SequencePlan.Step step, ChannelSettings settings, int retry, Optional<Duration> retryAfter) {
        List<Integer> hours = settings.retryBackoffHours();
        Duration configured = Duration.ofHours(hours.isEmpty() ? step.retryDelayHours()
                : hours.get(Math.min(retry, hours.size()) - 1));
        return retryAfter.filter(wait -> wait.compareTo(configured) > 0).orElse(configured);
    }

    /** The reason a message waits when no mailbox may send (the console warns about it). */
    public static final String NO_HEALTHY_MAILBOX = "No healthy mailbox to send from";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChannelSequencer.class);

    private Outcome skip(OutreachMessage message, ChannelType channel, String reason) {
        Instant now = clock.instant();
        store.recordAttempt(message.id(), channel, store.triesOn(message.id(), channel) + 1, MessageStatus.SKIPPED, reason,
                now, null, null);
        return new Outcome(false, null);
    }

    private SequenceResult defer(OutreachMessage message, int index, Instant until, String reason) {
        Instant now = clock.instant();
        store.update(message.id(), MessageStatus.PENDING, index, null, null, null, reason, until, null, null, now);
        return resultOf(message.id(), false, null, MessageStatus.PENDING, reason + "; next try at " + until);
    }

    private SequenceResult finish(OutreachMessage message, int index, MessageStatus status, String reason) {
        Instant now = clock.instant();
        store.update(message.id(), status, index, null, null, null, reason, null, null, null, now);
        return resultOf(message.id(), false, null, status, reason);
    }

    private static SequenceResult resultOf(java.util.UUID id, boolean success, ChannelType channel, MessageStatus status,
            String note) {
        return new SequenceResult(success, id, channel, status, note, List.of());
    }

    /** A stop of every channel ({@link LeadStop}); a bounce stops only email (see {@link #unreachable}). */
    private Optional<String> leadStop(LeadDetails lead) {
        return LeadStop.of(lead.fields().getStatus()).filter(LeadStop::stopsEveryChannel).map(LeadStop::sentence);
    }

    private Optional<String> unreachable(LeadDetails lead, ChannelType channel, SenderSessions sessions) {
        LeadDraft f = lead.fields();
        return switch (channel) {
            case EMAIL -> {
                if (f.getEmail() == null) {
                    yield Optional.of("The lead has no email address");
                }
                if (f.getStatus() == LeadStatus.BOUNCED) {
                    yield Optional.of(LeadStop.BOUNCED.sentence());
                }
                Optional<String> suppressed = sessions.memo("suppressed:" + f.getEmail().strip().toLowerCase(java.util.Locale.ROOT),
                        () -> suppressions.reasonFor(f.getEmail()));
                yield suppressed.map(reason -> "The address is suppressed: " + reason);
            }
            case LINKEDIN -> lead.linkedinId() == null ? Optional.of("The lead has no LinkedIn profile") : Optional.empty();
            case CONTACT_FORM -> f.getContactFormUrl() == null && f.getWebsite() == null
                    ? Optional.of("The lead has no website or contact form") : Optional.empty();
            case PHONE -> f.getPhone() == null ? Optional.of("The lead has no phone number") : Optional.empty();
        };
    }

    private static Delivery.Recipient recipient(LeadDetails lead) {
        LeadDraft f = lead.fields();
        String linkedinUrl = f.getLinkedin() != null && f.getLinkedin().startsWith("http") ? f.getLinkedin() : null;
        return new Delivery.Recipient(lead.id(), f.getFirstName(), f.getLastName(), f.getCompany(), f.getEmail(),
                lead.linkedinId(), linkedinUrl, f.getContactFormUrl(), f.getWebsite(), f.getPhone());
    }

    /** Whether the sequence is settled for now (sent, deferred, waiting, retry scheduled) or moves on. */
    private record Outcome(boolean settled, SequenceResult result) {
    }
}
