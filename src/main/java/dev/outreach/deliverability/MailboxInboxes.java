package dev.outreach.deliverability;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The inbound side of the mailboxes, for the IMAP poller in the events module: which mailboxes
 * have an inbox to poll (paused ones too: replies to mail sent earlier keep arriving) and the two
 * columns that tell the console how the last poll went.
 */
@Component
public class MailboxInboxes {

    /** Longest poll error kept; a longer one is cut with an ellipsis. */
    public static final int MAX_ERROR = 500;

    /** A mailbox's IMAP settings; the password as stored (encrypted), the username defaulting to the address. */
    public record Inbox(long mailboxId, String address, String host, Integer port, String security, String username,
            String passwordEncrypted) {
    }

    private final JdbcClient jdbc;

    MailboxInboxes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every mailbox with an IMAP host, by id. */
    public List<Inbox> pollable() {
        return jdbc.sql("""
                select id, address, imap_host, imap_port, imap_security, imap_username, imap_password_enc
                from mailbox where imap_host is not null and imap_host <> '' order by id
                """).query((rs, n) -> new Inbox(rs.getLong("id"), rs.getString("address"),
                        rs.getString("imap_host").strip(), rs.getObject("imap_port", Integer.class),
                        rs.getString("imap_security"),
                        rs.getString("imap_username") == null ? rs.getString("address") : rs.getString("imap_username"),
                        rs.getString("imap_password_enc")))
                .list();
    }

    /** A poll went through: the mailbox's last error is cleared. */
    public void polled(long mailboxId, Instant at) {
        jdbc.sql("update mailbox set imap_last_polled_at = :at, imap_last_error = null where id = :id")
                .param("at", Timestamp.from(at)).param("id", mailboxId).update();
    }

    /** A poll failed: why, in words an admin can act on. */
    public void pollFailed(long mailboxId, String error, Instant at) {
        String message = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR - 1) + "…" : error;
        jdbc.sql("update mailbox set imap_last_polled_at = :at, imap_last_error = :error where id = :id")
                .param("at", Timestamp.from(at)).param("error", message).param("id", mailboxId).update();
    }
}
