package dev.outreach.events;

import java.util.Optional;

/**
 * A mailbox whose inbox is polled for replies and bounces, with where the poller left off.
 *
 * @param security SSL (the default, port 993), STARTTLS or NONE (port 143)
 * @param position where the poller left off in the inbox; empty before the first poll
 */
record ImapMailbox(long id, String address, String host, Integer port, String security, String username,
        String encryptedPassword, Optional<FolderPosition> position) {

    static final String INBOX = "INBOX";

    /** The folder's UIDVALIDITY when {@code lastUid}, the highest UID already read, was read. */
    record FolderPosition(long uidValidity, long lastUid) {

        /** Whether the stored position still means something in a folder with this UIDVALIDITY. */
        boolean validFor(long currentUidValidity) {
            return uidValidity == currentUidValidity;
        }
    }

    int portOrDefault() {
        return dev.outreach.shared.ImapStores.port(port, security);
    }

    String label() {
        return username + "@" + host + ":" + portOrDefault();
    }
}
