package dev.outreach.outreach;

import dev.outreach.campaign.SequenceConfig;
import dev.outreach.channel.ChannelSettings;
import dev.outreach.channel.Delivery;
import dev.outreach.channel.DeliveryResult;
import dev.outreach.channel.ratelimit.ChannelRateLimits;
import dev.outreach.channel.ratelimit.RateDecision;
import dev.outreach.channel.ratelimit.RateLimit;
import dev.outreach.deliverability.MailboxDirectory;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadStatus;
import dev.outreach.lead.LeadStop;
import dev.outreach.outreach.StepDecision.AfterSend;
import dev.outreach.outreach.StepDecision.AwaitOperator;
import dev.outreach.outreach.StepDecision.Defer;
import dev.outreach.outreach.StepDecision.FallBack;
import dev.outreach.outreach.StepDecision.Finish;
import dev.outreach.outreach.StepDecision.InDoubt;
import dev.outreach.outreach.StepDecision.RetryAt;
import dev.outreach.outreach.StepDecision.Sent;
import dev.outreach.outreach.StepDecision.Skip;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rules of "How a message is sent" (docs/architecture.md) as pure functions: plain values
 * in, a {@link StepDecision} out, no I/O and no clock. The {@link ChannelSequencer} gathers the
 * values (lazily, as each rule needs them, so that no rate-limit unit is taken for a step that
 * is skipped) and carries the decisions out.
 */
final class SendRules {

    /** The reason a message waits when no mailbox may send (the console warns about it). */
    static final String NO_HEALTHY_MAILBOX = "No healthy mailbox to send from";

    /** The reason email waits when every mailbox that may send reached its daily cap. */
    static final String EVERY_MAILBOX_FULL = "Every healthy mailbox reached its daily cap";

    private static final Duration AFTER_AN_ERROR = Duration.ofMinutes(5);
    private static final Duration NO_WINDOW_KNOWN = Duration.ofHours(1);

    private SendRules() {
    }

    /** A deleted lead, or one under a stop of every channel ({@link LeadStop}), ends the message SKIPPED. */
    static Optional<Finish> stop(Optional<LeadDetails> lead) {
        return stop(lead, false);
    }

    /** {@link #stop(Optional)}, for an answer in the lead's thread ({@code answer}) by {@link LeadStop#stopsAnswers}. */
    static Optional<Finish> stop(Optional<LeadDetails> lead, boolean answer) {
        if (lead.isEmpty()) {
            return Optional.of(skipped("The lead was deleted"));
        }
        return LeadStop.of(lead.get().fields().getStatus())
                .filter(stop -> answer ? stop.stopsAnswers() : stop.stopsEveryChannel())
                .map(stop -> skipped(stop.sentence()));
    }

    /** An answer whose mailbox was removed cannot go from the mailbox that sent the thread, nor from another. */
    static Finish answerWithoutItsMailbox() {
        return new Finish(MessageStatus.FAILED,
                "The mailbox that sent the thread was removed, and a reply goes from no other: write it again");
    }

    /**
     * An answer goes only from the mailbox that sent the thread ({@code only}, see
     * {@link MailboxDirectory#only}); while that one may not send, it waits like any email without
     * a mailbox (and goes as soon as the mailbox resumes), saying which mailbox and why.
     */
    static Optional<Defer> answerWaitsForItsMailbox(MailboxDirectory.Selection only, Instant now) {
        if (!only.noneEligible()) {
            return Optional.empty();
        }
        String why = only.skipped().entrySet().stream().findFirst()
                .map(skipped -> skipped.getKey() + " (" + skipped.getValue() + ")")
                .orElse("the mailbox that sent the thread");
        return Optional.of(new Defer(now.plus(NO_WINDOW_KNOWN), NO_HEALTHY_MAILBOX + ": this reply goes only from " + why));
    }

    /**
     * A step is skipped when its channel is disabled or cannot reach the lead. {@code suppression}
     * gives the suppression list's reason for an address; it is asked only for an email step to
     * a lead that has an address that never bounced.
     */
    static Optional<Skip> skip(ChannelType channel, ChannelSettings settings, LeadDetails lead,
            Function<String, Optional<String>> suppression) {
        if (!settings.enabled()) {
            return Optional.of(new Skip(channel, "Channel " + channel.label() + " is disabled"));
        }
        return unreachable(channel, lead, suppression).map(reason -> new Skip(channel, reason));
    }

