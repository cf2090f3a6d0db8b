package dev.outreach.events;

import jakarta.mail.AuthenticationFailedException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/** Why a poll failed, in words an admin can act on (never the password). */
final class ImapFailures {

    private ImapFailures() {
    }

    static String describe(Exception failure, ImapMailbox mailbox) {
        String where = mailbox.host() + ":" + mailbox.portOrDefault();
        if (failure instanceof AuthenticationFailedException) {
            return "IMAP login failed for user " + mailbox.username() + " at " + where
                    + reason(failure.getMessage()).map(m -> ": " + m).orElse("");
        }
        if (cause(failure, UnknownHostException.class).isPresent()) {
            return "Unknown IMAP host " + mailbox.host();
        }
        if (cause(failure, ConnectException.class).isPresent()) {
            return "Connection refused by " + where + " (is the IMAP port right?)";
        }
        if (cause(failure, NoRouteToHostException.class).isPresent()) {
            return "No route to " + where;
        }
        if (cause(failure, SocketTimeoutException.class).isPresent()) {
            return "No answer from " + where + " in time (timeout)";
        }
        Optional<SSLException> tls = cause(failure, SSLException.class);
        if (tls.isPresent()) {
            return "TLS with " + where + " failed (security " + mailbox.security() + "): " + tls.get().getMessage();
        }
        return "IMAP error with " + where + ": " + reason(failure.getMessage()).orElse(failure.getClass().getSimpleName());
    }

    private static Optional<String> reason(String message) {
        return message == null || message.isBlank() ? Optional.empty() : Optional.of(message.strip());
    }

    private static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
