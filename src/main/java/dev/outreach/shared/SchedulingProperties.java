package dev.outreach.shared;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cluster-wide locks of the scheduled jobs, under {@code outreach.scheduling}.
 *
 * @param lockAtMostFor how long a job's lock outlives its holder: while the job runs the lock is
 *                      extended by this much every half of it, so a job may run for hours, but
 *                      the lock of an instance killed mid-run lapses within this time
 */
@ConfigurationProperties("outreach.scheduling")
public record SchedulingProperties(@DefaultValue("2m") Duration lockAtMostFor) {

    /** ShedLock's keep-alive refuses shorter locks: it could not extend them in time. */
    static final Duration SHORTEST_LOCK = Duration.ofSeconds(30);

    public SchedulingProperties {
        if (lockAtMostFor == null || lockAtMostFor.compareTo(SHORTEST_LOCK) < 0) {
            throw new IllegalArgumentException("outreach.scheduling.lock-at-most-for must be at least 30s, not "
                    + lockAtMostFor);
        }
    }
}
