package dev.outreach.deliverability;

import dev.outreach.deliverability.ConnectionTestResult.Problem;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * "Test connection" for a mailbox's SMTP or IMAP server, with the values of a form that may not be
 * saved yet: connects, secures the connection as configured, signs in and, for IMAP, opens INBOX
 * read-only. Says exactly what failed, or what the server said when all went well. Nothing is sent.
 */
@Service
public class MailboxConnectionTester {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> SMTP_EXTENSIONS = List.of("STARTTLS", "AUTH", "SIZE", "PIPELINING", "8BITMIME",
            "SMTPUTF8", "CHUNKING", "DSN", "ENHANCEDSTATUSCODES");
    private static final List<String> IMAP_CAPABILITIES = List.of("IMAP4rev1", "IMAP4rev2", "IDLE", "UIDPLUS", "MOVE",
            "CONDSTORE", "QRESYNC", "SPECIAL-USE", "ENABLE", "LITERAL+");

    private final MailboxSecrets secrets;
    private final Duration timeout;

    @Autowired
    MailboxConnectionTester(MailboxSecrets secrets) {
        this(secrets, TIMEOUT);
    }

    MailboxConnectionTester(MailboxSecrets secrets, Duration timeout) {
        this.secrets = secrets;
        this.timeout = timeout;
    }

    /**
     * Tests one server. A blank password uses the mailbox's stored one, but only for the host and
     * user it was stored with ({@code mailboxId} null: a mailbox not saved yet, so none).
     */
    @PreAuthorize("hasRole('ADMIN')")
    public ConnectionTestResult test(MailProtocol protocol, MailServerSettings server, Long mailboxId) {
        List<String> missing = missing(protocol, server);
        if (!missing.isEmpty()) {
            return ConnectionTestResult.failed(protocol, Problem.INCOMPLETE_SETTINGS,
                    "Cannot test yet: " + String.join("; ", missing), "");
        }
        String host = DomainNames.normalize(server.host());
        String username = MailboxRules.blank(server.username()) ? null : server.username().strip();
        String password = server.passwordGiven() ? server.password()
                : username == null || mailboxId == null ? null
                : secrets.password(mailboxId, protocol, host, username).orElse(null);
        if (username != null && password == null) {
            return ConnectionTestResult.failed(protocol, Problem.INCOMPLETE_SETTINGS, "Cannot test yet: enter the "
                    + protocol + " password (a stored one is only used with the host and user it was saved for)", "");
        }
        Target target = new Target(protocol, host, server.port(), server.security(), username, password);
        return protocol == MailProtocol.SMTP ? smtp(target) : imap(target);
    }

    private record Target(MailProtocol protocol, String host, int port, ConnectionSecurity security, String username,
            String password) {

        String label() {
            return host + ":" + port;
        }

        String how() {
            return switch (security) {
                case NONE -> "without encryption";
                case STARTTLS -> "with STARTTLS";
                case SSL -> "over SSL/TLS";
            };
        }
    }

