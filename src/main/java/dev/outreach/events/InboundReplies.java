package dev.outreach.events;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the replies and automatic answers the IMAP poller recorded, for the modules that act on them (the inbox). */
@Service
public class InboundReplies {

    /** The reason an automatic answer was recognised, as {@link InboundMailRecorder} ends its note: "... (reason)". */
    private static final Pattern NOTE_REASON = Pattern.compile("\\(([^()]*)\\)\\s*$");

    private final JdbcClient jdbc;

    InboundReplies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The lead's replies and automatic answers (no challenge-responses), oldest first; by ix_email_reply_lead. */
    @Transactional(readOnly = true)
    public List<InboundReply> ofLead(long leadId) {
        return jdbc.sql("""
                select id, lead_id, message_id, mailbox_id, from_address, subject, excerpt, kind, note, received_at, written_at
                from email_reply where lead_id = :leadId and kind in ('REPLY', 'AUTO_REPLY')
                order by received_at, id
                """).param("leadId", leadId).query((rs, n) -> reply(rs)).list();
    }

    @Transactional(readOnly = true)
    public Optional<InboundReply> find(long replyId) {
        return jdbc.sql("""
                select id, lead_id, message_id, mailbox_id, from_address, subject, excerpt, kind, note, received_at, written_at
                from email_reply where id = :id
                """).param("id", replyId).query((rs, n) -> reply(rs)).optional();
    }

    private static InboundReply reply(java.sql.ResultSet rs) throws java.sql.SQLException {
        long mailboxId = rs.getLong("mailbox_id");
        Optional<Long> mailbox = rs.wasNull() ? Optional.empty() : Optional.of(mailboxId);
        Optional<String> automatic = Optional.empty();
        if (InboundMailRecorder.Kind.AUTO_REPLY.name().equals(rs.getString("kind"))) {
            String note = rs.getString("note");
            Matcher reason = NOTE_REASON.matcher(note == null ? "" : note);
            automatic = Optional.of(reason.find() ? reason.group(1) : "automatic answer");
        }
        return new InboundReply(rs.getLong("id"), rs.getLong("lead_id"), rs.getObject("message_id", UUID.class), mailbox,
                rs.getString("from_address"), rs.getString("subject"), rs.getString("excerpt") == null ? ""
                        : rs.getString("excerpt"), automatic, rs.getTimestamp("received_at").toInstant(),
                rs.getTimestamp("written_at") == null ? rs.getTimestamp("received_at").toInstant()
                        : rs.getTimestamp("written_at").toInstant());
    }
}
