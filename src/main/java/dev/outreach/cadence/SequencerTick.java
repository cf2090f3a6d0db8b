package dev.outreach.cadence;

import dev.outreach.campaign.EngineSettings;
import dev.outreach.campaign.EngineSettingsService;
import dev.outreach.security.SystemActor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sequencer tick: every {@code tick_interval_minutes} (read from the engine settings at each
 * check, default 30), one instance at a time cluster-wide (ShedLock {@code sequencer-tick}),
 * it writes one PENDING message per due touch to the outbox in the same transaction that
 * advances the enrollment. In order:
 * <ol>
 * <li>stops due enrollments whose lead replied, unsubscribed, hard-bounced or is suppressed;</li>
 * <li>moves on the due time of those that cannot go yet (adaptive delay not over, final touch
 * gated for want of engagement, previous touch still in the outbox, campaign paused);</li>
 * <li>in batches of {@code outreach.cadence.batch-size}, one transaction each: selects ready
 * touches (campaign-bound, then unbound), lets those outside the lead's send window wait for
 * its next opening, drafts the rest ({@link TouchContent}), writes them with one
 * {@code INSERT ... SELECT} and advances their enrollments with one {@code UPDATE}.</li>
 * </ol>
 *
 * <p>Who writes what: the tick sets {@code outreach_sequence_step}, {@code status},
 * {@code next_touch_due_at} and {@code last_email_sent_at} (the moment it releases a touch,
 * which is inside the send window and due at once, so the dispatcher sends it within its poll
 * interval; a follow-up is never released while the previous touch is still in the outbox).
 * The send path writes the message's own status and times; event handling writes the
 * engagement columns (opens, clicks, reply) and the stop flags.
 */
@Service
public class SequencerTick {

    /** What one run did. */
    public record Result(int stopped, int deferred, int outsideWindow, int queued, int skipped, boolean ran) {

        static Result notRun() {
            return new Result(0, 0, 0, 0, 0, false);
        }
    }

    static final String LOCK = "sequencer-tick";
    private static final Logger log = LoggerFactory.getLogger(SequencerTick.class);

    private final TickStore store;
    private final EngineSettingsService settingsService;
    private final ObjectProvider<TouchContent> contents;
    private final TransactionTemplate transaction;
    private final CadenceProperties properties;
    private final DefaultLockingTaskExecutor locks;
    private final Clock clock;
    private volatile Instant lastRun;

    SequencerTick(TickStore store, EngineSettingsService settingsService, ObjectProvider<TouchContent> contents,
            TransactionTemplate transaction, CadenceProperties properties, LockProvider lockProvider, Clock clock) {
        this.store = store;
        this.settingsService = settingsService;
        this.contents = contents;
        this.transaction = transaction;
        this.properties = properties;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
        this.clock = clock;
    }

    /**
     * Checked every minute; runs when {@code tick_interval_minutes} has passed since this
     * instance's last run (so a changed interval applies without a restart). ShedLock keeps
     * other instances out while it runs; a tick only handles what is due, so two instances
     * ticking in one interval do no harm.
     */
    @Scheduled(fixedDelayString = "${outreach.cadence.check-interval:1m}", initialDelayString = "${outreach.cadence.check-interval:1m}")
    @SchedulerLock(name = LOCK, lockAtMostFor = "PT30M")
    public void scheduled() {
        if (!properties.tickEnabled()) {
            return;
        }
        EngineSettings settings = settingsService.settings();
        Instant now = clock.instant();
        Instant last = lastRun;
        if (last != null && now.isBefore(last.plus(Duration.ofMinutes(Math.max(1, settings.tickIntervalMinutes()))))) {
            return;
        }
        SystemActor.run(this::tick);
    }

