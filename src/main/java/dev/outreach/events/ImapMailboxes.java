package dev.outreach.events;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The poller's view of the {@code mailbox} table: the IMAP settings it reads and the four
 * columns it owns (imap_uid_validity, imap_last_uid, imap_last_polled_at, imap_last_error),
 * which the console shows. Mailboxes are polled whenever they have an IMAP host, paused or not:
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
                select id, address, imap_host, imap_port, imap_security, imap_username, imap_password_enc,
                       imap_uid_validity, imap_last_uid
                from mailbox
                where imap_host is not null and imap_host <> ''
                order by id
                """).query((rs, n) -> new ImapMailbox(rs.getLong("id"), rs.getString("address"),
                        rs.getString("imap_host").strip(), rs.getObject("imap_port", Integer.class),
                        rs.getString("imap_security"),
                        rs.getString("imap_username") == null ? rs.getString("address") : rs.getString("imap_username"),
                        rs.getString("imap_password_enc"), rs.getObject("imap_uid_validity", Long.class),
                        rs.getObject("imap_last_uid", Long.class)))
                .list();
    }

    /** A poll went through: where it got to; the last error is cleared. */
    void saveProgress(long mailboxId, long uidValidity, long lastUid, Instant at) {
        jdbc.sql("""
                update mailbox set imap_uid_validity = :validity, imap_last_uid = :lastUid, imap_last_polled_at = :at,
                    imap_last_error = null
                where id = :id
                """).param("validity", uidValidity).param("lastUid", lastUid).param("at", Timestamp.from(at))
                .param("id", mailboxId).update();
    }

    /** A poll failed: why, in words an admin can act on; the position stays where it was. */
    void saveError(long mailboxId, String error, Instant at) {
        String message = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR - 1) + "…" : error;
        jdbc.sql("update mailbox set imap_last_polled_at = :at, imap_last_error = :error where id = :id")
                .param("at", Timestamp.from(at)).param("error", message).param("id", mailboxId).update();
    }
}
