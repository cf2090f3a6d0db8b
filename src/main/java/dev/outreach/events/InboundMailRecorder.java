package dev.outreach.events;

import dev.outreach.outreach.OutreachService;
import dev.outreach.shared.LinkTokens;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the IMAP poller found, recorded: a reply to one of our messages becomes an
 * {@code email_reply} row (for the lead timeline) and a REPLIED event, in one transaction; a
 * delivery status report becomes a BOUNCED (or, for "delayed", DEFERRED) event; an unsubscribe
 * by mail an UNSUBSCRIBED event. Event ids are
 * stable (the mail's own Message-ID), so reading a message twice has no second effect.
 */
@Service
class InboundMailRecorder {

    private static final Logger log = LoggerFactory.getLogger(InboundMailRecorder.class);
    static final String PROVIDER = "imap";

    private final EmailEventIngestion ingestion;
    private final OutreachService outreach;
    private final JdbcClient jdbc;
    private final LinkTokens tokens;

    InboundMailRecorder(EmailEventIngestion ingestion, OutreachService outreach, JdbcClient jdbc, LinkTokens tokens) {
        this.ingestion = ingestion;
        this.tokens = tokens;
        this.outreach = outreach;
        this.jdbc = jdbc;
    }

    /** Our message the reply answers (the first of its quoted ids that is one of ours); false when none is. */
    @Transactional
    public boolean recordReply(long mailboxId, InboundMail.Reply reply) {
        for (String quoted : reply.referencedIds()) {
            Optional<UUID> messageId = MessageIds.ourMessage(quoted);
            Optional<Long> leadId = messageId.flatMap(outreach::leadOf);
            if (leadId.isPresent()) {
                storeReply(mailboxId, messageId.get(), leadId.get(), reply);
                String subject = reply.subject() == null ? "" : reply.subject();
                ingestion.ingest(new EmailEvent(PROVIDER, "reply:" + reply.key(), EmailEventKind.REPLIED, messageId.get(),
                        quoted, reply.receivedAt(), false, false,
                        cut("Reply from " + reply.from() + (subject.isEmpty() ? "" : ": " + subject), 1000), null));
                return true;
            }
        }
        log.debug("Mail {} in mailbox {} quotes no message of ours", reply.key(), mailboxId);
        return false;
    }

    /** A bounce of one of our messages; false when the report names no message of ours or reports a delivery. */
    @Transactional
    public boolean recordReport(long mailboxId, InboundMail.Report mail) {
        DeliveryStatusReport report = mail.report();
        Optional<String> original = report.originalMessageId();
        Optional<UUID> messageId = original.flatMap(MessageIds::ourMessage).filter(id -> outreach.leadOf(id).isPresent());
        if (messageId.isEmpty() || !(report.failed() || report.delayed())) {
            log.debug("Delivery report {} in mailbox {}: {} for {}, not about a message of ours or not a failure",
                    mail.key(), mailboxId, report.action(), original.orElse("no returned Message-ID"));
            return false;
        }
        EmailEventKind kind = report.failed() ? EmailEventKind.BOUNCED : EmailEventKind.DEFERRED;
        ingestion.ingest(new EmailEvent(PROVIDER, "dsn:" + mail.key(), kind, messageId.get(), original.get(),
                mail.receivedAt(), report.hard(), false, report.describe(), report.fields()));
        return true;
    }

    /**
     * An unsubscribe by mail for one of our messages: handled as the one-click link is (the
     * address suppressed, the lead UNSUBSCRIBED); false when the token does not verify or names
     * no message of ours.
     */
    @Transactional
    public boolean recordUnsubscribe(long mailboxId, InboundMail.Unsubscribe mail) {
        Optional<UUID> messageId = tokens.unsubscribedMessage(mail.token()).filter(id -> outreach.leadOf(id).isPresent());
        if (messageId.isEmpty()) {
            log.debug("Unsubscribe mail {} in mailbox {}: not a valid token for a message of ours", mail.key(), mailboxId);
            return false;
        }
        ingestion.ingest(new EmailEvent(PROVIDER, "unsubscribe:" + mail.key(), EmailEventKind.UNSUBSCRIBED, messageId.get(),
                null, mail.receivedAt(), false, false, cut("Unsubscribe by mail from " + mail.from(), 1000), null));
        return true;
    }

    private void storeReply(long mailboxId, UUID messageId, long leadId, InboundMail.Reply reply) {
        String header = MessageIds.key(reply.headerMessageId());
        // uq_email_reply_header: the same reply read again adds nothing (a race between two mailboxes
        // that both got it fails on the constraint, rolls back, and the next poll finds the row)
        boolean known = jdbc.sql("select count(*) from email_reply where header_message_id = :header")
                .param("header", header).query(Long.class).single() > 0;
        if (known) {
            return;
        }
        jdbc.sql("""
                insert into email_reply (message_id, lead_id, mailbox_id, header_message_id, from_address, subject,
                    excerpt, received_at)
                values (:messageId, :leadId, :mailboxId, :header, :from, :subject, :excerpt, :receivedAt)
                """).param("messageId", messageId).param("leadId", leadId).param("mailboxId", mailboxId)
                .param("header", header).param("from", cut(reply.from(), 320))
                .param("subject", cut(reply.subject(), 500)).param("excerpt", cut(reply.excerpt(), ReplyText.MAX_CHARS))
                .param("receivedAt", Timestamp.from(reply.receivedAt())).update();
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
