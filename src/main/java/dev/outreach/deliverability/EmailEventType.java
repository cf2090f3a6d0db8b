package dev.outreach.deliverability;

import java.util.Locale;

/**
 * The counts of a reputation scope: the six it is scored from, and deferrals
 * (temporary 4xx refusals, the first throttle signal of Gmail and Microsoft), which are shown
 * but make no verdict by themselves. {@link #key()} is the name in the Redis keys
 * ({@code email:reputation:{event_type}}).
 */
public enum EmailEventType {
    SENT, DELIVERED, BOUNCED, COMPLAINED, OPENED, CLICKED, DEFERRED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