    private ConnectionTestResult smtp(Target target) {
        Session session = session(target);
        Transcript transcript = Transcript.of(session);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(target.host(), target.port(), target.username(), target.password());
            SMTPTransport smtp = (SMTPTransport) transport;
            List<String> offered = new ArrayList<>();
            for (String extension : SMTP_EXTENSIONS) {
                if (smtp.supportsExtension(extension)) {
                    String parameter = smtp.getExtensionParameter(extension);
                    offered.add(parameter == null || parameter.isBlank() ? extension : extension + " " + parameter);
                }
            }
            String detail = detail(transcript.greeting("220"), "offers " + (offered.isEmpty() ? "no extensions"
                    : String.join(", ", offered)));
            if (target.username() != null && !smtp.supportsExtension("AUTH")) {
                return ConnectionTestResult.failed(MailProtocol.SMTP, Problem.AUTHENTICATION_NOT_OFFERED,
                        "Connected to " + target.label() + " " + target.how() + ", but the server offers no AUTH, so "
                                + "the user and password were not checked"
                                + (target.security() == ConnectionSecurity.NONE
                                        ? " (many servers offer AUTH only after STARTTLS)" : ""),
                        detail);
            }
            return ConnectionTestResult.ok(MailProtocol.SMTP, "SMTP OK: connected to " + target.label() + " "
                    + target.how() + (target.username() == null ? ", without signing in"
                    : ", signed in as " + target.username() + " (" + ConnectionFailures.oneLine(
                            String.valueOf(smtp.getLastServerResponse())) + ")"), detail);
        } catch (MessagingException | RuntimeException failure) {
            return failed(target, failure, transcript);
        }
    }

    private ConnectionTestResult imap(Target target) {
        Session session = session(target);
        Transcript transcript = Transcript.of(session);
        Store store = null;
        try {
            store = session.getStore("imap");
            store.connect(target.host(), target.port(), target.username(), target.password());
            List<String> capabilities = new ArrayList<>();
            for (String capability : IMAP_CAPABILITIES) {
                if (((IMAPStore) store).hasCapability(capability)) {
                    capabilities.add(capability);
                }
            }
            String detail = detail(transcript.greeting("* OK"), "capabilities " + (capabilities.isEmpty() ? "none known"
                    : String.join(" ", capabilities)));
            Folder inbox = store.getFolder("INBOX");
            try {
                inbox.open(Folder.READ_ONLY);
                int messages = inbox.getMessageCount();
                inbox.close(false);
                return ConnectionTestResult.ok(MailProtocol.IMAP, "IMAP OK: connected to " + target.label() + " "
                        + target.how() + ", signed in as " + target.username() + ", INBOX opened read-only ("
                        + messages + (messages == 1 ? " message)" : " messages)"), detail);
            } catch (MessagingException inboxFailure) {
                return ConnectionTestResult.failed(MailProtocol.IMAP, Problem.INBOX_NOT_OPENED, "Signed in to "
                        + target.label() + " as " + target.username() + ", but INBOX could not be opened read-only: "
                        + ConnectionFailures.text(inboxFailure), detail);
            }
        } catch (MessagingException | RuntimeException failure) {
            return failed(target, failure, transcript);
        } finally {
            closeQuietly(store);
        }
    }

    private ConnectionTestResult failed(Target target, Exception failure, Transcript transcript) {
        ConnectionFailures.Failure why = ConnectionFailures.classify(failure, target.label(), timeout);
        String greeting = transcript.greeting(target.protocol() == MailProtocol.SMTP ? "220" : "* OK");
        return ConnectionTestResult.failed(target.protocol(), why.problem(), why.message(), detail(greeting, null));
    }

    private Session session(Target target) {
        String p = "mail." + target.protocol().prefix() + ".";
        Properties properties = new Properties();
        properties.put(p + "connectiontimeout", String.valueOf(timeout.toMillis()));
        properties.put(p + "timeout", String.valueOf(timeout.toMillis()));
        properties.put(p + "writetimeout", String.valueOf(timeout.toMillis()));
        if (target.protocol() == MailProtocol.SMTP) {
            properties.put(p + "auth", String.valueOf(target.username() != null));
        }
        switch (target.security()) {
            case NONE -> { }
            case STARTTLS -> {
                properties.put(p + "starttls.enable", "true");
                properties.put(p + "starttls.required", "true");
                properties.put(p + "ssl.checkserveridentity", "true");
            }
            case SSL -> {
                properties.put(p + "ssl.enable", "true");
                properties.put(p + "ssl.checkserveridentity", "true");
            }
        }
        return Session.getInstance(properties);
    }

    private static List<String> missing(MailProtocol protocol, MailServerSettings server) {
        List<String> missing = new ArrayList<>();
        String host = DomainNames.normalize(server.host());
        if (host == null || host.isEmpty()) {
            missing.add("enter the " + protocol + " host");
        } else if (!DomainNames.isHost(host)) {
            missing.add("'" + server.host().strip() + "' is not a host name or IPv4 address");
        }
        if (server.port() == null || server.port() < 1 || server.port() > 65_535) {
            missing.add("enter a port between 1 and 65535");
        }
        if (server.security() == null) {
            missing.add("choose NONE, STARTTLS or SSL");
        }
        if (protocol == MailProtocol.IMAP && MailboxRules.blank(server.username())) {
            missing.add("enter the IMAP user name");
        }
        return missing;
    }

    private static String detail(String greeting, String offers) {
        List<String> parts = new ArrayList<>();
        if (greeting != null) {
            parts.add("Greeting: " + greeting);
        }
        if (offers != null) {
            parts.add("Server " + offers);
        }
        return String.join(". ", parts);
    }

    private static void closeQuietly(Store store) {
        if (store != null) {
            try {
                store.close();
            } catch (MessagingException ignored) {
                // the test's result is known; a failing logout changes nothing
            }
        }
    }

    /**
     * The session's protocol trace, kept in memory only to read the server's greeting from it.
     * Jakarta Mail leaves the login commands out of the trace (mail.debug.auth is off).
     */
    private record Transcript(ByteArrayOutputStream buffer) {

        static Transcript of(Session session) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            session.setDebugOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            session.setDebug(true);
            return new Transcript(buffer);
        }

        /** The first line the server sent that starts with the prefix (220 for SMTP, * OK for IMAP). */
        String greeting(String prefix) {
            Optional<String> line = buffer.toString(StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith(prefix)).findFirst();
            return line.map(ConnectionFailures::oneLine).orElse(null);
        }
    }
}