    /** An admin's "run now": the same tick, under the same cluster-wide lock; not run when one is running. */
    @PreAuthorize("hasRole('ADMIN')")
    public Result runNow() {
        try {
            var result = locks.executeWithLock(this::tick,
                    new LockConfiguration(clock.instant(), LOCK, Duration.ofMinutes(30), Duration.ZERO));
            return result.wasExecuted() ? result.getResult() : Result.notRun();
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** One tick, without locking or role checks: the scheduler and {@link #runNow} call it under the lock. */
    Result tick() {
        Instant now = clock.instant();
        lastRun = now;
        EngineSettings settings = settingsService.settings();
        int stopped = transaction.execute(status -> store.stopFinished(now) + store.closeCompleted(now, settings.maxSequenceSteps()));
        Duration interval = Duration.ofMinutes(Math.max(1, settings.tickIntervalMinutes()));
        int deferred = transaction.execute(status -> store.deferNotReady(now, settings, now.plus(interval),
                now.plus(properties.gateRecheck())));
        TickStore.Sequences sequences = store.sequences();
        TouchContent content = content();
        SendWindow window = SendWindow.of(settings);
        Instant earliestFollowup = now.plus(Duration.ofHours(
                FollowupTiming.shortestDelayHours(settings.baseFollowupDelayHours(), settings.minFollowupDelayHours())));
        int[] totals = new int[3];
        int selected;
        do {
            int[] batch = transaction.execute(status -> batch(now, settings, sequences, content, window, earliestFollowup));
            selected = batch[0];
            totals[0] += batch[1];
            totals[1] += batch[2];
            totals[2] += batch[3];
        } while (selected == properties.batchSize());
        Result result = new Result(stopped, deferred, totals[0], totals[1], totals[2], true);
        if (result.queued() + result.stopped() + result.skipped() > 0) {
            log.info("Sequencer tick: {}", result);
        }
        return result;
    }

    /** One batch transaction; returns {selected, outside the window, queued, skipped}. */
    private int[] batch(Instant now, EngineSettings settings, TickStore.Sequences sequences, TouchContent content,
            SendWindow window, Instant earliestFollowup) {
        List<TickStore.Due> due = store.dueBatch(now, settings, properties.batchSize());
        Map<Instant, List<Long>> waiting = new TreeMap<>();
        List<TickStore.Touch> touches = new ArrayList<>(due.size());
        List<Long> sent = new ArrayList<>(due.size());
        List<Long> skipped = new ArrayList<>();
        int outside = 0;
        for (TickStore.Due row : due) {
            ZoneId zone = SendWindow.zone(row.leadTimeZone(), row.campaignTimeZone(), settings.defaultTimeZone());
            if (!window.contains(now, zone)) {
                waiting.computeIfAbsent(window.nextOpening(now, zone), k -> new ArrayList<>()).add(row.enrollmentId());
                outside++;
                continue;
            }
            Long sequenceId = sequences.idFor(row.sequenceId());
            String firstChannel = sequenceId == null ? null : sequences.firstChannels().get(sequenceId);
            TouchContent.Draft draft = content.draft(row.leadId(), row.step(), row.cycle());
            if (draft.skipped()) {
                touches.add(new TickStore.Touch(UUID.randomUUID(), row.leadId(), row.enrollmentId(), row.step(),
                        row.step() == 0 ? "initial" : "follow_up", null, null, "SKIPPED",
                        truncate(draft.skipReason(), 500), sequenceId, firstChannel));
                skipped.add(row.enrollmentId());
            } else {
                touches.add(new TickStore.Touch(UUID.randomUUID(), row.leadId(), row.enrollmentId(), row.step(),
                        draft.messageType(), truncate(draft.subject(), 500), draft.body(), "PENDING", null, sequenceId,
                        firstChannel));
                sent.add(row.enrollmentId());
            }
        }
        waiting.forEach((opening, ids) -> store.deferTo(ids, opening, now));
        store.insertTouches(touches, now);
        store.advance(sent, true, now, earliestFollowup, settings.maxSequenceSteps());
        store.advance(skipped, false, now, earliestFollowup, settings.maxSequenceSteps());
        return new int[] {due.size(), outside, sent.size(), skipped.size()};
    }

    /** The primary writer, else the content module's (any but the placeholder), else the placeholder. */
    private TouchContent content() {
        TouchContent unique = contents.getIfUnique();
        if (unique != null) {
            return unique;
        }
        return contents.orderedStream().filter(c -> !(c instanceof PlaceholderTouchContent)).findFirst()
                .orElseGet(() -> contents.orderedStream().findFirst().orElseThrow());
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
