package dev.outreach.deliverability;

import java.time.Instant;

/** One entry of the suppression list: an address, or a whole domain, that is never emailed. */
public record Suppression(long id, Kind kind, String entry, String reason, Instant createdAt) {

    public enum Kind {
        ADDRESS,
        DOMAIN
    }
}
