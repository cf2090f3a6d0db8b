package dev.outreach.events;

import dev.outreach.deliverability.EmailEventType;
import dev.outreach.deliverability.ReputationEventsObserved;
import dev.outreach.deliverability.ReputationEventsRetracted;
import dev.outreach.events.EmailEventEffects.Effect;
import dev.outreach.outreach.MessageEngagement;
import dev.outreach.outreach.MessageEngagement.Target;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one path every email event takes (webhooks, own tracking, IMAP, the sandbox simulator):
 * stores the event under its unique (provider, provider event id) and applies its effects in
 * the same transaction, so that a replayed event has no second effect.
 *
 * <p>The event row's insert decides: it ignores conflicts, so the first transaction to insert a
 * key applies its effects and every other one (the same event replayed, even concurrently: the
 * later inserts wait for the first transaction, then count 0) is a duplicate. Reputation is
 * counted after the commit ({@link ReputationEventsObserved}), so an event that rolled back or
 * was a duplicate never counts.
 */
@Service
public class EmailEventIngestion {

    /** What became of an event. */
    public enum Outcome {
        /** stored and its effects applied */
        APPLIED,
        /** seen before (same provider and provider event id): nothing changed */
        DUPLICATE,
        /** stored, but it names no message of ours: no effect */
        ORPHAN
    }

