package dev.outreach.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open SMTP connections of one batch, one per target: a batch of a hundred messages from
 * one mailbox costs one TCP and TLS handshake and one login, not a hundred. Not thread-safe,
 * like the session that owns it.
 */
final class SmtpConnections implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnections.class);

    private final Function<SmtpTarget, Session> sessions;
    private final Map<String, Transport> open = new HashMap<>();

    /** {@code sessions}: the mail session for a target, shared (creating one reads provider lists from every jar). */
    SmtpConnections(Function<SmtpTarget, Session> sessions) {
        this.sessions = sessions;
    }

    /** The open connection to the target, connecting (again, when the server dropped it) if needed. */
    Transport connectionTo(SmtpTarget target) throws MessagingException {
        Transport transport = open.get(target.key());
        if (transport != null) {
            if (transport.isConnected()) { // RSET: one round trip, and it tells a dropped connection early
                return transport;
            }
            log.debug("Reconnecting to {}: the connection was dropped", target.label());
            discard(target);
        }
        // ours, not the session's provider: it tells a reply lost after the message went out from a failure
        transport = new ReplyWatchingSmtpTransport(sessions.apply(target));
        if (target.authenticates()) {
            transport.connect(target.host(), target.port(), target.username(), target.password());
        } else {
            transport.connect(target.host(), target.port(), null, null);
        }
        open.put(target.key(), transport);
        return transport;
    }

    /** Closes the target's connection, after a failure that may have left it unusable. */
    void discard(SmtpTarget target) {
        Transport transport = open.remove(target.key());
        if (transport != null) {
            closeQuietly(transport);
        }
    }

    @Override
    public void close() {
        open.values().forEach(SmtpConnections::closeQuietly);
        open.clear();
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            log.debug("Closing an SMTP connection failed", e);
        }
    }
}
