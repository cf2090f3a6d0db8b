package dev.outreach;

import static dev.outreach.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.outreach.cadence.SequencerTick;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.SecretCipher;
import dev.outreach.support.CapturedLog;
import dev.outreach.support.MovableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The cluster-wide locks of the scheduled jobs as the scheduler takes them, on the embedded H2
 * (and on PostgreSQL in {@link SchedulingLocksPostgresIntegrationTests}), with locks of 30 s:
 * the tick lock of a holder killed mid-run lapses within that bound and the next scheduled tick
 * runs, and a job that runs longer than its lock keeps it, extended while it runs.
 */
@SpringBootTest(properties = {"outreach.scheduling.lock-at-most-for=30s", "outreach.cadence.check-interval=1s",
        "outreach.dispatch.enabled=false", "outreach.imap.enabled=true", "outreach.imap.poll-interval=1s",
        "outreach.imap.read-timeout=5m"})
@ActiveProfiles("test")
@Import(MovableClock.Config.class)
class SchedulingLocksIntegrationTests {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static ServerSocket silentServer;
    private static final List<Socket> waiting = new CopyOnWriteArrayList<>();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    MovableClock clock;
    @Autowired
    MeterRegistry meters;
    @Autowired
    SequencerTick tick;
    @Autowired
    LockProvider locks;
    @Autowired
    SecretCipher secrets;

    @RegisterExtension
    final CapturedLog log = new CapturedLog();

    /** An "IMAP server" that takes connections and never says a word: a poll that runs as long as the test. */
    @BeforeAll
    static void startSilentServer() throws IOException {
        silentServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!silentServer.isClosed()) {
                try {
                    waiting.add(silentServer.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    @AfterAll
    static void stopSilentServer() throws IOException {
        silentServer.close();
        for (Socket socket : waiting) {
            socket.close();
        }
    }

    // the two tests wait on different locks (about 30 and 40 s): they wait at the same time, in one context
    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void theTickLockOfAKilledHolderLapsesWithinTheBoundAndTheNextScheduledTickRuns() {
        eventually(() -> assertThat(tickRuns()).as("the first scheduled tick").isPositive());
        ScheduledExecutorService deadKeepAlive = Executors.newSingleThreadScheduledExecutor();
        LockProvider otherInstance = new KeepAliveLockProvider(new JdbcTemplateLockProvider(
                JdbcTemplateLockProvider.Configuration.builder().withJdbcTemplate(new JdbcTemplate(dataSource))
                        .usingDbTime().withLockedByValue("killed-instance").build()), deadKeepAlive);
        AtomicReference<SimpleLock> held = new AtomicReference<>();
        eventually(() -> {
            Optional<SimpleLock> lock = otherInstance.lock(new LockConfiguration(ClockProvider.now(), "sequencer-tick",
                    BOUND, Duration.ZERO));
            assertThat(lock).as("the tick lock, once this instance's tick let it go").isPresent();
            held.set(lock.get());
        });
        deadKeepAlive.shutdownNow(); // killed mid-tick: the lock is neither extended nor released
        Instant killed = Instant.now();
        long runsBefore = tickRuns();
        int interval = jdbc.sql("select tick_interval_minutes from sales_engine_config where id = 1").query(Integer.class)
                .single();
        clock.advance(Duration.ofMinutes(interval + 1)); // the next tick is due on this instance

        assertThat(SystemActor.call(tick::runNow).ran()).as("\"Run the tick now\" while the dead holder's lock holds")
                .isFalse();
        await().atMost(BOUND.plusSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> tickRuns() > runsBefore);
        Instant ran = Instant.now();

        assertThat(Duration.between(killed, ran)).as("the next tick ran after the lock lapsed, within the bound")
                .isGreaterThan(BOUND.minusSeconds(3)).isLessThan(BOUND.plusSeconds(5));
        // the scheduled run counts itself just before it lets the lock go
        eventually(() -> assertThat(SystemActor.call(tick::runNow).ran()).as("\"Run the tick now\" works again").isTrue());
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aJobThatRunsLongerThanItsLockKeepsItWhileItRuns() throws Exception {
        long mailbox = jdbc.sql("select min(id) from mailbox").query(Long.class).single();
        String lock = "imap-poll-" + mailbox;
        // only connections from here on: in the one JVM of the integration tests, a port an earlier
        // class's server had may be this server's now
        waiting.clear();
        jdbc.sql("""
                update mailbox set imap_host = '127.0.0.1', imap_port = :port, imap_security = 'NONE', imap_username = address,
                    imap_password_enc = :password where id = :id
                """).param("port", silentServer.getLocalPort()).param("password", secrets.encrypt("unused"))
                .param("id", mailbox).update();
        try {
            eventually(() -> assertThat(waiting).as("the poll waits for the server's greeting").isNotEmpty());
            eventually(() -> assertThat(jdbc.sql("select count(*) from shedlock where name = :name").param("name", lock)
                    .query(Integer.class).single()).as("the poll's lock").isOne());
            Instant firstUntil = lockUntil(lock);
            Thread.sleep(BOUND.plusSeconds(10).toMillis());

            assertThat(lockUntil(lock)).as("extended while the poll runs").isAfter(firstUntil.plus(BOUND.dividedBy(2)));
            assertThat(locks.lock(new LockConfiguration(ClockProvider.now(), lock, BOUND, Duration.ZERO)))
                    .as("still held, %s after it was taken", BOUND.plusSeconds(10)).isEmpty();
            assertThat(log.warnings()).as("no lock failed to extend").isEmpty();
        } finally {
            jdbc.sql("update mailbox set imap_host = null where id = :id").param("id", mailbox).update();
        }
    }

    private Instant lockUntil(String name) {
        return jdbc.sql("select lock_until from shedlock where name = :name").param("name", name)
                .query(Timestamp.class).single().toInstant();
    }

    private long tickRuns() {
        Timer timer = meters.find("outreach.job.runs").tags("name", "sequencer-tick", "outcome", "success").timer();
        return timer == null ? 0 : timer.count();
    }
}
