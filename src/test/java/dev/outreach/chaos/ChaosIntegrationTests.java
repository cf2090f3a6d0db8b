package dev.outreach.chaos;

import dev.outreach.support.PostgresIntegrationTest;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import dev.outreach.soak.PackagedApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The chaos run at a small size, once per CI run (after {@code package}: it starts the packaged
 * jar): 200 sends on 2 instances with 4 SIGKILLs at random moments. {@code -Dchaos.*} changes
 * any setting of {@link ChaosSettings}; the report and the instances' logs stay under
 * {@code target/chaos/}.
 *
 * <p>Its instances are processes of their own, so it runs beside the in-JVM integration classes,
 * after or before the soak (which holds the same lock for reading), never during it: the two
 * together would be four application instances on two cores.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = PackagedApp.LANE, mode = ResourceAccessMode.READ_WRITE)
class ChaosIntegrationTests {

    /** A slower mail server than the full run's, so that 200 sends still outlast 4 kills. */
    static final Map<String, String> SMALL = Map.of("sends", "200", "kills", "4", "smtp-delay", "150ms",
            "kill-every-max", "8s", "drain-timeout", "2m", "reconcile-wait", "3m");

    @Test
    void killedInstancesSendEveryTouchOnceAndLeaveNothingForAPerson() throws Exception {
        try {
            ChaosRun.probeDatabase();
        } catch (SQLException e) {
            PostgresIntegrationTest.requireService("PostgreSQL at " + ChaosRun.adminDatabaseUrl(), e);
        }
        PostgresIntegrationTest.emptyRedis(ChaosRun.redisUrl()); // skips (or fails on CI) without Redis

        ChaosReport report = ChaosRun.run(ChaosSettings.fromSystemProperties(SMALL),
                Path.of("target", "chaos", "it-" + Instant.now().toEpochMilli()).toAbsolutePath());

        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(report.after().duplicates()).as("touches received twice (%s)", report.line()).isZero();
            softly.assertThat(report.after().lostCount()).as("touches lost (%s)", report.line()).isZero();
            softly.assertThat(report.after().unfinished()).as("touches still due or claimed at the end (%s)",
                    report.line()).isZero();
            softly.assertThat(report.after().reachedButUnsent()).as("touches that reached the server but are recorded"
                    + " as unsent: a second send waiting (%s)", report.line()).isZero();
            // Issue 15, the engine's part: only the messages in flight are in doubt, and the engine resolves
            // them itself (sent folder, else back to PENDING or review). Until that work is merged these fail.
            softly.assertThat(report.before().inDoubt()).as("in doubt before reconciliation, at most kills x senders"
                    + " (%s)", report.line()).isLessThanOrEqualTo(report.inDoubtBound());
            softly.assertThat(report.after().inDoubt()).as("AFTER RECONCILIATION: touches left for a person (%s)",
                    report.line()).isZero();
        });
    }
}
