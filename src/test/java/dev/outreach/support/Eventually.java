package dev.outreach.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.awaitility.core.ThrowingRunnable;

/**
 * Waits for what a scheduled job does on its own: the assertion is tried every 200 ms until it
 * holds, for at most 30 s (jobs in these tests run every second; the margin is for a busy machine).
 */
public final class Eventually {

    private Eventually() {
    }

    public static void eventually(ThrowingRunnable assertion) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(assertion);
    }
}
