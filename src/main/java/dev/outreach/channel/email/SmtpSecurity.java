package dev.outreach.channel.email;

import java.util.Locale;
import java.util.Optional;

/** How a connection to an SMTP server is protected, as a mailbox row names it. */
enum SmtpSecurity {
    /** Plain text; for the sandbox and for relays on a trusted network. */
    NONE,
    /** Plain connect, then STARTTLS, which the server must offer (usually port 587). */
    STARTTLS,
    /** TLS from the first byte (SMTPS, usually port 465). */
    SSL;

    /** A blank value means STARTTLS, so that credentials never go out in clear by accident. */
    static Optional<SmtpSecurity> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(STARTTLS);
        }
        String name = value.strip().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "NONE", "PLAIN" -> Optional.of(NONE);
            case "STARTTLS", "TLS" -> Optional.of(STARTTLS);
            case "SSL", "SMTPS" -> Optional.of(SSL);
            default -> Optional.empty();
        };
    }
}
