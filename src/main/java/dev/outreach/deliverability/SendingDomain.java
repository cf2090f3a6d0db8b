package dev.outreach.deliverability;

import java.time.Instant;

/**
 * A sending domain as admins see it.
 *
 * @param pausedByHealth true when the health guard paused it (and may resume it), false when an admin did
 * @param mailboxes how many mailboxes send from it
 */
public record SendingDomain(long id, String domain, boolean paused, String pausedReason, Instant pausedAt,
        boolean pausedByHealth, int dailyCap, int mailboxes) {

    /** ACTIVE or PAUSED, as stored. */
    public String status() {
        return paused ? "PAUSED" : "ACTIVE";
    }
}
