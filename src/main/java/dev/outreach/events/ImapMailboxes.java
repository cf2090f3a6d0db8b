package dev.outreach.events;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The poller's view of the {@code mailbox} table: the IMAP settings it reads and the two
 * columns it owns (imap_last_polled_at, imap_last_error), which the console shows; and its own
 * {@code imap_folder_position}: the UIDVALIDITY and last UID read, per mailbox and folder. Mailboxes are polled whenever they have an IMAP host, paused or not:
 * replies to mail sent earlier keep arriving.
 */
@Component
class ImapMailboxes {

    static final int MAX_ERROR = 500;

    private final JdbcClient jdbc;

    ImapMailboxes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ImapMailbox> pollable() {
        return jdbc.sql("""
                select m.id, m.address, m.imap_host, m.imap_port, m.imap_security, m.imap_username, m.imap_password_enc,
                       p.uid_validity, p.last_uid
                from mailbox m left join imap_folder_position p on p.mailbox_id = m.id and p.folder = :folder
                where m.imap_host is not null and m.imap_host <> ''
                order by m.id
                """).param("folder", ImapMailbox.INBOX).query((rs, n) -> new ImapMailbox(rs.getLong("id"), rs.getString("address"),
                        rs.getString("imap_host").strip(), rs.getObject("imap_port", Integer.class),
                        rs.getString("imap_security"),
                        rs.getString("imap_username") == null ? rs.getString("address") : rs.getString("imap_username"),
                        rs.getString("imap_password_enc"), position(rs.getObject("uid_validity", Long.class),
                                rs.getObject("last_uid", Long.class))))
                .list();
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
        jdbc.sql("update mailbox set imap_last_polled_at = :at, imap_last_error = null where id = :id")
                .param("at", Timestamp.from(at)).param("id", mailboxId).update();
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
        String message = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR - 1) + "…" : error;
        jdbc.sql("update mailbox set imap_last_polled_at = :at, imap_last_error = :error where id = :id")
                .param("at", Timestamp.from(at)).param("error", message).param("id", mailboxId).update();
    }
}
