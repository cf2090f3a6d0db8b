package dev.outreach.events;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.outreach.bench.BenchAccess;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.SecretCipher;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
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
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark, not a test (run by {@code bench/run.sh imap}): one poll of an inbox holding 10,000
 * messages with 10 new ones, against one poll of an inbox holding 100 with 10 new ones, both
 * through the real poller on PostgreSQL. The new mail is what costs most to read: mail from
 * unknown senders that quotes no thread, so each body is fetched and its sender looked up among
 * the leads. Rounds alternate between the two inboxes; the figure is the ratio of the medians (a
 * poll must cost what the new mail costs, not what the inbox holds).
 *
 * <p>The servers: Dovecot when {@code bench.imap.dovecot.port} names one (run.sh starts a private
 * instance with the users {@code small} and {@code large}, password {@value #PASSWORD}; mail is
 * delivered by IMAP APPEND, the old mail flagged \Seen), then GreenMail inside this JVM, the IMAP
 * server of the tests, whose every FETCH walks the whole folder.
 */
public final class ImapPollBenchmark {

    static final int SMALL = 100;
    static final int LARGE = Integer.getInteger("bench.imap.large", 10_000);
    static final int NEW = 10;
    /** GreenMail's rounds take seconds each; Dovecot's take milliseconds, so more of them steady its median. */
    static final int ROUNDS = Integer.getInteger("bench.imap.rounds", 15);
    static final int DOVECOT_ROUNDS = Integer.getInteger("bench.imap.dovecot.rounds", 45);
    static final String PASSWORD = "bench-imap";
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        Files.createDirectories(results);
        Integer dovecotPort = Integer.getInteger("bench.imap.dovecot.port");
        try (ConfigurableApplicationContext app = BenchAccess.start(true, "--outreach.dispatch.enabled=false",
                "--outreach.imap.enabled=false", "--outreach.simulator.enabled=false")) {
            List<String> lines = new ArrayList<>();
            if (dovecotPort != null) {
                lines.addAll(measure(app, new Dovecot(dovecotPort), DOVECOT_ROUNDS));
            }
            if (Boolean.parseBoolean(System.getProperty("bench.imap.greenmail", "true"))) {
                GreenMail greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
                greenMail.start();
                try {
                    lines.addAll(measure(app, new InJvmGreenMail(greenMail), ROUNDS));
                } finally {
                    greenMail.stop();
                }
            }
            Files.write(results.resolve("imap.txt"), lines);
        }
    }

    /** The alternating rounds against one server; the lines of its figure, printed as they come. */
    private static List<String> measure(ConfigurableApplicationContext app, MailServer server, int rounds)
            throws Exception {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        ImapPoller poller = app.getBean(ImapPoller.class);
        ImapMailboxes mailboxes = app.getBean(ImapMailboxes.class);
        String password = app.getBean(SecretCipher.class).encrypt(PASSWORD);
        String run = server.name().toLowerCase(Locale.ROOT) + "-" + Long.toString(System.currentTimeMillis(), 36);
        long filling = System.nanoTime();
        Inbox small = inbox(jdbc, server, password, "small", run, SMALL);
        Inbox large = inbox(jdbc, server, password, "large", run, LARGE);
        System.out.printf(Locale.US, "%s: inboxes of %,d and %,d read mails filled in %.1f s%n", server.name(), SMALL, LARGE,
                (System.nanoTime() - filling) / 1e9);
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            pollNew(small, poller, mailboxes, new double[1], 0);
            pollNew(large, poller, mailboxes, new double[1], 0);
        }
        double[] smallMs = new double[rounds];
        double[] largeMs = new double[rounds];
        double[] smallCpu = new double[rounds];
        double[] largeCpu = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                smallMs[round] = pollNew(small, poller, mailboxes, smallCpu, round);
                largeMs[round] = pollNew(large, poller, mailboxes, largeCpu, round);
            } else {
                largeMs[round] = pollNew(large, poller, mailboxes, largeCpu, round);
                smallMs[round] = pollNew(small, poller, mailboxes, smallCpu, round);
            }
        }
        small.account().close();
        large.account().close();
        double smallMedian = BenchAccess.median(smallMs);
        double largeMedian = BenchAccess.median(largeMs);
        double smallCpuMedian = BenchAccess.median(smallCpu);
        double largeCpuMedian = BenchAccess.median(largeCpu);
        List<String> lines = List.of(
                String.format(Locale.US, "%s: IMAP poll reading %d new mails, median of %d alternating rounds: inbox of %,d:"
                        + " %.1f ms, inbox of %,d: %.1f ms, ratio %.2f (each poll read exactly %d)", server.name(), NEW, rounds,
                        LARGE + NEW, largeMedian, SMALL + NEW, smallMedian, largeMedian / smallMedian, NEW),
                String.format(Locale.US, "  %s, the poller's own work (CPU time of the polling thread): inbox of %,d: %.1f ms,"
                        + " inbox of %,d: %.1f ms, ratio %.2f", server.name(), LARGE + NEW, largeCpuMedian, SMALL + NEW,
                        smallCpuMedian, largeCpuMedian / smallCpuMedian));
        lines.forEach(System.out::println);
        return lines;
    }

    record Inbox(String address, Account account) {
    }

    /** A mailbox whose inbox holds {@code size} messages the poller has already read. */
    private static Inbox inbox(JdbcClient jdbc, MailServer server, String password, String login, String run, int size)
            throws Exception {
        String domain = login + "-" + run + ".bench.example";
        String address = "sender@" + domain;
        Account account = server.account(login);
        List<MimeMessage> old = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            old.add(mail(address, "old-" + i + "-" + login + "-" + run, true));
        }
        account.deliver(old, true);
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("insert into sending_domain (domain, created_at, updated_at) values (?, ?, ?)").params(domain, now, now)
                .update();
        jdbc.sql("""
                insert into mailbox (address, display_name, domain_id, imap_host, imap_port, imap_security, imap_username,
                    imap_password_enc, created_at, updated_at)
                select ?, 'Bench', id, '127.0.0.1', ?, 'NONE', ?, ?, ?, ? from sending_domain where domain = ?
                """).params(address, server.port(), login, password, now, now, domain).update();
        jdbc.sql("""
                insert into imap_folder_position (mailbox_id, folder, uid_validity, last_uid, updated_at)
                select id, 'INBOX', ?, ?, ? from mailbox where address = ?
                """).params(account.uidValidity(), account.lastUid(), now, address).update();
        return new Inbox(address, account);
    }

    /**
     * Delivers 10 new mails and times one poll of the inbox; the poll must read exactly those. The
     * CPU time the polling thread spent goes into {@code cpuMs[round]}.
     */
    private static double pollNew(Inbox inbox, ImapPoller poller, ImapMailboxes mailboxes, double[] cpuMs, int round)
            throws Exception {
        List<MimeMessage> mails = new ArrayList<>();
        for (int i = 0; i < NEW; i++) {
            mails.add(mail(inbox.address(), "new-" + System.nanoTime(), false));
        }
        inbox.account().deliver(mails, false);
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

    /** An IMAP server on loopback whose users log in with {@link #PASSWORD}. */
    interface MailServer {

        String name();

        int port();

        Account account(String login) throws Exception;
    }

    /** One user's INBOX, as the mail system delivering to it sees it. */
    interface Account extends AutoCloseable {

        void deliver(List<MimeMessage> mails, boolean read) throws Exception;

        long uidValidity() throws Exception;

        /** The highest UID in the inbox. */
        long lastUid() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /** GreenMail in this JVM: mail is put straight into the user's folder. */
    record InJvmGreenMail(GreenMail server) implements MailServer {

        @Override
        public String name() {
            return "GreenMail";
        }

        @Override
        public int port() {
            return server.getImap().getPort();
        }

        @Override
        public Account account(String login) {
            GreenMailUser user = server.setUser(login + "@bench.example", login, PASSWORD);
            return new Account() {
                @Override
                public void deliver(List<MimeMessage> mails, boolean read) {
                    mails.forEach(user::deliver);
                }

                @Override
                public long uidValidity() throws Exception {
                    return server.getManagers().getImapHostManager().getInbox(user).getUidValidity();
                }

                @Override
                public long lastUid() throws Exception {
                    return server.getManagers().getImapHostManager().getInbox(user).getMessages().stream()
                            .mapToLong(m -> m.getUid()).max().orElse(0);
                }
            };
        }
    }

    /**
     * A Dovecot on loopback, another process: mail is delivered by IMAP APPEND over a connection
     * of its own, which Dovecot stores and indexes as it does mail from its LDA or LMTP.
     */
    record Dovecot(int port) implements MailServer {

        @Override
        public String name() {
            return "Dovecot";
        }

        @Override
        public Account account(String login) throws MessagingException {
            Store store = Session.getInstance(new Properties()).getStore("imap");
            store.connect("127.0.0.1", port, login, PASSWORD);
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            return new Account() {
                @Override
                public void deliver(List<MimeMessage> mails, boolean read) throws MessagingException {
                    for (MimeMessage mail : mails) {
                        mail.setFlags(new Flags(Flags.Flag.SEEN), read);
                    }
                    inbox.appendMessages(mails.toArray(Message[]::new));
                }

                @Override
                public long uidValidity() throws MessagingException {
                    return inbox.getUIDValidity(); // STATUS: the folder is not opened
                }

                @Override
                public long lastUid() throws MessagingException {
                    return inbox.getUIDNext() - 1;
                }

                @Override
                public void close() throws MessagingException {
                    store.close();
                }
            };
        }
    }
}