    private static Optional<String> unreachable(ChannelType channel, LeadDetails lead,
            Function<String, Optional<String>> suppression) {
        LeadDraft f = lead.fields();
        return switch (channel) {
            case EMAIL -> {
                if (f.getEmail() == null) {
                    yield Optional.of("The lead has no email address");
                }
                if (f.getStatus() == LeadStatus.BOUNCED) {
                    yield Optional.of(LeadStop.BOUNCED.sentence());
                }
                yield suppression.apply(f.getEmail()).map(reason -> "The address is suppressed: " + reason);
            }
            case LINKEDIN -> lead.linkedinId() == null ? Optional.of("The lead has no LinkedIn profile") : Optional.empty();
            case CONTACT_FORM -> f.getContactFormUrl() == null && f.getWebsite() == null
                    ? Optional.of("The lead has no website or contact form") : Optional.empty();
            case PHONE -> f.getPhone() == null ? Optional.of("The lead has no phone number") : Optional.empty();
        };
    }

    /** With no mailbox that may send, email waits an hour (and says whether any mailbox is set up at all). */
    static Optional<Defer> noMailbox(MailboxDirectory.Selection selection, Instant now) {
        if (!selection.noneEligible()) {
            return Optional.empty();
        }
        return Optional.of(new Defer(now.plus(NO_WINDOW_KNOWN),
                NO_HEALTHY_MAILBOX + (selection.skipped().isEmpty() ? " (no mailbox is set up)" : "")));
    }

    /** The mailbox a touch sends from, or none when every one is full, and the limiter's answer for it. */
    record MailboxPick(Optional<Delivery.SendingMailbox> mailbox, RateDecision rate) {
    }

    /**
     * The mailbox rotation under the daily caps: the touch's mailbox first ({@code rotation},
     * see {@link MailboxDirectory#rotation}); when its (or its domain's) daily cap is reached, the
     * next one. Any other limit (the channel's hour or day, the lead's) stops the walk: another
     * mailbox would not help. {@code tryAcquire} asks the rate limiter for one mailbox.
     */
    static MailboxPick pickMailbox(List<MailboxDirectory.EligibleMailbox> rotation,
            Function<MailboxDirectory.EligibleMailbox, RateDecision> tryAcquire) {
        RateDecision rate = null;
        for (MailboxDirectory.EligibleMailbox candidate : rotation) {
            rate = tryAcquire.apply(candidate);
            if (rate.allowed() || !ChannelRateLimits.isSenderCap(rate.exceeded().orElseThrow())) {
                return new MailboxPick(Optional.of(candidate.mailbox()), rate);
            }
        }
        if (rate == null) {
            throw new IllegalArgumentException("No mailbox to pick from");
        }
        return new MailboxPick(Optional.empty(), rate);
    }

    /** Our own limit defers the message to the end of the binding window; this is no failure and uses no retry. */
    static Optional<Defer> rateLimited(RateDecision rate, ChannelType channel, Instant now) {
        return rateLimited(rate, channel, now, Optional.empty());
    }

    /** {@link #rateLimited(RateDecision, ChannelType, Instant)} for mail that may go {@code onlyFrom} one mailbox. */
    static Optional<Defer> rateLimited(RateDecision rate, ChannelType channel, Instant now, Optional<String> onlyFrom) {
        if (rate.allowed()) {
            return Optional.empty();
        }
        RateLimit binding = rate.exceeded().orElseThrow();
        String senderFull = EVERY_MAILBOX_FULL + onlyFrom.map(address -> ": this reply goes only from " + address + " ("
                + binding.description() + ")").orElse("");
        return Optional.of(new Defer(rate.retryAt().orElse(now.plus(NO_WINDOW_KNOWN)),
                ChannelRateLimits.isSenderCap(binding) ? senderFull
                        : "Waiting for the " + channel.label() + " rate limit: " + binding.description()));
    }

    /** The rate limiter cannot be reached: nothing was sent, try again in five minutes. */
    static Defer limiterDown(Instant now) {
        return new Defer(now.plus(AFTER_AN_ERROR),
                "The rate limiter could not be reached, so nothing was sent; retrying in 5 minutes");
    }

