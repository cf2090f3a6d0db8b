package dev.outreach.outreach;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which messages of one sender's share carry the durable "started" mark
 * ({@code outreach_message.send_started_at}) and which the sender has lost. A message is in doubt
 * after a crash only with the mark, so it is set right before the message's network call; to add
 * no commit per message, the commit that stores one message's outcome also marks the message the
 * sender takes next ({@link #upNext}). The sender's first message, or one after a failure that
 * stored no outcome, is marked on its own just before its call. One sender thread uses one.
 */
final class StartMarks {

    private final UUID claim;
    private final Set<UUID> started = new HashSet<>();
    private final Set<UUID> lost = new HashSet<>();
    private UUID next;

    /** {@code claim}: the token of the claim that holds the sender's messages. */
    StartMarks(UUID claim) {
        this.claim = claim;
    }

    UUID claim() {
        return claim;
    }

    /** The message the sender takes after the current one; empty when it takes none (the last, or stopping). */
    void upNext(Optional<UUID> message) {
        next = message.orElse(null);
    }

    /** The message to mark with the current one's outcome, if it is not marked yet. */
    Optional<UUID> toMarkWithOutcome() {
        UUID message = next;
        return message == null || started.contains(message) || lost.contains(message) ? Optional.empty()
                : Optional.of(message);
    }

    /** The outcome of marking {@code message}: marked, or no longer held by this claim. */
    void marked(UUID message, boolean held) {
        (held ? started : lost).add(message);
    }

    boolean isStarted(UUID message) {
        return started.contains(message);
    }

    /** Whether the message was found to be no longer this claim's: the sender must not touch it. */
    boolean isLost(UUID message) {
        return lost.contains(message);
    }

    /** The message's outcome is stored: it is not started any more (until a fall back marks it again). */
    void ended(UUID message) {
        started.remove(message);
    }
}
