package dev.outreach;

import static dev.outreach.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.channel.task.ManualTaskService;
import dev.outreach.channel.task.ManualTaskType;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.SecretCipher;
import dev.outreach.support.CapturedLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * One job that waits does not hold up the others: while a mailbox's IMAP server accepts the
 * connection and never answers (the poll waits out its read timeout, here longer than the test),
 * the other jobs keep their schedules.
 */
@SpringBootTest(properties = {"outreach.dispatch.poll-interval=1s", "outreach.simulator.enabled=true",
        "outreach.simulator.interval=1s", "outreach.manual-tasks.expiry-check=PT1S", "outreach.imap.enabled=true",
        "outreach.imap.poll-interval=1s", "outreach.imap.read-timeout=5m", "outreach.reputation.guard-initial-delay=PT1S",
        "outreach.reputation.guard-interval=PT1S"})
@ActiveProfiles("test")
class ScheduledJobsSideBySideIntegrationTests {

    private static final List<String> OTHERS = List.of("outbox-dispatcher", "sandbox-event-simulator", "health-guard");
    private static ServerSocket silentServer;
    private static final List<Socket> waiting = new CopyOnWriteArrayList<>();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ManualTaskService tasks;
    @Autowired
    SecretCipher secrets;

    @RegisterExtension
    final CapturedLog log = new CapturedLog();

    /** An "IMAP server" that takes connections and never says a word. */
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

    @Test
    void whileAnImapPollWaitsOnASilentServerTheOtherJobsKeepTheirSchedules() {
        jdbc.sql("""
                update mailbox set imap_host = '127.0.0.1', imap_port = :port, imap_security = 'NONE', imap_username = address,
                    imap_password_enc = :password where id = (select min(id) from mailbox)
                """).param("port", silentServer.getLocalPort()).param("password", secrets.encrypt("unused")).update();
        eventually(() -> assertThat(waiting).as("the poll is waiting for a greeting").isNotEmpty());
        long pollsBefore = runs("imap-poller");
        Map<String, Long> before = OTHERS.stream().collect(Collectors.toMap(Function.identity(), this::runs));

        long lead = jdbc.sql("select min(id) from lead").query(Long.class).single();
        long task = SystemActor.call(() -> tasks.create(null, lead, ChannelType.PHONE, ManualTaskType.CALL, "Call Ada", null));
        jdbc.sql("update manual_task set due_at = :past where id = :id").param("past", Timestamp.from(Instant.now().minusSeconds(60)))
                .param("id", task).update();

        eventually(() -> {
            assertThat(jdbc.sql("select status from manual_task where id = :id").param("id", task).query(String.class)
                    .single()).as("the overdue task expires").isEqualTo("FAILED");
            assertThat(OTHERS).allSatisfy(job -> assertThat(runs(job)).as("runs of %s", job).isGreaterThan(before.get(job) + 1));
        });
        assertThat(runs("imap-poller")).as("the poll is still waiting").isEqualTo(pollsBefore);
        log.assertNoWarnings();
    }

    private long runs(String job) {
        Timer timer = meters.find("outreach.job.runs").tags("name", job, "outcome", "success").timer();
        return timer == null ? 0 : timer.count();
    }
}
