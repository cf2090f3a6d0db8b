package dev.outreach.channel.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Whether this instance can reach the rate limiter's counters (Redis; in the embedded mode they
 * are in this JVM and always there). An instance that cannot take caps must not take work either:
 * the dispatcher asks before it claims, and the sequencer before it takes units, so that while
 * the counters are out of reach this instance leaves due messages to one that can send them.
 *
 * <p>The answer comes from a PING at most {@code outreach.rate-limits.probe-interval} old, or
 * at once from a call to the counters that failed ({@link #recheck}). A change is logged in one
 * line without a stack trace: WARN when the counters become unreachable, INFO when they are back.
 */
@Service
public class RateLimiterAvailability {

    private static final Logger log = LoggerFactory.getLogger(RateLimiterAvailability.class);

    /** What the console and the health endpoint show; {@code since} and {@code problem} are set while unreachable. */
    public record Status(boolean reachable, Optional<Instant> since, Optional<String> problem) {
    }

    private final RateLimiter limiter;
    private final Clock clock;
    private final long probeIntervalNanos;
    /** When the last probe ended (System.nanoTime); meaningless until {@code probed}. */
    private volatile long probedAt;
    private volatile boolean probed;
    private volatile Status status = new Status(true, Optional.empty(), Optional.empty());

    RateLimiterAvailability(RateLimiter limiter, Clock clock,
            @Value("${outreach.rate-limits.probe-interval:5s}") Duration probeInterval) {
        this.limiter = limiter;
        this.clock = clock;
        this.probeIntervalNanos = probeInterval.toNanos();
    }

    /** Whether the counters answer, from a probe at most the probe interval old. */
    public boolean reachable() {
        if (probeDue()) {
            probe(false);
        }
        return status.reachable();
    }

    /** Probes now, after a call to the counters failed; whether they answer. */
    public boolean recheck() {
        probe(true);
        return status.reachable();
    }

    /** The last known state, without probing. */
    public Status status() {
        return status;
    }

    /** Without the lock: the send path asks once per message. */
    private boolean probeDue() {
        return !probed || System.nanoTime() - probedAt >= probeIntervalNanos;
    }

    private synchronized void probe(boolean forced) {
        if (!forced && !probeDue()) {
            return; // another thread probed while this one waited
        }
        try {
            limiter.ping();
            if (!status.reachable()) {
                log.info("The rate-limit counters answer again (unreachable since {}); claiming resumes",
                        status.since().orElseThrow());
                status = new Status(true, Optional.empty(), Optional.empty());
            }
        } catch (RuntimeException e) {
            if (status.reachable()) {
                String problem = describe(e);
                log.warn("The rate-limit counters cannot be reached ({}); this instance claims no messages until they answer",
                        problem);
                status = new Status(false, Optional.of(clock.instant()), Optional.of(problem));
            }
        } finally {
            probedAt = System.nanoTime();
            probed = true;
        }
    }

    /** The failure and its root cause in one short line ("Unable to connect to Redis: Connection refused: ..."). */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = String.valueOf(failure.getMessage());
        String text = root == failure || root.getMessage() == null || top.contains(root.getMessage()) ? top
                : top + ": " + root.getMessage();
        return text.length() <= 200 ? text : text.substring(0, 199) + "…";
    }
}
