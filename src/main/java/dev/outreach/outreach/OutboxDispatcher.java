package dev.outreach.outreach;

import dev.outreach.channel.ChannelSender;
import dev.outreach.security.SystemActor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Sends the outbox: claims due PENDING messages with {@code FOR UPDATE SKIP LOCKED} (several
 * instances may run it at once) and marks them SENDING in the same atomic step, then runs
 * each through the {@link ChannelSequencer}, which stores the outcome. A message still SENDING
 * when its lease runs out was interrupted mid-send: it is flagged for review and never re-sent,
 * because sending a cold email twice is worse than sending it late.
 */
@Service
public class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final OutreachStore store;
    private final ChannelSequencer sequencer;
    private final List<ChannelSender> senders;
    private final DispatchProperties properties;
    private final Clock clock;

    OutboxDispatcher(OutreachStore store, ChannelSequencer sequencer, List<ChannelSender> senders,
            DispatchProperties properties, Clock clock) {
        this.store = store;
        this.sequencer = sequencer;
        this.senders = senders;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${outreach.dispatch.poll-interval:10s}", initialDelayString = "${outreach.dispatch.poll-interval:10s}")
    void poll() {
        if (!properties.enabled()) {
            return;
        }
        SystemActor.run(() -> {
            flagInterruptedSends();
            int sent;
            do {
                sent = dispatchBatch();
            } while (sent == properties.batchSize());
        });
    }

    /** Claims and runs one batch; returns how many messages it claimed. */
    public int dispatchBatch() {
        Instant now = clock.instant();
        List<UUID> claimed = store.claimDue(now, properties.batchSize(), now.plus(properties.lease()));
        if (claimed.isEmpty()) {
            return 0;
        }
        try (SenderSessions sessions = new SenderSessions(senders)) {
            for (UUID id : claimed) {
                // The lease covers one message at a time, however long the batch takes.
                Instant start = clock.instant();
                if (store.renewLease(id, start.plus(properties.lease()), start)) {
                    store.find(id).ifPresent(message -> runSafely(message, sessions));
                }
            }
        }
        return claimed.size();
    }

    /** Flags messages whose SENDING lease expired; returns how many. */
    public int flagInterruptedSends() {
        int flagged = store.flagExpiredLeases(clock.instant());
        if (flagged > 0) {
            log.warn("{} outreach message(s) were interrupted while SENDING and need review", flagged);
        }
        return flagged;
    }

    private void runSafely(OutreachMessage message, SenderSessions sessions) {
        try {
            sequencer.executeSequence(message, sessions);
        } catch (RuntimeException e) {
            // The message stays SENDING: its lease will expire and flag it for review rather than risk a double send.
            log.error("Outreach message {} failed in the sequencer and stays SENDING for review", message.id(), e);
        }
    }

    /** For the operator's "send now": runs one already claimed message with its own sessions. */
    SequenceResult runNow(OutreachMessage message) {
        try (SenderSessions sessions = new SenderSessions(senders)) {
            return sequencer.executeSequence(message, sessions);
        }
    }
}