    /**
     * Anything else that fails before the delivery call (a setting or a secret that cannot be
     * read): nothing was sent, try again in five minutes. The exception's own message can be SQL
     * or a stack's worth of detail: it goes to the log, not to users.
     */
    static Defer notPrepared(Instant now) {
        return new Defer(now.plus(AFTER_AN_ERROR),
                "Could not prepare the send, nothing went out; retrying in 5 minutes (details in the application log)");
    }

    /** An address suppressed after the batch was read: the lead's stop if it stopped meanwhile, else the step is skipped. */
    static StepDecision.BeforeSend suppressedSinceClaim(String reason, Optional<LeadDetails> leadNow) {
        return suppressedSinceClaim(reason, leadNow, false);
    }

    static StepDecision.BeforeSend suppressedSinceClaim(String reason, Optional<LeadDetails> leadNow, boolean answer) {
        Optional<Finish> stopped = stop(leadNow, answer);
        if (stopped.isPresent()) {
            return stopped.get();
        }
        return new Skip(ChannelType.EMAIL, "The address is suppressed: " + reason);
    }

    /** Every step was tried and none reached the lead. */
    static Finish everyStepFailed(SequenceConfig plan) {
        return new Finish(MessageStatus.FAILED, "Every channel of sequence '" + plan.name() + "' failed");
    }

    /**
     * Whether the try reached the lead, may have (in doubt), or an operator has it: else its
     * rate-limit units go back.
     */
    static boolean reachedTheLead(DeliveryResult result) {
        return result.status() == MessageStatus.SENT || result.status() == MessageStatus.DELIVERED
                || result.status() == MessageStatus.SENDING
                || (result.status() == MessageStatus.PENDING && !result.deferred());
    }

    /**
     * What a delivery's result means for the message: sent; in doubt (never retried); deferred by a limit of the channel's
     * own (an hour when it names no time); waiting for an operator; a soft failure retried after
     * the backoff while retries are left; else a fall back to the next step, which suppresses the
     * lead's address when the mail server refused that address itself.
     */
    static AfterSend afterDelivery(SequenceConfig.Step step, ChannelSettings settings, Delivery delivery,
            DeliveryResult result, Instant now) {
        ChannelType channel = step.channel();
        int attempt = delivery.attemptNumber();
        switch (result.status()) {
            case SENT, DELIVERED -> {
                return new Sent(result);
            }
            case SENDING -> {
                return new InDoubt(channel.label() + ": " + result.reason(), result);
            }
            case PENDING -> {
                if (result.deferred()) {
                    return new Defer(now.plus(result.retryAfter().orElse(NO_WINDOW_KNOWN)),
                            channel.label() + ": " + result.reason());
                }
                return new AwaitOperator(result.providerMessageId(), result);
            }
            default -> {
                int maxRetries = maxRetries(step, settings);
                if (!result.isHardFailure() && attempt <= maxRetries) {
                    return new RetryAt(now.plus(backoff(step, settings, attempt, result.retryAfter())),
                            channel.label() + " failed, retry " + attempt + " of " + maxRetries + ": " + result.reason(),
                            result);
                }
                String email = delivery.recipient() == null ? null : delivery.recipient().email();
                boolean deadAddress = channel == ChannelType.EMAIL && result.addressRejected() && email != null;
                return new FallBack("Falling back after " + channel.label() + ": " + result.reason(), result,
                        deadAddress ? Optional.of(email) : Optional.empty());
            }
        }
    }

    /** The step's retries, never more than its channel allows ({@code channel_config.max_retries}). */
    static int maxRetries(SequenceConfig.Step step, ChannelSettings settings) {
        return Math.min(step.maxRetries(), settings.maxRetries());
    }

    /** The wait before retry number {@code retry}: the channel's backoff list, else the step's delay; at least Retry-After. */
    static Duration backoff(SequenceConfig.Step step, ChannelSettings settings, int retry, Optional<Duration> retryAfter) {
        List<Integer> hours = settings.retryBackoffHours();
        Duration configured = Duration.ofHours(hours.isEmpty() ? step.retryDelayHours()
                : hours.get(Math.min(retry, hours.size()) - 1));
        return retryAfter.filter(wait -> wait.compareTo(configured) > 0).orElse(configured);
    }

    private static Finish skipped(String reason) {
        return new Finish(MessageStatus.SKIPPED, reason);
    }
}
