package dev.outreach.outreach;

import dev.outreach.channel.ChannelSender;
import dev.outreach.channel.ratelimit.RateLimiterAvailability;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.JobRuns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Sends the outbox: claims due PENDING messages with {@code FOR UPDATE SKIP LOCKED} (several
 * instances may run it at once) and marks them SENDING under the claim's token in the same
 * atomic step, then runs each through the {@link ChannelSequencer}, which marks it started
 * right before its network call and stores the outcome. A message still SENDING when its lease
 * runs out had its sender die or hang: when it was started it may have gone out, so it is
 * flagged for review (in doubt) and never re-sent, because sending a cold email twice is worse
 * than sending it late; when it was not, it is PENDING again. So a crash leaves in doubt at most
 * one message per sender.
 *
 * <p>Stopping the application is graceful ({@link SmartLifecycle}, before the scheduler and the
 * connection pool go): no new claims, each sender finishes the message in hand, and every
 * claimed message no sender started is PENDING again at once.
 *
 * <p>A batch is dealt out to {@code outreach.dispatch.parallelism} senders, each with its own
 * sessions, so that one sender's wait for a server or the database does not hold the others.
 * Every cap they share is taken atomically from the rate limiter, never counted per thread.
 */
@Service
public class OutboxDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final OutreachStore store;
    private final ChannelSequencer sequencer;
    private final List<ChannelSender> senders;
    private final DispatchProperties properties;
    private final dev.outreach.lead.LeadService leads;
    private final dev.outreach.deliverability.SuppressionList suppressions;
    private final Clock clock;
    private final JobRuns jobs;
    private final RateLimiterAvailability counters;
    /** The sender threads batches are dealt out to; the claiming thread waits for them. */
    private final ExecutorService workers;
    private volatile boolean stopping;
    private volatile boolean running;
    /** The claims whose batches are running, to wait for and to release at shutdown. */
    private final Set<UUID> activeClaims = ConcurrentHashMap.newKeySet();

    OutboxDispatcher(OutreachStore store, ChannelSequencer sequencer, List<ChannelSender> senders,
            DispatchProperties properties, dev.outreach.lead.LeadService leads,
            dev.outreach.deliverability.SuppressionList suppressions, Clock clock, JobRuns jobs,
            RateLimiterAvailability counters) {
        this.counters = counters;
        this.leads = leads;
        this.suppressions = suppressions;
        this.store = store;
        this.sequencer = sequencer;
        this.senders = senders;
        this.properties = properties;
        this.clock = clock;
        this.jobs = jobs;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(properties.parallelism(), work -> {
            Thread thread = new Thread(work, "outbox-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Scheduled(fixedDelayString = "${outreach.dispatch.poll-interval:10s}", initialDelayString = "${outreach.dispatch.poll-interval:10s}")
    void poll() {
        if (!properties.enabled()) {
            return;
        }
        jobs.run("outbox-dispatcher", () -> SystemActor.run(() -> {
            flagInterruptedSends();
            int sent;
            do {
                sent = dispatchBatch();
            } while (sent == properties.batchSize());
        }));
    }

    /**
     * Claims and runs one batch; returns how many messages it claimed. Claims nothing while this
     * instance cannot reach the rate-limit counters: it could not take a cap, and another
     * instance may well be able to send the messages on time.
     */
    public int dispatchBatch() {
        if (stopping || Thread.currentThread().isInterrupted()) {
            return 0;
        }
        if (!counters.reachable()) {
            log.debug("Claiming nothing: the rate-limit counters cannot be reached");
            return 0;
        }
        UUID claim = UUID.randomUUID();
        activeClaims.add(claim);
        int claimed;
        try {
            claimed = dispatchBatch(claim);
        } finally {
            synchronized (activeClaims) {
                activeClaims.remove(claim);
                activeClaims.notifyAll();
            }
        }
        if (claimed > 0 && !counters.reachable()) {
            log.info("The rate-limit counters became unreachable during a batch of {} message(s): what it had not sent "
                    + "waits 5 minutes, and this instance claims nothing more until they answer", claimed);
        }
        return claimed;
    }

    private int dispatchBatch(UUID claim) {
        Instant now = clock.instant();
        List<UUID> claimed = store.claimDue(now, properties.batchSize(), now.plus(properties.lease()), claim);
        if (claimed.isEmpty()) {
            return 0;
        }
        List<OutreachMessage> messages = store.findAll(claimed);
        BatchReadAhead readAhead = readAhead(messages);
        List<List<OutreachMessage>> slices = slices(messages, properties.parallelism());
        if (slices.size() == 1) {
            runSlice(slices.getFirst(), readAhead, now, claim);
            return claimed.size();
        }
        // each slice on its own sender thread, as whoever called (the system actor for the scheduler)
        SecurityContext caller = SecurityContextHolder.getContext();
        List<Future<?>> running = new ArrayList<>(slices.size());
        for (List<OutreachMessage> slice : slices) {
            try {
                running.add(workers.submit(new DelegatingSecurityContextRunnable(
                        () -> runSlice(slice, readAhead, now, claim), caller)));
            } catch (RejectedExecutionException e) {
                runSlice(slice, readAhead, now, claim); // shut down: this thread releases it, nothing claimed is left behind
            }
        }
        // Every slice runs to its end, even when this thread is interrupted (the application stops):
        // a message left between SENDING and its outcome would need an operator's review.
        boolean interrupted = false;
        for (Future<?> slice : running) {
            while (true) {
                try {
                    slice.get();
                    break;
                } catch (ExecutionException e) {
                    log.error("A dispatch slice failed; its unstarted messages go back to PENDING when their lease ends",
                            e.getCause());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt(); // the poll loop stops claiming
        }
        return claimed.size();
    }

    /**
     * Deals the batch out to at most {@code parallelism} slices, round robin, so that each sender
     * gets a similar mix of leads and mailboxes.
     */
    static List<List<OutreachMessage>> slices(List<OutreachMessage> messages, int parallelism) {
        int count = Math.max(1, Math.min(parallelism, messages.size()));
        List<List<OutreachMessage>> slices = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            slices.add(new ArrayList<>());
        }
        for (int i = 0; i < messages.size(); i++) {
            slices.get(i % count).add(messages.get(i));
        }
        return slices;
    }

    /**
     * One sender's share of a batch, with its own sessions (and so its own SMTP connections).
     * The claim gave every message a lease; once a quarter of it has passed, the leases of the
     * messages still to go are renewed together, so each message starts with at least three
     * quarters of the lease ahead (one statement now and then, not one per message). Before each
     * message the sender names the one after it, which that message's outcome marks started; a
     * message the claim lost meanwhile is left alone. When the application stops, the sender
     * ends after the message in hand and returns the rest to PENDING at once.
     */
    private void runSlice(List<OutreachMessage> slice, BatchReadAhead readAhead, Instant claimedAt, UUID claim) {
        Duration renewAfter = properties.lease().dividedBy(4);
        Instant renewed = claimedAt;
        Deque<OutreachMessage> toGo = new ArrayDeque<>(slice);
        try (SenderSessions sessions = new SenderSessions(senders, false, readAhead, claim)) {
            StartMarks marks = sessions.startMarks();
            while (!toGo.isEmpty() && !stopping) {
                Instant start = clock.instant();
                if (start.isAfter(renewed.plus(renewAfter))) {
                    Set<UUID> stillOurs = store.renewLeases(toGo.stream().map(OutreachMessage::id).toList(),
                            start.plus(properties.lease()), start, claim);
                    // flagged or returned meanwhile (the batch outlasted the lease): left alone
                    toGo.removeIf(message -> !stillOurs.contains(message.id()));
                    renewed = start;
                    if (toGo.isEmpty()) {
                        break;
                    }
                }
                OutreachMessage message = toGo.poll();
                if (marks.isLost(message.id())) {
                    continue;
                }
                marks.upNext(stopping ? java.util.Optional.empty()
                        : java.util.Optional.ofNullable(toGo.peek()).map(OutreachMessage::id));
                runSafely(message, sessions);
            }
        } finally {
            releaseUnsent(toGo, claim);
        }
    }

    /** What a stopping (or failed) sender did not call for is PENDING again at once, not after its lease. */
    private void releaseUnsent(Deque<OutreachMessage> toGo, UUID claim) {
        if (toGo.isEmpty()) {
            return;
        }
        try {
            int released = store.release(toGo.stream().map(OutreachMessage::id).toList(), claim, clock.instant());
            if (released > 0) {
                log.info("Returned {} claimed outreach message(s) no sender started to PENDING", released);
            }
        } catch (RuntimeException e) {
            log.warn("Could not return {} unstarted message(s) to PENDING; their lease returns them", toGo.size(), e);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Graceful stop: no new claims; each sender finishes the message in hand and returns the rest
     * of its share to PENDING; waits for that, bounded by {@code outreach.dispatch.shutdown-grace}.
     * Runs before the scheduler's threads are interrupted and before the connection pool closes.
     * Whatever a sender still stuck then holds unstarted is returned too: only a message whose
     * call is still running can be left in doubt.
     */
    @Override
    public void stop() {
        stopping = true;
        Instant deadline = Instant.now().plus(properties.shutdownGrace());
        synchronized (activeClaims) {
            while (!activeClaims.isEmpty() && Instant.now().isBefore(deadline)) {
                try {
                    activeClaims.wait(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        Set<UUID> stuck = Set.copyOf(activeClaims);
        if (!stuck.isEmpty()) {
            int released = store.releaseUnstarted(stuck, clock.instant());
            log.warn("Outbox senders still busy after {}; returned {} unstarted message(s) to PENDING, the ones in flight"
                    + " are flagged for review if they do not finish", properties.shutdownGrace(), released);
        }
        workers.shutdown();
        running = false;
    }

    /**
     * Reads what the sequencer needs for the whole batch in four queries instead of several per
     * message: the leads, their suppression entries and the attempts so far (none where there is
     * no row). A failure here is harmless: the sequencer then reads per message.
     */
    private BatchReadAhead readAhead(List<OutreachMessage> messages) {
        try {
            var leadsById = leads.findAll(messages.stream().map(OutreachMessage::leadId).distinct().toList());
            var emails = leadsById.values().stream().map(lead -> lead.fields().getEmail())
                    .filter(java.util.Objects::nonNull).toList();
            var suppressed = suppressions.reasonsFor(emails);
            Map<String, java.util.Optional<String>> reasons = new HashMap<>();
            emails.forEach(email -> reasons.put(BatchReadAhead.addressKey(email),
                    java.util.Optional.ofNullable(suppressed.get(BatchReadAhead.addressKey(email)))));
            var counts = store.tryCounts(messages.stream().map(OutreachMessage::id).toList());
            Map<BatchReadAhead.ChannelTries, Integer> tries = new HashMap<>();
            for (OutreachMessage message : messages) {
                for (var channel : dev.outreach.shared.ChannelType.values()) {
                    var key = new BatchReadAhead.ChannelTries(message.id(), channel);
                    tries.put(key, counts.getOrDefault(key, 0));
                }
            }
            return new BatchReadAhead(leadsById, reasons, tries);
        } catch (RuntimeException e) {
            log.warn("Could not read ahead for a dispatch batch; reading per message", e);
            return BatchReadAhead.NONE;
        }
    }

    /**
     * Settles messages whose SENDING lease expired: started ones are flagged for review (in
     * doubt), unstarted ones return to PENDING, due as they were. Returns how many were flagged.
     */
    public int flagInterruptedSends() {
        OutreachStore.ExpiredLeases expired = store.flagExpiredLeases(clock.instant());
        if (expired.flagged() > 0) {
            log.warn("{} outreach message(s) were interrupted while SENDING and need review", expired.flagged());
        }
        if (expired.returned() > 0) {
            log.info("{} claimed outreach message(s) no sender had started were returned to PENDING after their lease",
                    expired.returned());
        }
        return expired.flagged();
    }

    private void runSafely(OutreachMessage message, SenderSessions sessions) {
        try {
            sequencer.executeSequence(message, sessions);
        } catch (RuntimeException e) {
            // It stays SENDING: when its lease ends it is flagged for review if it was started (it may have
            // gone out), else returned to PENDING.
            log.error("Outreach message {} failed in the sequencer and stays SENDING until its lease ends", message.id(), e);
        }
    }

    /** For the operator's "send now": runs one message {@code claim} holds, with its own sessions. */
    SequenceResult runNow(OutreachMessage message, UUID claim) {
        try (SenderSessions sessions = new SenderSessions(senders, true, BatchReadAhead.NONE, claim)) {
            return sequencer.executeSequence(message, sessions);
        }
    }
}
