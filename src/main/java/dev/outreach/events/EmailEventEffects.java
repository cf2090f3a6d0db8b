package dev.outreach.events;

import dev.outreach.deliverability.EmailEventType;
import dev.outreach.deliverability.SoftBounces;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadService;
import dev.outreach.outreach.MessageEngagement;
import dev.outreach.outreach.MessageEngagement.Engagement;
import dev.outreach.outreach.MessageEngagement.EngagementKind;
import dev.outreach.outreach.MessageEngagement.Target;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.AddressBounced;
import dev.outreach.shared.LeadUnsubscribed;
import dev.outreach.shared.ReplyReceived;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What one new event does to its message, in the ingesting transaction, and what it announces to
 * the modules that own the rest: the enrollment ({@link MessageEngagement}'s engagement event), the
 * lead and the suppression list ({@link AddressBounced}, {@link LeadUnsubscribed},
 * {@link ReplyReceived}, whose listeners run right after the commit). Returns what it did (written
 * to {@code email_event.detail}) and the reputation count it earns, which the ingestion records
 * only after the commit.
 */
@Component
class EmailEventEffects {

    /** What an event did, and the reputation count it earns (none for replies, unsubscribes). */
    record Effect(String detail, Optional<EmailEventType> reputation) {

        static Effect of(String detail, EmailEventType reputation) {
            return new Effect(detail, Optional.of(reputation));
        }

        static Effect of(String detail) {
            return new Effect(detail, Optional.empty());
        }
    }

    private static final int MAX_REASON = 200;

    private final MessageEngagement engagement;
    private final LeadService leads;
    private final SoftBounces softBounces;
    private final ApplicationEventPublisher events;

    EmailEventEffects(MessageEngagement engagement, LeadService leads, SoftBounces softBounces,
            ApplicationEventPublisher events) {
        this.engagement = engagement;
        this.leads = leads;
        this.softBounces = softBounces;
        this.events = events;
    }

    /**
     * Applies new events in the given order. Deliveries, opens and clicks between two other
     * events go to the database together ({@link MessageEngagement#recordAll}); every other event
     * (reply, bounce, complaint, unsubscribe) runs on its own, after the ones before it.
     */
    List<Effect> applyAll(List<EmailEvent> events, List<Target> targets, Instant now) {
        Effect[] effects = new Effect[events.size()];
        List<Integer> run = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (engagement(events.get(i)) != null) {
                run.add(i);
            } else {
                flush(run, events, targets, effects);
                effects[i] = apply(events.get(i), targets.get(i), now);
            }
        }
        flush(run, events, targets, effects);
        return List.of(effects);
    }

    /** Deliveries, opens and a person's clicks; a machine's click counts for nothing. */
    private static EngagementKind engagement(EmailEvent event) {
        return switch (event.kind()) {
            case DELIVERED -> EngagementKind.DELIVERED;
            case OPENED -> EngagementKind.OPENED;
            case CLICKED -> event.machineOpen() ? null : EngagementKind.CLICKED;
            default -> null;
        };
    }

    private void flush(List<Integer> run, List<EmailEvent> events, List<Target> targets, Effect[] effects) {
        if (run.isEmpty()) {
            return;
        }
        List<Engagement> engagements = run.stream().map(i -> new Engagement(engagement(events.get(i)),
                targets.get(i), !events.get(i).machineOpen(), events.get(i).occurredAt())).toList();
        boolean[] changed = engagement.recordAll(engagements);
        for (int k = 0; k < run.size(); k++) {
            int i = run.get(k);
            effects[i] = describe(events.get(i), targets.get(i), changed[k]);
        }
        run.clear();
    }

    /**
     * What a delivery, open or click did. Every open counts for reputation, machine opens
     * included: reputation counts opens as the provider reports them. Engagement (the human
     * open counts the cadence reads) leaves them out.
     */
    private static Effect describe(EmailEvent event, Target target, boolean changed) {
        return switch (event.kind()) {
            case DELIVERED -> Effect.of(changed ? "delivered: message DELIVERED" : "delivered; the message stays "
                    + target.status(), EmailEventType.DELIVERED);
            case OPENED -> Effect.of((changed ? "first open" : "opened again") + (event.machineOpen()
                    ? " by a machine (proxy, scanner or prefetch): not counted as a human open" : ""), EmailEventType.OPENED);
            case CLICKED -> Effect.of(withDetail(changed ? "first click" : "clicked again", event), EmailEventType.CLICKED);
            default -> throw new IllegalArgumentException("Not a delivery, open or click: " + event.kind());
        };
    }

    /** Any other event, on its own. */
    private Effect apply(EmailEvent event, Target target, Instant now) {
        Instant at = event.occurredAt();
        return switch (event.kind()) {
            case DELIVERED, OPENED -> throw new IllegalArgumentException("Applied in batches: " + event.kind());
            case CLICKED -> Effect.of(withDetail("click by a machine (scanner or security gateway): redirected, not counted",
                    event));
            case DEFERRED -> Effect.of(withDetail("deferred by the receiving server, counted for reputation", event),
                    EmailEventType.DEFERRED);
            case REPLIED -> replied(event, target, at);
            case BOUNCED -> event.hardBounce() ? bounced("hard bounce", event, target, now) : softBounced(event, target, now);
            case DROPPED -> bounced("dropped", event, target, now);
            case COMPLAINED -> {
                engagement.markComplained(target.id(), at);
                yield Effect.of("complaint: " + stop(target, "complaint", event, now), EmailEventType.COMPLAINED);
            }
            case UNSUBSCRIBED -> Effect.of("unsubscribed: " + stop(target, "unsubscribed", event, now));
        };
    }

    private Effect replied(EmailEvent event, Target target, Instant at) {
        boolean first = engagement.markReplied(target, at);
        // the lead's listener leaves a lead that unsubscribed or was disqualified as it is
        events.publishEvent(new ReplyReceived(target.leadId(), event.provider() + " reply to message " + target.id(), at));
        return Effect.of(withDetail((first ? "replied: message REPLIED" : "replied again") + ", lead REPLIED", event));
    }

    /** A soft bounce counts against reputation; enough of them for the address suppress it ({@link SoftBounces}). */
    private Effect softBounced(EmailEvent event, Target target, Instant now) {
        Optional<String> suppressed = SystemActor.call(() -> leadOf(target).map(lead -> lead.fields().getEmail())
                .filter(email -> email != null && !email.isBlank())
                .flatMap(email -> softBounces.record(email, event.detail(), event.occurredAt(), now)));
        return suppressed.map(reason -> bounced(reason, null, event, target, now))
                .orElseGet(() -> Effect.of(withDetail("soft bounce: counts against reputation only", event),
                        EmailEventType.BOUNCED));
    }

    /** A permanent failure: the message BOUNCED, the address suppressed, the lead BOUNCED. */
    private Effect bounced(String what, EmailEvent event, Target target, Instant now) {
        return bounced(EmailEventStore.truncate(what + (event.detail() == null || event.detail().isBlank() ? ""
                : ": " + event.detail().strip()), MAX_REASON), what, event, target, now);
    }

    private Effect bounced(String reason, String kind, EmailEvent event, Target target, Instant now) {
        String what = kind == null ? "soft bounces" : kind;
        boolean messageBounced = engagement.markBounced(target.id(), reason, event.occurredAt());
        String leadEffect = SystemActor.call(() -> leadOf(target).map(lead -> {
            String email = lead.fields().getEmail();
            events.publishEvent(new AddressBounced(lead.id(), email, reason, what + " of message " + target.id(), now));
            return (email == null ? "" : ", address suppressed") + ", lead BOUNCED";
        }).orElse(""));
        return Effect.of(reason + (messageBounced ? "; message BOUNCED" : "; the message stays " + target.status())
                + leadEffect, EmailEventType.BOUNCED);
    }

    /**
     * The recipient wants no more mail (an unsubscribe or a complaint): {@link LeadUnsubscribed},
     * whose listeners suppress the address and unsubscribe the lead; the enrollment is flagged
     * too. Repeating it is harmless (the listeners are idempotent).
     */
    private String stop(Target target, String reason, EmailEvent event, Instant now) {
        engagement.markUnsubscribed(target, now);
        return SystemActor.call(() -> leadOf(target).map(lead -> {
            String email = lead.fields().getEmail();
            events.publishEvent(new LeadUnsubscribed(lead.id(), email, reason,
                    event.provider() + " " + reason + " for message " + target.id(), now));
            return email == null ? "lead UNSUBSCRIBED" : "address suppressed, lead UNSUBSCRIBED";
        }).orElse("the message's lead is gone"));
    }

    private Optional<LeadDetails> leadOf(Target target) {
        return leads.find(target.leadId());
    }

    private static String withDetail(String what, EmailEvent event) {
        return event.detail() == null || event.detail().isBlank() ? what : what + ": " + event.detail().strip();
    }
}
