package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What one poll asks the IMAP server, counted on the wire between the poller's connection and
 * GreenMail: a poll's FETCH commands must not grow with the new mail (one per body would make a
 * poll cost one server round trip per message, and GreenMail answers each FETCH in time that
 * grows with the whole folder).
 */
class ImapInboxTests {

    private static final Pattern FETCH = Pattern.compile("^\\S+ (UID )?FETCH .*", Pattern.CASE_INSENSITIVE);
    private static final String ADDRESS = "inbox@poll.example";

    private GreenMail mailServer;
    private GreenMailUser user;
    private CountingProxy proxy;

    @BeforeEach
    void start() throws IOException {
        mailServer = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        mailServer.start();
        user = mailServer.setUser(ADDRESS, ADDRESS, "secret");
        proxy = new CountingProxy(mailServer.getImap().getPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        mailServer.stop();
    }

    @Test
    void tenNewMailsAreReadWholeInTwoFetchCommands() throws Exception {
        for (int i = 0; i < 40; i++) {
            user.deliver(mail("old-" + i));
        }
        long lastRead = lastUid();
        for (int i = 0; i < 10; i++) {
            user.deliver(mail("new-" + i));
        }
        List<String> excerpts = new ArrayList<>();
        try (ImapInbox inbox = ImapInbox.open(mailbox(), "secret", properties())) {
            proxy.fetches.set(0);
            for (Message message : inbox.after(lastRead, 200)) {
                InboundMail read = InboundMail.read(message, "uid:" + inbox.uid(message), Instant.now());
                assertThat(read).isInstanceOf(InboundMail.Reply.class);
                excerpts.add(((InboundMail.Reply) read).excerpt());
            }
            assertThat(proxy.fetches.get()).as("FETCH commands in the poll").isLessThanOrEqualTo(2);
        }
        assertThat(excerpts).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(excerpts.get(i)).contains("this is new-" + i + ".");
        }
    }

    @Test
    void aPollWithNothingNewSendsNoFetch() throws Exception {
        for (int i = 0; i < 5; i++) {
            user.deliver(mail("old-" + i));
        }
        try (ImapInbox inbox = ImapInbox.open(mailbox(), "secret", properties())) {
            proxy.fetches.set(0);
            assertThat(inbox.after(lastUid(), 200)).isEmpty();
            assertThat(proxy.fetches.get()).as("FETCH commands in the poll").isZero();
        }
    }

    private long lastUid() throws Exception {
        return mailServer.getManagers().getImapHostManager().getInbox(user).getMessages().stream()
                .mapToLong(m -> m.getUid()).max().orElse(0);
    }

    private ImapMailbox mailbox() {
        return new ImapMailbox(1, ADDRESS, "127.0.0.1", proxy.port(), "NONE", ADDRESS, null, Optional.empty());
    }

    private static ImapProperties properties() {
        return new ImapProperties(true, Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofSeconds(30), 200,
                Duration.ofDays(7), Duration.ofDays(3));
    }

    private static MimeMessage mail(String id) throws Exception {
        String raw = """
                From: Someone <someone-%s@elsewhere.example>
                To: %s
                Subject: Question about your services
                Message-ID: <%s@elsewhere.example>
                Content-Type: text/plain; charset=UTF-8

                Hello, this is %s. Could you call me?
                """.formatted(id, ADDRESS, id, id);
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    /** Relays IMAP connections to the server and counts the FETCH commands the client sends. */
    private static final class CountingProxy implements AutoCloseable {

        final AtomicInteger fetches = new AtomicInteger();
        private final ServerSocket listener;
        private final List<Socket> sockets = new ArrayList<>();

        CountingProxy(int serverPort) throws IOException {
            listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket client = listener.accept();
                        Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                        client.setTcpNoDelay(true);
                        server.setTcpNoDelay(true);
                        synchronized (sockets) {
                            sockets.add(client);
                            sockets.add(server);
                        }
                        relay(client.getInputStream(), server.getOutputStream(), true);
                        relay(server.getInputStream(), client.getOutputStream(), false);
                    }
                } catch (IOException closed) {
                    // the proxy is closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void relay(InputStream from, OutputStream to, boolean count) {
            Thread relay = new Thread(() -> {
                StringBuilder line = new StringBuilder();
                byte[] buffer = new byte[8192];
                try {
                    int read;
                    while ((read = from.read(buffer)) >= 0) {
                        if (count) {
                            for (int i = 0; i < read; i++) {
                                char c = (char) (buffer[i] & 0xFF);
                                if (c == '\n') {
                                    if (FETCH.matcher(line.toString().strip()).matches()) {
                                        fetches.incrementAndGet();
                                    }
                                    line.setLength(0);
                                } else {
                                    line.append(c);
                                }
                            }
                        }
                        to.write(buffer, 0, read);
                        to.flush();
                    }
                } catch (IOException closed) {
                    // one side hung up
                }
            });
            relay.setDaemon(true);
            relay.start();
        }

        @Override
        public void close() throws IOException {
            listener.close();
            synchronized (sockets) {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }
}
