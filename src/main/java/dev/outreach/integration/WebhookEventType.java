package dev.outreach.integration;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an endpoint can subscribe to, with its name on the wire. {@code produced} is false for the
 * types whose source does not exist in the engine yet: they cannot be chosen until it does.
 */
public enum WebhookEventType {
    MESSAGE_SENT("message.sent", true),
    MESSAGE_DELIVERED("message.delivered", true),
    MESSAGE_BOUNCED("message.bounced", true),
    MESSAGE_OPENED("message.opened", true),
    MESSAGE_CLICKED("message.clicked", true),
    REPLY_RECEIVED("reply.received", true),
    LEAD_INTERESTED("lead.interested", true),
    LEAD_UNSUBSCRIBED("lead.unsubscribed", true),
    LEAD_STATUS_CHANGED("lead.status_changed", true),
    CAMPAIGN_COMPLETED("campaign.completed", true);

    private final String wireName;
    private final boolean produced;

    WebhookEventType(String wireName, boolean produced) {
        this.wireName = wireName;
        this.produced = produced;
    }

    public String wireName() {
        return wireName;
    }

    public boolean produced() {
        return produced;
    }

    public static Optional<WebhookEventType> ofWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }
}
