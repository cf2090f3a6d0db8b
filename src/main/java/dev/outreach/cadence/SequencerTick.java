package dev.outreach.cadence;

import dev.outreach.campaign.CampaignPlans;
import dev.outreach.campaign.EngineSettings;
import dev.outreach.campaign.EngineSettingsService;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.JobRuns;
import dev.outreach.shared.SchedulingProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import net.javacrumbs.shedlock.core.ClockProvider;
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
 * advances the enrollment. It works in batches of {@code outreach.cadence.batch-size} due
 * enrollments (campaign-bound and unbound alike), one transaction each, read in one pass over
 * {@code ix_enrollment_due}; each enrollment read leaves the due range in that transaction:
 * <ul>
 * <li>stopped (STOPPED with the reason) when its lead replied, unsubscribed, hard-bounced, was
 * disqualified or is suppressed (address or domain);</li>
 * <li>moved on to the next tick when its adaptive delay has not passed, its previous touch is
 * still in the outbox or its campaign is paused; by {@code outreach.cadence.gate-recheck}
 * (6h) when its final touch is gated for want of engagement;</li>
 * <li>moved to the next opening of its send window when it is outside the lead's business hours;</li>
 * <li>otherwise drafted ({@link TouchContent}, the whole batch in one call), written to the outbox
 * with one bulk statement per batch ({@code COPY} on PostgreSQL, a JDBC batch on H2), and advanced
 * with one {@code UPDATE ... WHERE id = ANY(...)} per batch.</li>
 * </ul>
 * A writer that calls out (the LLM) is never waited for inside a batch: its touches are written
 * DRAFTING, which the dispatcher does not send, and after the last batch the tick has each one
 * written, outside any transaction, and releases it as PENDING (or SKIPPED with the writer's reason).
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
    private final CampaignPlans campaignPlans;
    private final EngineSettingsService settingsService;
    private final ObjectProvider<TouchContent> contents;
    private final TransactionTemplate transaction;
    private final CadenceProperties properties;
    private final DefaultLockingTaskExecutor locks;
    private final Clock clock;
    private final JobRuns jobs;
    private final Duration lockAtMostFor;
    private volatile Instant lastRun;

    SequencerTick(TickStore store, CampaignPlans campaignPlans, EngineSettingsService settingsService, ObjectProvider<TouchContent> contents,
            TransactionTemplate transaction, CadenceProperties properties, LockProvider lockProvider, Clock clock,
            JobRuns jobs, SchedulingProperties scheduling) {
        this.store = store;
        this.campaignPlans = campaignPlans;
        this.settingsService = settingsService;
        this.contents = contents;
        this.transaction = transaction;
        this.properties = properties;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
        this.clock = clock;
        this.jobs = jobs;
        this.lockAtMostFor = scheduling.lockAtMostFor();
    }

    /**
     * Checked every minute; runs when {@code tick_interval_minutes} has passed since this
     * instance's last run (so a changed interval applies without a restart). ShedLock keeps
     * other instances out while it runs, and keeps the lock alive for as long as it runs; the
     * lock of an instance killed mid-tick lapses after {@code outreach.scheduling.lock-at-most-for}.
     * A tick only handles what is due, so two instances ticking in one interval do no harm.
     */
    @Scheduled(fixedDelayString = "${outreach.cadence.check-interval:1m}", initialDelayString = "${outreach.cadence.check-interval:1m}")
    @SchedulerLock(name = LOCK)
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
        jobs.call(LOCK, () -> SystemActor.call(this::tick));
    }

    /** An admin's "run now": the same tick, under the same cluster-wide lock; not run when one is running. */
    @PreAuthorize("hasRole('ADMIN')")
    public Result runNow() {
        try {
            // ShedLock's clock, not the engine's: the keep-alive compares the lock's end with it
            var result = locks.executeWithLock(this::tick,
                    new LockConfiguration(ClockProvider.now(), LOCK, lockAtMostFor, Duration.ZERO));
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
        TickPlans plans = TickPlans.of(settings, store.sequences(), campaignPlans.active());
        Plan plan = new Plan(now, settings, plans, content(), times(now, settings, properties), new DailyUsage(store, now));
        int[] totals = new int[5];
        int selected;
        do {
            int[] batch = transaction.execute(status -> batch(plan));
            selected = batch[0];
            for (int i = 0; i < totals.length; i++) {
                totals[i] += batch[i + 1];
            }
        } while (selected == properties.batchSize());
        int[] drafted = finishDrafts(plan.content());
        totals[3] += drafted[0];
        totals[4] += drafted[1];
        Result result = new Result(totals[0], totals[1], totals[2], totals[3], totals[4], true);
        if (result.queued() + result.stopped() + result.skipped() > 0) {
            log.info("Sequencer tick: {}", result);
        }
        return result;
    }

    /** The times a tick started at {@code now} decides against (the dry run uses the same). */
    static TickDecision.Times times(Instant now, EngineSettings settings, CadenceProperties properties) {
        return new TickDecision.Times(now, now.plus(Duration.ofMinutes(Math.max(1, settings.tickIntervalMinutes()))),
                now.plus(properties.gateRecheck()));
    }

    /** What every batch of one tick shares. */
    private record Plan(Instant now, EngineSettings settings, TickPlans plans, TouchContent content,
            TickDecision.Times times, DailyUsage usage) {
    }

    /**
     * One batch transaction: every due enrollment read is stopped, moved on or advanced.
     * Returns {selected, stopped, deferred, outside the window, queued, skipped}.
     */
    private int[] batch(Plan plan) {
        Instant now = plan.now();
        EngineSettings settings = plan.settings();
        List<TickStore.Due> due = store.dueBatch(now, plan.plans(), properties.batchSize());
        java.util.Set<Long> running = store.lockActive(due.stream().map(TickStore.Due::campaignId)
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet()));
        Map<String, List<Long>> stops = new TreeMap<>();
        Map<Instant, List<Long>> deferred = new TreeMap<>();
        List<Long> completed = new ArrayList<>();
        List<TickStore.Touch> touches = new ArrayList<>(due.size());
        Map<Advance, List<Long>> sent = new HashMap<>();
        Map<Advance, List<Long>> skipped = new HashMap<>();
        List<TickStore.Due> released = new ArrayList<>();
        int waiting = 0;
        int outside = 0;
        for (TickStore.Due dueRow : due) {
            TickStore.Due row = dueRow.campaignId() == null || running.contains(dueRow.campaignId()) ? dueRow
                    : dueRow.campaignStopped();
            TickPlans.Plan rowPlan = plan.plans().forRow(row.campaignId());
            TickDecision decision = TickDecision.decide(row, plan.times(), settings, rowPlan.window());
            if (decision instanceof TickDecision.Write && !plan.usage().take(rowPlan, row.step() == 0)) {
                decision = new TickDecision.Wait(TickDecision.Hold.DAILY_LIMIT, TickPlans.nextDay(rowPlan, now));
            }
            switch (decision) {
                case TickDecision.Stop(String reason) ->
                        stops.computeIfAbsent(reason, k -> new ArrayList<>()).add(row.enrollmentId());
                case TickDecision.Finish finish -> completed.add(row.enrollmentId());
                case TickDecision.Gate(Instant recheckAt) -> {
                    deferred.computeIfAbsent(recheckAt, k -> new ArrayList<>()).add(row.enrollmentId());
                    waiting++;
                }
                case TickDecision.Wait(TickDecision.Hold reason, Instant until) -> {
                    deferred.computeIfAbsent(until, k -> new ArrayList<>()).add(row.enrollmentId());
                    waiting++;
                }
                case TickDecision.OutsideWindow(ZoneId zone, Instant opening) -> {
                    deferred.computeIfAbsent(opening, k -> new ArrayList<>()).add(row.enrollmentId());
                    outside++;
                }
                // drafted below, all at once
                case TickDecision.Write write -> released.add(row);
            }
        }
        List<TouchContent.Draft> drafts = released.isEmpty() ? List.of()
                : plan.content().draftAll(released.stream().map(SequencerTick::dueTouch).toList());
        if (drafts.size() != released.size()) {
            throw new IllegalStateException(drafts.size() + " drafts for " + released.size() + " touches");
        }
        int queued = 0;
        int skippedCount = 0;
        for (int i = 0; i < released.size(); i++) {
            TickStore.Due row = released.get(i);
            TouchContent.Draft draft = drafts.get(i);
            TickPlans.TouchPlan touch = row.touch();
            Long sequenceId = touch == null ? null : touch.sequenceId();
            String firstChannel = touch == null ? null : touch.firstChannel();
            Advance advance = Advance.after(row, plan.plans(), now);
            if (draft.skipped()) {
                touches.add(new TickStore.Touch(UUID.randomUUID(), row.leadId(), row.enrollmentId(), row.step(),
                        touch == null ? "follow_up" : touch.messageType(), null, null, "SKIPPED",
                        truncate(draft.skipReason(), 500), sequenceId, firstChannel));
                skipped.computeIfAbsent(advance, k -> new ArrayList<>()).add(row.enrollmentId());
                skippedCount++;
            } else if (draft.writtenLater()) {
                // released without its text: the enrollment moves on now, the text is written after the batch;
                // a touch drafted later gets last_email_sent_at when its text is done and it is released (finishDrafts)
                touches.add(new TickStore.Touch(UUID.randomUUID(), row.leadId(), row.enrollmentId(), row.step(),
                        draft.messageType(), null, null, "DRAFTING", null, sequenceId, firstChannel));
                skipped.computeIfAbsent(advance, k -> new ArrayList<>()).add(row.enrollmentId());
                queued++;
            } else {
                touches.add(new TickStore.Touch(UUID.randomUUID(), row.leadId(), row.enrollmentId(), row.step(),
                        draft.messageType(), truncate(draft.subject(), 500), draft.body(), "PENDING", null, sequenceId,
                        firstChannel));
                sent.computeIfAbsent(advance, k -> new ArrayList<>()).add(row.enrollmentId());
                queued++;
            }
        }
        int stopped = 0;
        for (var stop : stops.entrySet()) {
            stopped += store.stop(stop.getValue(), stop.getKey(), now);
        }
        store.close(completed, now);
        deferred.forEach((at, ids) -> store.deferTo(ids, at, now));
        store.insertTouches(touches, now);
        sent.forEach((advance, ids) -> store.advance(ids, true, now, advance.nextDue(), advance.touchCount()));
        skipped.forEach((advance, ids) -> store.advance(ids, false, now, advance.nextDue(), advance.touchCount()));
        plan.usage().save();
        return new int[] {due.size(), stopped + completed.size(), waiting, outside, queued, skippedCount};
    }

    /**
     * How a written touch advances its enrollment: the plan's touch count (the cycle is over after
     * the last) and the earliest the next touch can be due. Enrollments that share both advance in
     * one statement.
     */
    private record Advance(int touchCount, Instant nextDue) {

        static Advance after(TickStore.Due row, TickPlans plans, Instant now) {
            TickPlans.Plan plan = plans.forRow(row.campaignId());
            TickPlans.TouchPlan next = plan.touch(row.step() + 1);
            return new Advance(plan.touches().size(), next == null ? now : plans.earliest(next, now));
        }
    }

    /**
     * The campaigns' daily limits during one tick: what each used today, read on first need, taken
     * touch by touch, and written back after each batch ({@code campaign_day_usage}).
     */
    private static final class DailyUsage {

        private final TickStore store;
        private final Instant now;
        private final Map<Long, int[]> used = new HashMap<>();
        private final Map<Long, int[]> added = new HashMap<>();
        private final Map<Long, java.time.LocalDate> days = new HashMap<>();

        DailyUsage(TickStore store, Instant now) {
            this.store = store;
            this.now = now;
        }

        /** Takes one touch (and one new lead when it is a first touch) from the plan's limits; false when one is reached. */
        boolean take(TickPlans.Plan plan, boolean newLead) {
            if (plan.campaignId() == null) {
                return true;
            }
            Integer touchLimit = plan.limits().touchesPerDay();
            Integer leadLimit = plan.limits().newLeadsPerDay();
            if (touchLimit == null && leadLimit == null) {
                return true;
            }
            long id = plan.campaignId();
            int[] today = used.computeIfAbsent(id, k -> store.usage(k, days.computeIfAbsent(k, d -> TickPlans.day(plan, now))));
            if ((touchLimit != null && today[0] >= touchLimit) || (newLead && leadLimit != null && today[1] >= leadLimit)) {
                return false;
            }
            int[] delta = added.computeIfAbsent(id, k -> new int[2]);
            today[0]++;
            delta[0]++;
            if (newLead) {
                today[1]++;
                delta[1]++;
            }
            return true;
        }

        void save() {
            added.forEach((id, delta) -> store.addUsage(id, days.get(id), delta[0], delta[1]));
            added.clear();
        }
    }

    /** The primary writer, else the content module's (any but the placeholder), else the placeholder. */
    private TouchContent content() {
        try {
            TouchContent unique = contents.getIfUnique();
            if (unique != null) {
                return unique;
            }
        } catch (org.springframework.beans.factory.NoUniqueBeanDefinitionException e) {
            // several marked primary: fall through to the first in order
        }
        return contents.orderedStream().filter(c -> !(c instanceof PlaceholderTouchContent)).findFirst()
                .orElseGet(() -> contents.orderedStream().findFirst().orElseThrow());
    }

    private static TouchContent.DueTouch dueTouch(TickStore.Due row) {
        TickPlans.TouchPlan touch = row.touch();
        return new TouchContent.DueTouch(row.enrollmentId(), row.leadId(), row.step(), row.cycle(),
                touch == null ? null : touch.messageType(), touch == null ? null : touch.emailTemplate());
    }

    /**
     * Writes the text of the messages the batches left DRAFTING (and any an interrupted tick left),
     * one at a time, outside any transaction: the writer may take long (the LLM). Each is then
     * released in a short transaction of its own: PENDING, which the dispatcher sends, or SKIPPED
     * with the writer's reason. Returns {queued, skipped} corrections to the batch counts. A
     * writer that throws leaves the message DRAFTING for the next tick.
     */
    private int[] finishDrafts(TouchContent content) {
        int skippedLater = 0;
        for (TickStore.Drafting message : store.drafting()) {
            Optional<TouchContent.Draft> draft = written(content, message);
            if (draft.isEmpty()) {
                continue;
            }
            Instant now = clock.instant();
            TouchContent.Draft text = draft.get();
            boolean released = Boolean.TRUE.equals(transaction.execute(status -> text.skipped()
                    ? store.finishDraft(message, null, null, "SKIPPED", truncate(text.skipReason(), 500), now)
                    : store.finishDraft(message, truncate(text.subject(), 500), text.body(), "PENDING", null, now)));
            if (released && text.skipped()) {
                skippedLater++;
            }
        }
        return new int[] {-skippedLater, skippedLater};
    }

    /** The text of a DRAFTING message; empty when the writer failed (the message waits for the next tick). */
    private static Optional<TouchContent.Draft> written(TouchContent content, TickStore.Drafting message) {
        if (message.enrollmentId() == null) {
            return Optional.of(TouchContent.Draft.skip("The enrollment was removed before the message was written"));
        }
        try {
            TouchContent.Draft draft = content.draft(new TouchContent.DueTouch(message.enrollmentId(), message.leadId(),
                    message.touch(), message.cycle()));
            if (!draft.writtenLater()) {
                return Optional.of(draft);
            }
            log.error("{} put off drafting outreach message {} again; it stays DRAFTING", content.getClass().getSimpleName(),
                    message.id());
        } catch (RuntimeException e) {
            log.error("Drafting outreach message {} failed; it stays DRAFTING for the next tick", message.id(), e);
        }
        return Optional.empty();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
