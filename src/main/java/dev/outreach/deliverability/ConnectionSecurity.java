package dev.outreach.deliverability;

import java.util.Locale;
import java.util.Optional;

/** How a connection to a mailbox's SMTP or IMAP server is protected (the mailbox row's *_security). */
public enum ConnectionSecurity {
    /** Plain text: only for servers on a trusted network. */
    NONE,
    /** Plain connect, then STARTTLS, which the server must offer (SMTP 587, IMAP 143). */
    STARTTLS,
    /** TLS from the first byte (SMTP 465, IMAP 993). */
    SSL;

    /** The value as typed or stored, case-insensitive; empty when it is none of the three. */
    public static Optional<ConnectionSecurity> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
