package dev.outreach.deliverability;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which of a mailbox's IMAP folders holds the mail it sent. The server says so with the
 * SPECIAL-USE attribute {@code \Sent} (RFC 6154: Gmail's "[Gmail]/Sent Mail", Microsoft 365's
 * "Sent Items"); a server that does not announce special uses is asked by the common names.
 */
final class SentFolderNames {

    static final String SENT_ATTRIBUTE = "\\Sent";

    /** The names tried, in order, when no folder carries {@code \Sent}; compared without case. */
    static final List<String> COMMON_NAMES = List.of("Sent", "Sent Items", "Sent Mail", "Sent Messages",
            "[Gmail]/Sent Mail", "[Google Mail]/Sent Mail", "INBOX.Sent", "INBOX/Sent", "INBOX.Sent Items",
            "INBOX.Sent Messages", "Gesendet", "Gesendete Elemente", "Envoyés", "Éléments envoyés", "Enviados");

    /** A folder as LIST (or XLIST) answers: its full name and attributes such as {@code \Sent}, {@code \HasNoChildren}. */
    record Listed(String fullName, Set<String> attributes) {
    }

    private SentFolderNames() {
    }

    /** The sent folder: the one marked {@code \Sent}, else the first of the common names the mailbox has. */
    static Optional<String> pick(List<Listed> folders) {
        for (Listed folder : folders) {
            if (folder.attributes().stream().anyMatch(SENT_ATTRIBUTE::equalsIgnoreCase)) {
                return Optional.of(folder.fullName());
            }
        }
        for (String name : COMMON_NAMES) {
            for (Listed folder : folders) {
                if (folder.fullName().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return Optional.of(folder.fullName());
                }
            }
        }
        return Optional.empty();
    }
}
