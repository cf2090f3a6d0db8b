package dev.outreach.outreach;

import dev.outreach.channel.ChannelConfigService;
import dev.outreach.deliverability.Mailbox;
import dev.outreach.deliverability.MailboxDirectory;
import dev.outreach.deliverability.MailboxService;
import dev.outreach.deliverability.SuppressionList;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadService;
import dev.outreach.lead.LeadStop;
import dev.outreach.outreach.RepliesToAnswer.ReplyToAnswer;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.MessageStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replies written in the console to a lead's email thread. A reply is an outreach message of its
 * own type ({@link ThreadedAnswer}) written to the outbox and sent by the dispatcher like every
 * message: crash-safe, counted against the channel's and the mailbox's caps, in SANDBOX or LIVE,
 * in the lead's history. It goes only from the mailbox that sent the thread (the one the answered
 * mail came into, else the one our message went from), threaded: In-Reply-To names the answered
 * mail, References the thread's chain, the subject is "Re: " and theirs.
 *
 * <p>What would refuse it at sending (a suppressed address, a lead that unsubscribed, email
 * switched off) refuses it here already, naming the field, and nothing is queued. What only
 * delays it (a paused mailbox, a full cap) is said when it is queued and in its status after.
 */
@Service
public class ConsoleReplies {

    private static final Logger log = LoggerFactory.getLogger(ConsoleReplies.class);

    static final int MAX_BODY = 20_000;
    static final int MAX_SUBJECT = 300;
    /** reference_ids holds 2,000 characters: a long thread keeps its first id and the newest ones (RFC 5322 3.6.4). */
    static final int MAX_REFERENCES = 2_000;
    /** "Re:", "RE :", "Aw:", "Antw:", "SV:", "Réf.:" ... in front of a subject, as many as there are. */
    private static final Pattern REPLY_PREFIXES = Pattern.compile(
            "^(\\s*(re|aw|antw|sv|vs|rif|r[ée]f\\.?)\\s*(\\[\\d+])?\\s*:\\s*)+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,900}>");

