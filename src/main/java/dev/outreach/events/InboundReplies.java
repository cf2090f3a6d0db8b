package dev.outreach.events;

import dev.outreach.outreach.RepliesToAnswer;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the replies and automatic answers the IMAP poller recorded, for the modules that act on
 * them: the inbox, and the outreach module's replies from the console ({@link RepliesToAnswer}).
 */
@Service
public class InboundReplies implements RepliesToAnswer {

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
                select id, lead_id, message_id, mailbox_id, header_message_id, from_address, subject, excerpt, kind, note,
                    received_at, written_at
                from email_reply where lead_id = :leadId and kind in ('REPLY', 'AUTO_REPLY')
                order by received_at, id
                """).param("leadId", leadId).query((rs, n) -> reply(rs)).list();
    }

    @Transactional(readOnly = true)
    public Optional<InboundReply> find(long replyId) {
        return jdbc.sql("""
                select id, lead_id, message_id, mailbox_id, header_message_id, from_address, subject, excerpt, kind, note,
                    received_at, written_at
                from email_reply where id = :id
                """).param("id", replyId).query((rs, n) -> reply(rs)).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ReplyToAnswer> reply(long replyId) {
        return find(replyId).map(InboundReplies::toAnswer);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ReplyToAnswer> latestOf(long leadId) {
        List<InboundReply> replies = ofLead(leadId);
        return replies.reversed().stream().filter(reply -> reply.automatic().isEmpty()).findFirst()
                .or(() -> replies.isEmpty() ? Optional.empty() : Optional.of(replies.getLast()))
                .map(InboundReplies::toAnswer);
    }

    private static ReplyToAnswer toAnswer(InboundReply reply) {
        return new ReplyToAnswer(reply.id(), reply.leadId(), reply.messageId(), reply.mailboxId(), reply.headerMessageId(),
                reply.subject());
    }

    /**
     * The stored Message-ID when it is one: the recorder keeps a key instead when the mail had none
     * (its mailbox and UID) or one too long for the column (its hash), see {@link MessageIds#key}.
     */
    private static Optional<String> ownMessageId(String stored) {
        List<String> ids = MessageIds.all(stored);
        return ids.size() == 1 && ids.getFirst().equals(stored) ? Optional.of(stored) : Optional.empty();
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
                        : rs.getTimestamp("written_at").toInstant(), ownMessageId(rs.getString("header_message_id")));
    }
}
