package dev.outreach.events;

import dev.outreach.lead.LeadService;
import dev.outreach.outreach.OutreachService;
import dev.outreach.shared.AutoReplyReceived;
import dev.outreach.shared.LinkTokens;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the IMAP poller found, recorded: a reply to one of our messages becomes an
 * {@code email_reply} row (for the lead timeline) and a REPLIED event, in one transaction; a
 * delivery status report or plain-text bounce becomes a BOUNCED (or, for a delay, DEFERRED)
 * event; a feedback-loop report a COMPLAINED event; an unsubscribe by mail an UNSUBSCRIBED event.
 * An automatic answer (out-of-office) is stored with its return date for the inbox, whose
 * automatic action for its label snoozes the lead; a challenge-response flags the lead's email
 * channel; both show on the timeline. Mail is tied to our message by the ids it quotes, else
 * (for a bounce or complaint by the recipient it names, for answers by their sender) to the last
 * email the lead was sent. Event ids are stable (the mail's own Message-ID), so reading a
 * message twice has no second effect.
 */
@Service
class InboundMailRecorder {

    private static final Logger log = LoggerFactory.getLogger(InboundMailRecorder.class);
    static final String PROVIDER = "imap";

    /** The timeline kinds of {@code email_reply.kind}. */
    enum Kind {
        REPLY, AUTO_REPLY, CHALLENGE
    }

    /** Our message a mail is about, and the Message-ID it was quoted by (null when found by address). */
    private record Found(UUID messageId, String quoted, long leadId) {
    }

    private final EmailEventIngestion ingestion;
    private final OutreachService outreach;
    private final LeadService leads;
    private final JdbcClient jdbc;
    private final LinkTokens tokens;
    private final ApplicationEventPublisher events;

    InboundMailRecorder(EmailEventIngestion ingestion, OutreachService outreach, LeadService leads,
            JdbcClient jdbc, LinkTokens tokens,
            ApplicationEventPublisher events) {
        this.ingestion = ingestion;
        this.outreach = outreach;
        this.leads = leads;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Our message the reply answers (by the ids it quotes, else by its sender); false when none. */
    @Transactional
    public boolean recordReply(long mailboxId, InboundMail.Reply reply) {
        Optional<Found> found = find(reply.referencedIds(), List.of(reply.from() == null ? "" : reply.from()));
        if (found.isEmpty()) {
            log.debug("Mail {} in mailbox {} is about no message of ours", reply.key(), mailboxId);
            return false;
        }
        Found f = found.get();
        storeTimeline(mailboxId, f, reply.headerMessageId(), reply.from(), reply.subject(), reply.excerpt(),
                reply.receivedAt(), reply.writtenAt(), Kind.REPLY, null);
        String subject = reply.subject() == null ? "" : reply.subject();
        ingestion.ingest(new EmailEvent(PROVIDER, "reply:" + reply.key(), EmailEventKind.REPLIED, f.messageId(),
                f.quoted(), reply.receivedAt(), false, false,
                cut("Reply from " + reply.from() + (subject.isEmpty() ? "" : ": " + subject), 1000), null));
        return true;
    }

    /** A bounce (or delay) of one of our messages; false when it names none or reports a delivery. */
    @Transactional
    public boolean recordReport(long mailboxId, InboundMail.Report mail) {
        DeliveryStatusReport report = mail.report();
        Optional<Found> found = find(report.originalMessageId().stream().toList(), List.of(report.finalRecipient()));
        if (found.isEmpty() || !(report.failed() || report.delayed())) {
            log.debug("Delivery report {} in mailbox {}: {} for {}, not about a message of ours or not a failure",
                    mail.key(), mailboxId, report.action(), report.originalMessageId().orElse("no returned Message-ID"));
            return false;
        }
        EmailEventKind kind = report.failed() ? EmailEventKind.BOUNCED : EmailEventKind.DEFERRED;
        ingestion.ingest(new EmailEvent(PROVIDER, "dsn:" + mail.key(), kind, found.get().messageId(), found.get().quoted(),
                mail.receivedAt(), report.hard(), false, report.describe(), report.fields()));
        return true;
    }

    /** A feedback-loop complaint about one of our messages: the effects of a complaint webhook. */
    @Transactional
    public boolean recordComplaint(long mailboxId, InboundMail.Complaint mail) {
        FeedbackReport report = mail.report();
        Optional<Found> found = find(report.originalMessageId().stream().toList(), List.of(report.recipient()));
        if (found.isEmpty()) {
            log.debug("Feedback report {} in mailbox {} names no message of ours", mail.key(), mailboxId);
            return false;
        }
        ingestion.ingest(new EmailEvent(PROVIDER, "arf:" + mail.key(), EmailEventKind.COMPLAINED, found.get().messageId(),
                found.get().quoted(), mail.receivedAt(), false, false, cut(report.describe(), 1000), report.fields()));
        return true;
    }

    /**
     * An automatic answer (an out-of-office...): on the timeline with the return date it names, and
     * {@link AutoReplyReceived}. What it does to the sequence is the inbox's automatic action for its
     * label (out of office: snoozed to the day after the return date), so that the rule lives in
     * one place. False when it is about no lead of ours.
     */
    @Transactional
    public boolean recordAutoReply(long mailboxId, InboundMail.AutoReply mail) {
        Optional<Found> found = find(mail.referencedIds(), List.of(mail.from() == null ? "" : mail.from()));
        if (found.isEmpty()) {
            return false;
        }
        long leadId = found.get().leadId();
        // InboundReplies reads the reason back from the note's closing parentheses
        String note = mail.returnDate().map(back -> "Out of office until " + back).orElse("Automatic reply without a return date")
                + " (" + mail.reason() + ")";
        if (storeTimeline(mailboxId, found.get(), mail.headerMessageId(), mail.from(), mail.subject(), mail.excerpt(),
                mail.receivedAt(), mail.writtenAt(), Kind.AUTO_REPLY, note)) {
            events.publishEvent(new AutoReplyReceived(leadId, "imap automatic answer to message " + found.get().messageId(),
                    mail.receivedAt()));
        }
        return true;
    }

    /** A challenge-response: on the timeline with its link as text, and the lead's email channel flagged. */
    @Transactional
    public boolean recordChallenge(long mailboxId, InboundMail.Challenge mail) {
        Optional<Found> found = find(mail.referencedIds(), mail.senders());
        if (found.isEmpty()) {
            return false;
        }
        String note = cut("Challenge-response (" + mail.reason() + "): a person must verify the sender"
                + mail.link().map(link -> " at " + link).orElse("") + "; the link is not followed", 500);
        String from = mail.senders().isEmpty() ? null : mail.senders().getFirst();
        if (storeTimeline(mailboxId, found.get(), mail.headerMessageId(), from, mail.subject(), "", mail.receivedAt(),
                null, Kind.CHALLENGE, note)) {
            leads.flagEmailChannel(found.get().leadId(), note, mail.receivedAt());
        }
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

    /** The first quoted id that is one of our messages, else the last email sent to the first address that is a lead's. */
    private Optional<Found> find(List<String> quotedIds, List<String> addresses) {
        for (String quoted : quotedIds) {
            Optional<UUID> messageId = MessageIds.ourMessage(quoted);
            Optional<Long> leadId = messageId.flatMap(outreach::leadOf);
            if (leadId.isPresent()) {
                return Optional.of(new Found(messageId.get(), quoted, leadId.get()));
            }
        }
        for (String address : addresses) {
            if (address == null || address.isBlank()) {
                continue;
            }
            Optional<Long> leadId = leads.idByEmail(address);
            Optional<UUID> last = leadId.flatMap(outreach::lastEmailTo);
            if (last.isPresent()) {
                return Optional.of(new Found(last.get(), null, leadId.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * The mail on the lead's timeline; false when it is there already (uq_email_reply_header: the
     * same mail read again, or read meanwhile by another mailbox that also got it, adds nothing).
     */
    private boolean storeTimeline(long mailboxId, Found found, String headerMessageId, String from, String subject,
            String excerpt, Instant receivedAt, Instant writtenAt, Kind kind, String note) {
        return jdbc.sql("""
                insert into email_reply (message_id, lead_id, mailbox_id, header_message_id, from_address, subject,
                    excerpt, received_at, written_at, kind, note)
                values (:messageId, :leadId, :mailboxId, :header, :from, :subject, :excerpt, :receivedAt, :writtenAt, :kind,
                    :note)
                on conflict do nothing
                """).param("messageId", found.messageId()).param("leadId", found.leadId()).param("mailboxId", mailboxId)
                .param("header", MessageIds.key(headerMessageId)).param("from", cut(from, 320))
                .param("subject", cut(subject, 500)).param("excerpt", cut(excerpt, ReplyText.MAX_CHARS))
                .param("receivedAt", Timestamp.from(receivedAt))
                .param("writtenAt", writtenAt == null ? null : Timestamp.from(writtenAt)).param("kind", kind.name()).param("note", cut(note, 500))
                .update() == 1;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
