package dev.outreach.outreach;

import dev.outreach.channel.ChannelSender.SenderSession;
import dev.outreach.channel.ChannelSettings;
import dev.outreach.channel.Delivery;
import dev.outreach.channel.DeliveryResult;
import dev.outreach.channel.ratelimit.RateDecision;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * What happens to a message at one step of its sequence. {@link SendRules} decides, from plain
 * values; the {@link ChannelSequencer} carries the decision out with one named transition of
 * the {@link OutreachStore}. Before the delivery call a step is held ({@link BeforeSend}: skip,
 * defer, finish) or delivered ({@link Deliver}); the delivery's result is an {@link AfterSend}.
 */
sealed interface StepDecision {

    /** A decision taken before anything went out: nothing was sent. */
    sealed interface BeforeSend extends StepDecision {
    }

    /** A decision taken from a delivery's result. */
    sealed interface AfterSend extends StepDecision {
    }

    /** Go: everything is ready, and the rate-limit units are taken (given back if the lead is not reached). */
    record Deliver(SenderSession session, Delivery delivery, ChannelSettings settings, RateDecision rate)
            implements StepDecision {
    }

    /** The step cannot be used (channel off, lead unreachable): a SKIPPED attempt, then the next step at once. */
    record Skip(ChannelType channel, String reason) implements BeforeSend {
    }

    /** Not now, not a failure: the same step is tried again at {@code until}, no retry used. */
    record Defer(Instant until, String reason) implements BeforeSend, AfterSend {
    }

    /** The message ends here (SKIPPED because of the lead, FAILED when no step is left). */
    record Finish(MessageStatus status, String reason) implements BeforeSend {
    }

    /** The lead was reached. */
    record Sent(DeliveryResult result) implements AfterSend {
    }

    /** An operator task was queued ({@code task}); the message waits for it. */
    record AwaitOperator(String task, DeliveryResult result) implements AfterSend {
    }

    /** A soft failure: the same channel again at {@code due}. */
    record RetryAt(Instant due, String reason, DeliveryResult result) implements AfterSend {
    }

    /**
     * The call's outcome is unknown: the other side may have the message (its reply was lost
     * after the message went out). Flagged for review, never retried; the units stay taken.
     */
    record InDoubt(String reason, DeliveryResult result) implements AfterSend {
    }

    /**
     * A hard failure or the last retry: the next step at once. {@code deadAddress}: the lead's
     * email address when the server refused the address itself, for good.
     */
    record FallBack(String reason, DeliveryResult result, Optional<String> deadAddress) implements AfterSend {
    }
}
