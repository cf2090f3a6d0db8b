package dev.outreach.integration;

import dev.outreach.campaign.CampaignCompleted;
import dev.outreach.events.EmailEventsApplied;
import dev.outreach.inbox.ReplyIntent;
import dev.outreach.inbox.ReplyLabelled;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.LeadOutcomeChanged;
import dev.outreach.lead.LeadStatusChanged;
import dev.outreach.outreach.MessageEngagement;
import dev.outreach.shared.LeadUnsubscribed;
import dev.outreach.shared.MessageSent;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the engine's events into deliveries, in the transaction of each event's cause (a send, an
 * email event's ingestion, a lead's status change): the delivery rows commit with the cause or
 * not at all, so none is lost on a crash and none exists for a cause that rolled back. Nothing is
 * sent here; an event no endpoint wants costs no query ({@link WebhookSubscriptions}).
 */
@Component
class WebhookEventSources {

    private final WebhookSubscriptions subscriptions;
    private final WebhookDeliveryStore deliveries;
    private final OutgoingWebhookProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final MessageEngagement messages;

    WebhookEventSources(WebhookSubscriptions subscriptions, WebhookDeliveryStore deliveries,
            OutgoingWebhookProperties properties, JsonMapper json, Clock clock, MessageEngagement messages) {
        this.messages = messages;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    void on(MessageSent sent) {
        record(WebhookEventType.MESSAGE_SENT, sent.sentAt(), () -> data("message_id", sent.messageId(),
                "lead_id", sent.leadId(), "enrollment_id", sent.enrollmentId(), "channel", sent.channel().name(),
                "mailbox", sent.mailboxAddress(), "touch", sent.touch(), "message_type", sent.messageType(),
                "sent_at", sent.sentAt().toString()));
    }

    /**
     * Deliveries, a person's opens and clicks (a machine's are left out), bounces, and the replies a
     * provider reports (they have no text, so no label); a reply read from a mailbox is announced
     * with its label ({@link ReplyLabelled}).
     */
    @EventListener
    void on(EmailEventsApplied applied) {
        for (EmailEventsApplied.Applied event : applied.events()) {
            WebhookEventType type = switch (event.kind()) {
                case DELIVERED -> WebhookEventType.MESSAGE_DELIVERED;
                case OPENED -> event.machine() ? null : WebhookEventType.MESSAGE_OPENED;
                case CLICKED -> event.machine() ? null : WebhookEventType.MESSAGE_CLICKED;
                case BOUNCED, DROPPED -> WebhookEventType.MESSAGE_BOUNCED;
                case REPLIED -> event.readFromMailbox() ? null : WebhookEventType.REPLY_RECEIVED;
                default -> null;
            };
            if (type != null) {
                record(type, event.occurredAt(), () -> emailEvent(type, event));
            }
        }
    }

    /**
     * A reply or automatic answer read from a mailbox, once its label is settled: the rules', the
     * model's or a person's, or the rules' when the model took longer than
     * {@code outreach.inbox.announce-within}.
     */
    @EventListener
    void on(ReplyLabelled labelled) {
        ReplyIntent intent = labelled.intent();
        record(WebhookEventType.REPLY_RECEIVED, labelled.receivedAt(), () -> {
            Map<String, Object> data = data("message_id", labelled.messageId(), "lead_id", labelled.leadId(),
                    "enrollment_id", enrollmentOf(labelled.messageId()), "source", "mailbox", "reply_id", labelled.replyId(),
                    "subject", labelled.subject(), "label", intent.label().name().toLowerCase(Locale.ROOT),
                    "label_source", intent.source().name().toLowerCase(Locale.ROOT),
                    "label_date", intent.date().map(Object::toString).orElse(null),
                    "referral_email", intent.referralEmail().orElse(null));
            data.put("automatic", labelled.automatic());
            data.put("confidence", intent.confidence());
            return data;
        });
    }

    @EventListener
    void on(LeadUnsubscribed unsubscribed) {
        record(WebhookEventType.LEAD_UNSUBSCRIBED, unsubscribed.at(), () -> data("lead_id", unsubscribed.leadId(),
                "email", unsubscribed.email(), "reason", unsubscribed.reason(), "cause", unsubscribed.cause()));
    }

    @EventListener
    void on(CampaignCompleted completed) {
        record(WebhookEventType.CAMPAIGN_COMPLETED, completed.completedAt(), () -> data("campaign_id",
                completed.campaignId(), "name", completed.name(), "completed_at", completed.completedAt().toString()));
    }

    @EventListener
    void on(LeadStatusChanged changed) {
        record(WebhookEventType.LEAD_STATUS_CHANGED, changed.at(), () -> data("lead_id", changed.leadId(),
                "from", changed.from() == null ? null : changed.from().name(), "to", changed.to().name(),
                "cause", changed.cause()));
    }

    /** A lead marked interested (its outcome became INTERESTED); other outcomes are not this event. */
    @EventListener
    void on(LeadOutcomeChanged changed) {
        if (changed.to() == LeadOutcome.INTERESTED) {
            record(WebhookEventType.LEAD_INTERESTED, changed.at(), () -> data("lead_id", changed.leadId(),
                    "outcome", changed.to().name(), "previous_outcome", changed.from() == null ? null : changed.from().name()));
        }
    }

    private Long enrollmentOf(UUID messageId) {
        MessageEngagement.Target message = messages.byIds(List.of(messageId)).get(messageId);
        return message == null ? null : message.enrollmentId();
    }

    private Map<String, Object> emailEvent(WebhookEventType type, EmailEventsApplied.Applied event) {
        Map<String, Object> data = data("message_id", event.messageId(), "lead_id", event.leadId(),
                "enrollment_id", event.enrollmentId(), "source", event.provider());
        switch (type) {
            case MESSAGE_BOUNCED -> {
                data.put("bounce", event.kind().name().equals("DROPPED") ? "dropped" : event.hardBounce() ? "hard" : "soft");
                data.put("reason", event.detail());
            }
            case MESSAGE_CLICKED -> data.put("url", event.detail());
            case REPLY_RECEIVED -> {
                data.put("subject", event.detail());
                data.put("automatic", false);
                data.put("label", null); // no text to label
            }
            default -> { }
        }
        return data;
    }

    private void record(WebhookEventType type, Instant occurredAt, java.util.function.Supplier<Map<String, Object>> data) {
        List<Long> endpoints = subscriptions.endpointsFor(type);
        if (endpoints.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        deliveries.record(type, json.writeValueAsString(data.get()), occurredAt, endpoints, now,
                now.plus(properties.retryFor()));
    }

    private static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            data.put((String) pairs[i], value == null ? null : value instanceof Number ? value : value.toString());
        }
        return data;
    }
}
