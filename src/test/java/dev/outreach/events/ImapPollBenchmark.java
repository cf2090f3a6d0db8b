package dev.outreach.events;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.outreach.bench.BenchAccess;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.SecretCipher;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark, not a test (run by {@code bench/run.sh imap}): one poll of an inbox holding 10,000
 * messages with 10 new ones, against one poll of an inbox holding 100 with 10 new ones, both
 * through the real poller on PostgreSQL, reading from GreenMail over IMAP. The new mail is what
 * costs most to read: mail from unknown senders that quotes no thread, so each body is fetched
 * and its sender looked up among the leads. Rounds alternate between the two inboxes; the
 * figure is the ratio of the medians (a poll must cost what the new mail costs, not what the
 * inbox holds).
 */
public final class ImapPollBenchmark {

    static final int SMALL = 100;
    static final int LARGE = Integer.getInteger("bench.imap.large", 10_000);
    static final int NEW = 10;
    static final int ROUNDS = Integer.getInteger("bench.imap.rounds", 15);
    static final String PASSWORD = "bench-imap";
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        Files.createDirectories(results);
        GreenMail mailServer = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        mailServer.start();
        try (ConfigurableApplicationContext app = BenchAccess.start(true, "--outreach.dispatch.enabled=false",
                "--outreach.imap.enabled=false", "--outreach.simulator.enabled=false")) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            ImapPoller poller = app.getBean(ImapPoller.class);
            ImapMailboxes mailboxes = app.getBean(ImapMailboxes.class);
            String password = app.getBean(SecretCipher.class).encrypt(PASSWORD);
            String run = Long.toString(System.currentTimeMillis(), 36);
            Inbox small = inbox(jdbc, mailServer, password, "small-" + run, SMALL);
            Inbox large = inbox(jdbc, mailServer, password, "large-" + run, LARGE);
            for (int warmUp = 0; warmUp < 3; warmUp++) {
                pollNew(small, poller, mailboxes, new double[1], 0);
                pollNew(large, poller, mailboxes, new double[1], 0);
            }
            double[] smallMs = new double[ROUNDS];
            double[] largeMs = new double[ROUNDS];
            double[] smallCpu = new double[ROUNDS];
            double[] largeCpu = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                if (round % 2 == 0) {
                    smallMs[round] = pollNew(small, poller, mailboxes, smallCpu, round);
                    largeMs[round] = pollNew(large, poller, mailboxes, largeCpu, round);
                } else {
                    largeMs[round] = pollNew(large, poller, mailboxes, largeCpu, round);
                    smallMs[round] = pollNew(small, poller, mailboxes, smallCpu, round);
                }
            }
            double smallMedian = BenchAccess.median(smallMs);
            double largeMedian = BenchAccess.median(largeMs);
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.US, "IMAP poll reading %d new mails, median of %d alternating rounds: inbox of %,d: %.1f ms,"
                    + " inbox of %,d: %.1f ms, ratio %.2f (each poll read exactly %d)", NEW, ROUNDS, LARGE + NEW, largeMedian,
                    SMALL + NEW, smallMedian, largeMedian / smallMedian, NEW));
            double smallCpuMedian = BenchAccess.median(smallCpu);
            double largeCpuMedian = BenchAccess.median(largeCpu);
            lines.add(String.format(Locale.US, "  the poller's own work (CPU time of the polling thread; the IMAP server runs in other threads):"
                    + " inbox of %,d: %.1f ms, inbox of %,d: %.1f ms, ratio %.2f", LARGE + NEW, largeCpuMedian, SMALL + NEW,
                    smallCpuMedian, largeCpuMedian / smallCpuMedian));
            lines.forEach(System.out::println);
            Files.write(results.resolve("imap.txt"), lines);
        } finally {
            mailServer.stop();
        }
    }

    record Inbox(String address, GreenMailUser user) {
    }

    /** A mailbox whose inbox holds {@code size} messages the poller has already read. */
    private static Inbox inbox(JdbcClient jdbc, GreenMail mailServer, String password, String name, int size) throws Exception {
        String domain = name + ".bench.example";
        String address = "sender@" + domain;
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("insert into sending_domain (domain, created_at, updated_at) values (?, ?, ?)").params(domain, now, now)
                .update();
        jdbc.sql("""
                insert into mailbox (address, display_name, domain_id, imap_host, imap_port, imap_security, imap_username,
                    imap_password_enc, created_at, updated_at)
                select ?, 'Bench', id, '127.0.0.1', ?, 'NONE', ?, ?, ?, ? from sending_domain where domain = ?
                """).params(address, mailServer.getImap().getPort(), address, password, now, now, domain).update();
        GreenMailUser user = mailServer.setUser(address, address, PASSWORD);
        for (int i = 0; i < size; i++) {
            user.deliver(mail(address, "old-" + i + "-" + name, true));
        }
        var folder = mailServer.getManagers().getImapHostManager().getInbox(user);
        long lastUid = folder.getMessages().stream().mapToLong(m -> m.getUid()).max().orElse(0);
        jdbc.sql("""
                insert into imap_folder_position (mailbox_id, folder, uid_validity, last_uid, updated_at)
                select id, 'INBOX', ?, ?, ? from mailbox where address = ?
                """).params(folder.getUidValidity(), lastUid, now, address).update();
        return new Inbox(address, user);
    }

    /**
     * Delivers 10 new mails and times one poll of the inbox; the poll must read exactly those. The
     * CPU time the polling thread spent goes into {@code cpuMs[round]}.
     */
    private static double pollNew(Inbox inbox, ImapPoller poller, ImapMailboxes mailboxes, double[] cpuMs, int round)
            throws Exception {
        for (int i = 0; i < NEW; i++) {
            inbox.user().deliver(mail(inbox.address(), "new-" + System.nanoTime(), false));
        }
        ImapMailbox mailbox = SystemActor.call(() -> mailboxes.pollable()).stream()
                .filter(m -> m.address().equals(inbox.address())).findFirst().orElseThrow();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        ImapPoller.PollOutcome outcome = SystemActor.call(() -> poller.pollUnderLock(mailbox)).orElseThrow();
        double ms = (System.nanoTime() - start) / 1e6;
        cpuMs[round] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6;
        if (outcome.read() != NEW || outcome.error().isPresent()) {
            throw new IllegalStateException("A poll of " + inbox.address() + " read " + outcome.read() + ": " + outcome);
        }
        return ms;
    }

    /** Old mail: a list's digest in its own thread; new mail: a message from an unknown sender. */
    private static MimeMessage mail(String to, String id, boolean old) throws Exception {
        String raw = """
                From: %s
                To: %s
                Subject: %s
                Message-ID: <%s@lists.bench.example>
                %s
                Content-Type: text/plain; charset=UTF-8

                Hello, this is %s.
                """.formatted(old ? "Digest <digest@lists.bench.example>" : "Someone <someone-" + id + "@elsewhere.example>",
                to, old ? "Weekly digest" : "Question about your services", id,
                old ? "In-Reply-To: <digest-thread@lists.bench.example>" : "X-Mailer: bench", id);
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    }
}
