package dev.outreach.events;

import dev.outreach.deliverability.MailboxInboxes;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The poller's mailboxes: their IMAP settings and poll status through the deliverability module,
 * which owns the {@code mailbox} table, and its own {@code imap_folder_position}: the
 * UIDVALIDITY and last UID read, per mailbox and folder. Mailboxes are polled whenever they have
 * an IMAP host, paused or not: replies to mail sent earlier keep arriving.
 */
@Component
class ImapMailboxes {

    private final JdbcClient jdbc;
    private final MailboxInboxes inboxes;

    ImapMailboxes(JdbcClient jdbc, MailboxInboxes inboxes) {
        this.jdbc = jdbc;
        this.inboxes = inboxes;
    }

    List<ImapMailbox> pollable() {
        Map<Long, ImapMailbox.FolderPosition> positions = new HashMap<>();
        jdbc.sql("select mailbox_id, uid_validity, last_uid from imap_folder_position where folder = :folder")
                .param("folder", ImapMailbox.INBOX).query((ResultSet rs) -> {
                    long mailboxId = rs.getLong("mailbox_id");
                    position(rs.getObject("uid_validity", Long.class), rs.getObject("last_uid", Long.class))
                            .ifPresent(p -> positions.put(mailboxId, p));
                });
        return inboxes.pollable().stream().map(inbox -> new ImapMailbox(inbox.mailboxId(), inbox.address(),
                inbox.host(), inbox.port(), inbox.security(), inbox.username(), inbox.passwordEncrypted(),
                Optional.ofNullable(positions.get(inbox.mailboxId())))).toList();
    }

    private static Optional<ImapMailbox.FolderPosition> position(Long uidValidity, Long lastUid) {
        return uidValidity == null || lastUid == null ? Optional.empty()
                : Optional.of(new ImapMailbox.FolderPosition(uidValidity, lastUid));
    }

    /**
     * A poll went through: where it got to in the folder (pk_imap_folder_position); the
     * mailbox's last error is cleared.
     */
    void saveProgress(long mailboxId, long uidValidity, long lastUid, Instant at) {
        savePosition(mailboxId, uidValidity, lastUid, at);
        inboxes.polled(mailboxId, at);
    }
    /** Where a poll got to, even one that fails afterwards: what was read is not read again. */
    void savePosition(long mailboxId, long uidValidity, long lastUid, Instant at) {
        int updated = jdbc.sql("""
                update imap_folder_position set uid_validity = :validity, last_uid = :lastUid, updated_at = :at
                where mailbox_id = :id and folder = :folder
                """).param("validity", uidValidity).param("lastUid", lastUid).param("at", Timestamp.from(at))
                .param("id", mailboxId).param("folder", ImapMailbox.INBOX).update();
        if (updated == 0) {
            // one instance polls a mailbox at a time (its ShedLock lock), so nobody inserts it meanwhile
            jdbc.sql("""
                    insert into imap_folder_position (mailbox_id, folder, uid_validity, last_uid, updated_at)
                    values (:id, :folder, :validity, :lastUid, :at)
                    """).param("validity", uidValidity).param("lastUid", lastUid).param("at", Timestamp.from(at))
                    .param("id", mailboxId).param("folder", ImapMailbox.INBOX).update();
        }
    }

    /** A poll failed: why, in words an admin can act on; the position stays where it was. */
    void saveError(long mailboxId, String error, Instant at) {
        inboxes.pollFailed(mailboxId, error, at);
    }
}
