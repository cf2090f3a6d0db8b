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
    private final dev.outreach.lead.LeadService leads;
    private final dev.outreach.deliverability.SuppressionList suppressions;
    private final Clock clock;

    OutboxDispatcher(OutreachStore store, ChannelSequencer sequencer, List<ChannelSender> senders,
            DispatchProperties properties, dev.outreach.lead.LeadService leads,
            dev.outreach.deliverability.SuppressionList suppressions, Clock clock) {
        this.leads = leads;
        this.suppressions = suppressions;
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
        try (SenderSessions sessions = new SenderSessions(senders, false)) {
            List<OutreachMessage> messages = store.findAll(claimed);
            readAhead(messages, sessions);
            for (OutreachMessage message : messages) {
                // The lease covers one message at a time, however long the batch takes.
                Instant start = clock.instant();
                if (store.renewLease(message.id(), start.plus(properties.lease()), start)) {
                    runSafely(message, sessions);
                }
            }
        }
        return claimed.size();
    }

    /**
     * Reads what the sequencer needs for the whole batch in four queries instead of several per
     * message: the leads, their suppression entries and the attempts so far. A failure here is
     * harmless: the sequencer then reads per message.
     */
    private void readAhead(List<OutreachMessage> messages, SenderSessions sessions) {
        try {
            var leadsById = leads.findAll(messages.stream().map(OutreachMessage::leadId).distinct().toList());
            leadsById.forEach((id, lead) -> sessions.remember("lead:" + id, lead));
            var emails = leadsById.values().stream().map(lead -> lead.fields().getEmail())
                    .filter(java.util.Objects::nonNull).toList();
            var suppressed = suppressions.reasonsFor(emails);
            emails.forEach(email -> sessions.remember("suppressed:" + email.strip().toLowerCase(java.util.Locale.ROOT),
                    java.util.Optional.ofNullable(suppressed.get(email.strip().toLowerCase(java.util.Locale.ROOT)))));
            var tries = store.tryCounts(messages.stream().map(OutreachMessage::id).toList());
            for (OutreachMessage message : messages) {
                for (var channel : dev.outreach.shared.ChannelType.values()) {
                    String key = message.id() + ":" + channel;
                    sessions.remember("tries:" + key, tries.getOrDefault(key, 0));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not read ahead for a dispatch batch; reading per message", e);
        }
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
        try (SenderSessions sessions = new SenderSessions(senders, true)) {
            return sequencer.executeSequence(message, sessions);
        }
    }
}