    private final OutreachStore store;
    private final RepliesToAnswer replies;
    private final LeadService leads;
    private final SuppressionList suppressions;
    private final ChannelConfigService channels;
    private final MailboxService mailboxes;
    private final MailboxDirectory mailboxDirectory;
    private final AuditLog auditLog;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ConsoleReplies(OutreachStore store, RepliesToAnswer replies, LeadService leads, SuppressionList suppressions,
            ChannelConfigService channels, MailboxService mailboxes, MailboxDirectory mailboxDirectory,
            AuditLog auditLog, TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.replies = replies;
        this.leads = leads;
        this.suppressions = suppressions;
        this.channels = channels;
        this.mailboxes = mailboxes;
        this.mailboxDirectory = mailboxDirectory;
        this.auditLog = auditLog;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Queues a reply to the lead's thread, to be sent by the dispatcher from the thread's mailbox.
     * Bad input (an empty body, a lead that may not be emailed, a lead with no email thread) is an
     * {@link InvalidInputException} naming the field, and nothing is queued.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public QueuedReply queue(ConsoleReplyDraft draft) {
        QueuedReply queued = transaction.execute(status -> write(draft));
        return new QueuedReply(queued.messageId(), queued.from(), queued.subject(), waits(queued.from()));
    }

    /** The checks, the outbox row and its audit entry, in one transaction. */
    private QueuedReply write(ConsoleReplyDraft draft) {
        String body = draft.body() == null ? "" : draft.body().strip();
        if (body.isEmpty()) {
            throw new InvalidInputException("body", "Write the reply");
        }
        if (body.length() > MAX_BODY) {
            throw new InvalidInputException("body", "At most " + MAX_BODY + " characters (" + body.length() + ")");
        }
        LeadDetails lead = leads.find(draft.leadId())
                .orElseThrow(() -> new InvalidInputException("leadId", "No lead with id " + draft.leadId()));
        checkReachable(lead);
        ReplyThread thread = thread(lead.id(), draft.replyId());
        Mailbox mailbox = thread.mailboxId().flatMap(mailboxes::find).orElseThrow(() -> new InvalidInputException("lead",
                "No mailbox of ours sent this thread any more, and a reply goes from no other"));
        Instant now = clock.instant();
        String subject = subject(thread.theirs().map(ReplyToAnswer::subject).orElse(null), thread.ours()
                .map(OutreachMessage::subject).orElse(null));
        OutreachMessage message = new OutreachMessage(UUID.randomUUID(), lead.id(), null, 0, ThreadedAnswer.MESSAGE_TYPE,
                null, subject, body, MessageStatus.PENDING, null, null, null, false, now, null, now, null, 0, null,
                ChannelType.EMAIL);
        store.insert(message, now);
        store.recordAnswer(message.id(), mailbox.id(), thread.inReplyTo(), thread.references());
        auditLog.record("outreach.console-reply", "outreach_message", message.id(), null, "To lead " + lead.id()
                + " from " + mailbox.address() + ", subject \"" + subject + "\", " + body.length() + " characters");
        return new QueuedReply(message.id(), mailbox.address(), subject, Optional.empty());
    }

    /** The lead's replies from the console, newest first, with their status and why one waits. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public List<OutreachMessage> ofLead(long leadId, int limit) {
        return store.answersTo(leadId, Math.max(1, Math.min(limit, 100)));
    }

    /** The rules a reply would be refused by when sent (see SendRules), checked before anything is queued. */
    private void checkReachable(LeadDetails lead) {
        String email = lead.fields().getEmail();
        if (email == null || email.isBlank()) {
            throw new InvalidInputException("lead", "The lead has no email address");
        }
        Optional<LeadStop> stop = LeadStop.of(lead.fields().getStatus())
                .filter(s -> s.stopsAnswers() || s == LeadStop.BOUNCED);
        if (stop.isPresent()) {
            throw new InvalidInputException("lead", stop.get().sentence() + ": no reply is sent");
        }
        Optional<String> suppressed = suppressions.reasonFor(email);
        if (suppressed.isPresent()) {
            throw new InvalidInputException("lead", "The address is suppressed (" + suppressed.get() + "): no reply is sent");
        }
        if (!channels.get(ChannelType.EMAIL).enabled()) {
            throw new InvalidInputException("channel", "The email channel is switched off: an admin turns it on under Channels");
        }
    }

    /**
     * The thread a reply goes into: their mail it answers (the given one, else their latest), our
     * message that mail answers (else our last email to the lead), the mailbox that sent it, and
     * the threading headers.
     */
    private record ReplyThread(Optional<ReplyToAnswer> theirs, Optional<OutreachMessage> ours, Optional<Long> mailboxId,
            Optional<String> inReplyTo, List<String> references) {
    }

    private ReplyThread thread(long leadId, Optional<Long> replyId) {
        Optional<ReplyToAnswer> theirs;
        if (replyId.isPresent()) {
            theirs = replies.reply(replyId.get()).filter(reply -> reply.leadId() == leadId);
            if (theirs.isEmpty()) {
                throw new InvalidInputException("replyId", "This lead has no reply with id " + replyId.get());
            }
        } else {
            theirs = replies.latestOf(leadId);
        }
        Optional<OutreachMessage> ours = theirs.map(ReplyToAnswer::answers).flatMap(store::find)
                .or(() -> store.lastEmailTo(leadId).flatMap(store::find));
        if (theirs.isEmpty() && ours.isEmpty()) {
            throw new InvalidInputException("lead",
                    "There is no email thread to reply to: nothing was emailed to this lead and it wrote nothing");
        }
        Optional<Long> mailboxId = theirs.flatMap(ReplyToAnswer::mailboxId)
                .or(() -> ours.map(OutreachMessage::mailboxId));
        Optional<String> ourId = ours.filter(m -> m.channelUsed() == ChannelType.EMAIL)
                .map(OutreachMessage::providerMessageId).filter(ConsoleReplies::isMessageId);
        Optional<String> theirId = theirs.flatMap(ReplyToAnswer::messageId).filter(ConsoleReplies::isMessageId);
        LinkedHashSet<String> chain = new LinkedHashSet<>();
        ours.flatMap(m -> store.answer(m.id())).ifPresent(earlier -> chain.addAll(earlier.references()));
        ourId.ifPresent(chain::add);
        theirId.ifPresent(chain::add);
        return new ReplyThread(theirs, ours, mailboxId, theirId.or(() -> ourId), trimmed(List.copyOf(chain)));
    }

    /** Keeps the first id and as many of the newest as fit in {@link #MAX_REFERENCES}. */
    static List<String> trimmed(List<String> chain) {
        if (String.join(" ", chain).length() <= MAX_REFERENCES) {
            return chain;
        }
        List<String> newest = new ArrayList<>();
        int length = chain.getFirst().length();
        for (int i = chain.size() - 1; i > 0 && length + 1 + chain.get(i).length() <= MAX_REFERENCES; i--) {
            newest.addFirst(chain.get(i));
            length += 1 + chain.get(i).length();
        }
        newest.addFirst(chain.getFirst());
        return newest;
    }

    /** "Re: " and their subject without its own reply prefixes (never "Re: Re:"); ours when theirs is empty. */
    static String subject(String theirs, String ours) {
        String base = theirs != null && !theirs.isBlank() ? theirs : ours == null ? "" : ours;
        String clean = REPLY_PREFIXES.matcher(base.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip()).replaceFirst("");
        String subject = ("Re: " + clean).strip();
        return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT - 1) + "…";
    }

    private static boolean isMessageId(String value) {
        return value != null && MESSAGE_ID.matcher(value).matches();
    }

    /**
     * Why the mailbox cannot send right now, in the dispatcher's words, when it cannot. After the
     * commit and never failing it: the reply is queued whatever this look finds (the reputation
     * counters may be out of reach), and the dispatcher decides again when it sends.
     */
    private Optional<String> waits(String address) {
        try {
            MailboxDirectory.Selection preview = mailboxDirectory.preview();
            if (preview.eligible().stream().anyMatch(m -> m.mailbox().address().equals(address))) {
                return Optional.empty();
            }
            return Optional.of("It waits until " + address + " may send again: "
                    + preview.skipped().getOrDefault(address, "it may not send now"));
        } catch (RuntimeException e) {
            log.warn("Could not tell whether mailbox {} may send now; the reply is queued", address, e);
            return Optional.empty();
        }
    }
}
