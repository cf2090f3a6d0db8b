package dev.outreach.deliverability;

import java.util.Optional;

/**
 * What a connection test found, in words an admin can act on.
 *
 * @param problem what failed; empty when the server accepted us
 * @param message one line: what happened, with the server's own reply where it gave one
 * @param detail the server's greeting and capabilities when they were seen; may be empty
 */
public record ConnectionTestResult(MailProtocol protocol, Optional<Problem> problem, String message, String detail) {

    /** The failures a test tells apart. */
    public enum Problem {
        INCOMPLETE_SETTINGS,
        UNKNOWN_HOST,
        CONNECTION_REFUSED,
        TIMEOUT,
        TLS_CERTIFICATE,
        TLS_HANDSHAKE,
        STARTTLS_NOT_OFFERED,
        AUTHENTICATION_NOT_OFFERED,
        AUTHENTICATION_REJECTED,
        INBOX_NOT_OPENED,
        SERVER_ERROR
    }

    static ConnectionTestResult ok(MailProtocol protocol, String message, String detail) {
        return new ConnectionTestResult(protocol, Optional.empty(), message, detail);
    }

    static ConnectionTestResult failed(MailProtocol protocol, Problem problem, String message, String detail) {
        return new ConnectionTestResult(protocol, Optional.of(problem), message, detail);
    }

    public boolean succeeded() {
        return problem.isEmpty();
    }
}
