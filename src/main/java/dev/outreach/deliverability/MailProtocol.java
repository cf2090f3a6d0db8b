package dev.outreach.deliverability;

import java.util.Locale;

/** The two servers a mailbox talks to: SMTP to send, IMAP to read replies and bounces. */
public enum MailProtocol {
    SMTP,
    IMAP;

    /** Prefix of the mailbox columns and of the field names in errors: smtp_host / smtpHost. */
    String prefix() {
        return name().toLowerCase(Locale.ROOT);
    }
}
