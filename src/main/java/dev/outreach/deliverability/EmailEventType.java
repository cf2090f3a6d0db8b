package dev.outreach.deliverability;

import java.util.Locale;

/**
 * The six counts reputation is scored from. {@link #key()} is the name in the reference's Redis
 * keys ({@code email:reputation:{event_type}}).
 */
public enum EmailEventType {
    SENT, DELIVERED, BOUNCED, COMPLAINED, OPENED, CLICKED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