    private final EmailEventStore store;
    private final MessageEngagement engagement;
    private final EmailEventEffects effects;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    EmailEventIngestion(EmailEventStore store, MessageEngagement engagement, EmailEventEffects effects,
            ApplicationEventPublisher publisher, Clock clock) {
        this.store = store;
        this.engagement = engagement;
        this.effects = effects;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Transactional
    public Outcome ingest(EmailEvent event) {
        return ingestAll(List.of(event)).get(0);
    }

    /** A batch (a webhook request) in one transaction; outcomes in the order of the events. */
    @Transactional
    public List<Outcome> ingestAll(List<EmailEvent> events) {
        events.forEach(EmailEventIngestion::check);
        if (events.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Target> targets = resolve(events);
        // Inserts in key order, so that two batches sharing events never wait for each other crosswise.
        Integer[] byKey = IntStream.range(0, events.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> events.get(i).provider())
                        .thenComparing(i -> events.get(i).providerEventId()))
                .toArray(Integer[]::new);
        List<EmailEventStore.Row> rows = Arrays.stream(byKey).map(i -> row(events.get(i), targets.get(i))).toList();
        boolean[] insertedByKey = store.insertAll(rows, now);
        Outcome[] outcomes = new Outcome[events.size()];
        for (int k = 0; k < byKey.length; k++) {
            int i = byKey[k];
            outcomes[i] = !insertedByKey[k] ? Outcome.DUPLICATE : targets.get(i) == null ? Outcome.ORPHAN : Outcome.APPLIED;
        }
        apply(events, targets, outcomes, now);
        return List.of(outcomes);
    }

    /**
     * Applies the new events grouped by lead and message (each message's events in their
     * order), after locking their messages in id order, so that concurrent batches take the
     * rows they share (messages, then enrollments and leads) in one order.
     */
    private void apply(List<EmailEvent> events, List<Target> targets, Outcome[] outcomes, Instant now) {
        List<Integer> order = IntStream.range(0, events.size()).filter(i -> outcomes[i] == Outcome.APPLIED).boxed()
                .sorted(Comparator.comparingLong((Integer i) -> targets.get(i).leadId())
                        .thenComparing(i -> targets.get(i).id()).thenComparingInt(i -> i))
                .toList();
        if (order.isEmpty()) {
            return;
        }
        List<EmailEvent> applied = order.stream().map(events::get).toList();
        List<Target> appliedTargets = order.stream().map(targets::get).toList();
        engagement.lock(appliedTargets.stream().map(Target::id).distinct().toList());
        List<Effect> done = effects.applyAll(applied, appliedTargets, now);
        List<ReputationEventsObserved.Observed> counted = new ArrayList<>();
        for (int k = 0; k < done.size(); k++) {
            String mailbox = appliedTargets.get(k).mailboxAddress();
            done.get(k).reputation().ifPresent(type -> counted.add(new ReputationEventsObserved.Observed(type, mailbox)));
        }
        store.setDetails(applied, done.stream().map(Effect::detail).toList());
        if (!counted.isEmpty()) {
            publisher.publishEvent(new ReputationEventsObserved(List.copyOf(counted)));
        }
        publisher.publishEvent(new EmailEventsApplied(IntStream.range(0, applied.size()).mapToObj(k -> {
            EmailEvent event = applied.get(k);
            Target target = appliedTargets.get(k);
            return new EmailEventsApplied.Applied(event.kind(), target.id(), target.leadId(), target.enrollmentId(),
                    event.hardBounce(), event.machineOpen(), event.provider(), event.detail(), event.occurredAt());
        }).toList()));
    }

    /**
     * The message each event names, trying every id it carries in turn: our id (a tracking
     * token, a custom argument), the Message-ID we sent, and last the provider's own id of the
     * message, through an earlier event of the same provider (in this batch or stored) that
     * named our message, else as its relay gave it when it accepted the message (stored on the
     * message when it was sent). Null for none: an orphan.
     */
    private List<Target> resolve(List<EmailEvent> events) {
        Map<UUID, Target> byId = engagement.byIds(events.stream().map(EmailEvent::messageId).filter(Objects::nonNull)
                .distinct().toList());
        Map<String, Target> byHeader = engagement.byProviderMessageIds(events.stream()
                .filter(e -> e.messageId() == null || !byId.containsKey(e.messageId()))
                .map(e -> headerId(e.providerMessageId())).filter(Objects::nonNull).distinct().toList());
        List<Target> targets = new ArrayList<>(events.stream().map(e -> {
            Target target = e.messageId() == null ? null : byId.get(e.messageId());
            return target != null ? target : byHeader.get(headerId(e.providerMessageId()));
        }).toList());
        resolveByRelayIds(events, targets);
        return targets;
    }

    private void resolveByRelayIds(List<EmailEvent> events, List<Target> targets) {
        Map<String, Target> learned = new HashMap<>();
        Map<String, List<String>> unmatched = new TreeMap<>();
        for (int i = 0; i < events.size(); i++) {
            String relayId = events.get(i).relayMessageId();
            if (relayId == null) {
                continue;
            }
            if (targets.get(i) != null) {
                learned.putIfAbsent(events.get(i).provider() + " " + relayId, targets.get(i));
            } else {
                unmatched.computeIfAbsent(events.get(i).provider(), p -> new ArrayList<>()).add(relayId);
            }
        }
        if (unmatched.isEmpty()) {
            return;
        }
        Map<String, UUID> stored = new HashMap<>();
        unmatched.forEach((provider, ids) -> store.messagesByRelayIds(provider, ids.stream()
                .filter(id -> !learned.containsKey(provider + " " + id)).distinct().toList())
                .forEach((id, message) -> stored.put(provider + " " + id, message)));
        Map<UUID, Target> storedTargets = stored.isEmpty() ? Map.of()
                : engagement.byIds(stored.values().stream().distinct().toList());
        // last, the id the provider's relay gave when it accepted the message (SendGrid's "queued as")
        Map<String, Target> relayed = engagement.byRelayMessageIds(unmatched.values().stream().flatMap(List::stream)
                .distinct().toList());
        for (int i = 0; i < events.size(); i++) {
            EmailEvent event = events.get(i);
            if (targets.get(i) == null && event.relayMessageId() != null) {
                String key = event.provider() + " " + event.relayMessageId();
                Target target = learned.get(key);
                targets.set(i, target != null ? target : stored.containsKey(key) ? storedTargets.get(stored.get(key))
                        : relayed.get(event.relayMessageId()));
            }
        }
    }

    private static EmailEventStore.Row row(EmailEvent event, Target target) {
        if (target != null) {
            return new EmailEventStore.Row(event, target.id(), false, null);
        }
        List<String> named = new ArrayList<>();
        if (event.messageId() != null) {
            named.add("id " + event.messageId());
        }
        if (event.providerMessageId() != null) {
            named.add("Message-ID " + event.providerMessageId());
        }
        if (event.relayMessageId() != null) {
            named.add(event.provider() + " message id " + event.relayMessageId());
        }
        return new EmailEventStore.Row(event, null, true, named.isEmpty() ? "orphan: the event names no message"
                : "orphan: no message of ours has " + String.join(", nor ", named));
    }

    /** Our Message-ID headers are stored in angle brackets; sources may drop them. */
    static String headerId(String providerMessageId) {
        if (providerMessageId == null || providerMessageId.isBlank()) {
            return null;
        }
        String id = providerMessageId.strip();
        return id.startsWith("<") ? id : "<" + id + ">";
    }

    private static void check(EmailEvent event) {
        if (event.provider() == null || event.provider().isBlank() || event.provider().length() > 30) {
            throw new IllegalArgumentException("An email event needs a provider of 1 to 30 characters: " + event);
        }
        if (event.providerEventId() == null || event.providerEventId().isBlank() || event.providerEventId().length() > 200) {
            throw new IllegalArgumentException("An email event needs a provider event id of 1 to 200 characters: " + event);
        }
        if (event.kind() == null || event.occurredAt() == null) {
            throw new IllegalArgumentException("An email event needs a kind and a time: " + event);
        }
    }

    /**
     * Tracking clicks first counted as a person's that turned out to be a machine's (the first
     * click of a link scanner's burst): re-classed on their rows with the rule and what became of
     * them, their effect on the message and the enrollment undone through {@link MessageEngagement},
     * and their reputation count taken back after the commit ({@link ReputationEventsRetracted}).
     * Runs in the caller's transaction, which holds the message's row lock. Returns how many were
     * re-classed (others already were).
     */
    int retractClicks(UUID messageId, List<EmailEventStore.Tracked> clicks, String rule, String detail) {
        Target target = engagement.byIds(List.of(messageId)).get(messageId);
        List<String> reclassed = store.reclassAsMachine(clicks.stream().map(EmailEventStore.Tracked::eventId).toList(),
                rule, detail);
        List<Instant> at = clicks.stream().filter(click -> reclassed.contains(click.eventId()))
                .map(EmailEventStore.Tracked::at).toList();
        if (target == null || at.isEmpty()) {
            return at.size();
        }
        engagement.retractClicks(target, at, store.firstHumanClick(messageId), clock.instant());
        publisher.publishEvent(new ReputationEventsRetracted(at.stream()
                .map(counted -> new ReputationEventsRetracted.Retracted(EmailEventType.CLICKED, target.mailboxAddress(),
                        counted))
                .toList()));
        return at.size();
    }
}
