package dev.outreach.channel.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/**
 * The sandbox's SMTP server: a GreenMail server on 127.0.0.1 inside the application. SANDBOX
 * email really goes out over SMTP, to here, so the send path is the same as in LIVE mode; the
 * Sandbox outbox view reads what arrived.
 *
 * <p>Memory stays bounded however long the demo runs: it keeps at most
 * {@code outreach.sandbox.max-messages} messages (default 5,000), newest first, and forgets the
 * oldest beyond that; each body is cut at {@value SandboxMail#MAX_BODY_CHARS} characters. That is
 * some 30 MB for 5,000 typical cold emails and at most a few hundred MB for 5,000 huge ones.
 * GreenMail's own mailboxes stay empty: every message is taken here and dropped there.
 */
@Component
public class SandboxMailServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SandboxMailServer.class);
    private static final String BIND_ADDRESS = "127.0.0.1";

    private final SandboxMailProperties properties;
    private final Clock clock;
    private final Deque<SandboxMail> received = new ArrayDeque<>(); // newest first; guarded by itself
    private volatile GreenMail greenMail;
    private volatile int port;

    public SandboxMailServer(SandboxMailProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || greenMail != null) {
            return;
        }
        GreenMail server = new GreenMail(new ServerSetup(properties.smtpPort(), BIND_ADDRESS, ServerSetup.PROTOCOL_SMTP));
        server.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        server.getUserManager().setMessageDeliveryHandler(this::receive);
        port = server.getSmtp().getPort();
        greenMail = server;
        log.info("Sandbox mail server listening on {}:{}", BIND_ADDRESS, port);
    }

    @Override
    public synchronized void stop() {
        GreenMail server = greenMail;
        greenMail = null;
        port = 0;
        if (server != null) {
            server.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return greenMail != null;
    }

    /** The port it listens on, while it runs. */
    public OptionalInt port() {
        int current = port;
        return greenMail == null || current == 0 ? OptionalInt.empty() : OptionalInt.of(current);
    }

    /** Up to {@code limit} received messages, newest first. */
    @PreAuthorize("isAuthenticated()")
    public List<SandboxMail> messages(int limit) {
        synchronized (received) {
            List<SandboxMail> newest = new ArrayList<>(Math.min(Math.max(limit, 0), received.size()));
            Iterator<SandboxMail> messages = received.iterator();
            while (messages.hasNext() && newest.size() < limit) {
                newest.add(messages.next());
            }
            return newest;
        }
    }

    @PreAuthorize("isAuthenticated()")
    public int count() {
        synchronized (received) {
            return received.size();
        }
    }

    @PreAuthorize("hasRole('ADMIN')")
    public void clear() {
        synchronized (received) {
            received.clear();
        }
    }

    /** GreenMail calls this once per recipient of a message; it is kept once. */
    private GreenMailUser receive(MovingMessage message, MailAddress recipient) {
        if (recipient.equals(message.getToAddresses().iterator().next())) {
            keep(SandboxMail.of(message.getMessage(), clock.instant()));
        }
        return Discarded.USER;
    }

    private void keep(SandboxMail mail) {
        synchronized (received) {
            received.addFirst(mail);
            while (received.size() > properties.maxMessages()) {
                received.removeLast();
            }
        }
    }

    /** Takes GreenMail's delivery of a message that is already kept above, and stores nothing. */
    private enum Discarded implements GreenMailUser {
        USER;

        @Override
        public String getEmail() {
            return "sandbox@localhost";
        }

        @Override
        public String getLogin() {
            return "sandbox";
        }

        @Override
        public void deliver(MovingMessage msg) {
        }

        @Override
        public void deliver(MimeMessage msg) {
        }

        @Override
        public void create() {
        }

        @Override
        public void delete() {
        }

        @Override
        public String getPassword() {
            return null;
        }

        @Override
        public void setPassword(String password) {
        }

        @Override
        public void authenticate(String password) {
        }

        @Override
        public String getQualifiedMailboxName() {
            return "sandbox";
        }
    }
}
