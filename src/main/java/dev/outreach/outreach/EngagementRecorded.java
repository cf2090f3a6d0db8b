package dev.outreach.outreach;

import java.time.Instant;
import java.util.List;

/**
 * What email events did to messages that belong to an enrollment, for the cadence (which owns
 * the enrollment) to count: opens, first clicks, replies and unsubscribes. One event per batch
 * of engagements (a webhook request), so that the cadence updates its rows in JDBC batches too.
 * Published in the ingesting transaction and handled in it: counts are not idempotent, and the
 * event row's unique key makes the whole transaction happen once.
 */
public record EngagementRecorded(List<Entry> entries) {

    public enum Kind {
        OPENED, CLICKED, REPLIED, UNSUBSCRIBED,
        /** A click taken back (a link scanner's): the enrollment's last click falls back to the one before. */
        CLICK_RETRACTED
    }

    /**
     * One engagement of a message of {@code enrollmentId}.
     *
     * @param human false for a proxy, scanner or prefetch open
     * @param firstOpen the message's first open (of any kind)
     * @param firstHumanOpen the message's first human open, the one the cadence reads
     */
    public record Entry(long enrollmentId, Kind kind, boolean human, boolean firstOpen, boolean firstHumanOpen,
            Instant at) {
    }
}
