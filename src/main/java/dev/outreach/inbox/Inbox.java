package dev.outreach.inbox;

import dev.outreach.campaign.CampaignService;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.LeadStatus;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every reply and automatic answer of every mailbox in one place, newest first: pages by cursor
 * with filters, the team's read state, the lead's whole thread and card, and who handles the lead.
 */
@Service
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
public class Inbox {

    public static final int MAX_PAGE = 200;

    private final InboxQueries queries;
    private final InboxStateStore state;
    private final CampaignService campaigns;
    private final AuditLog auditLog;
    private final Clock clock;

    Inbox(InboxQueries queries, InboxStateStore state, CampaignService campaigns, AuditLog auditLog,
            Clock clock) {
        this.queries = queries;
        this.state = state;
        this.campaigns = campaigns;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * The page after {@code cursor} (null or blank: the first), newest first, at most {@code size}
     * rows (1 to {@value #MAX_PAGE}). One statement, so no transaction: a page is as consistent as
     * its query, and a cursor page never repeats or skips a row whatever arrives meanwhile.
     */
    public InboxPage page(InboxFilter filter, String cursor, int size) {
        if (size < 1 || size > MAX_PAGE) {
            throw new InvalidInputException("size", "Between 1 and " + MAX_PAGE + " replies a page, not " + size);
        }
        InboxCursor after = cursor == null || cursor.isBlank() ? null : InboxCursor.decode(cursor.strip());
        List<InboxRow> rows = queries.page(filter, after, size + 1);
        if (rows.size() <= size) {
            return new InboxPage(rows, Optional.empty());
        }
        List<InboxRow> page = rows.subList(0, size);
        return new InboxPage(List.copyOf(page), Optional.of(InboxCursor.after(page.getLast()).encode()));
    }

    /** Replies and automatic answers nobody on the team has opened yet. */
    public int unreadCount() {
        return queries.unreadCount();
    }

    /** Opens a reply: marks it read for the whole team and returns it with the lead's thread and card. */
    @Transactional
    public OpenReply open(long replyId) {
        requireReply(replyId);
        state.markRead(replyId, actor(), clock.instant());
        InboxRow row = queries.row(replyId).orElseThrow(() -> notFound(replyId));
        return new OpenReply(row, thread(row.leadId()), leadCard(row.leadId()));
    }

    /** True when it was unread. */
    @Transactional
    public boolean markRead(long replyId) {
        requireReply(replyId);
        return state.markRead(replyId, actor(), clock.instant());
    }

    /** Back to unread for everyone; true when it was read. */
    @Transactional
    public boolean markUnread(long replyId) {
        requireReply(replyId);
        return state.markUnread(replyId);
    }

    /**
     * The lead's conversation in time order: our touches on every channel (every message type,
     * replies sent from the console included, with their channel and status) and their replies.
     */
    @Transactional(readOnly = true)
    public List<ThreadEntry> thread(long leadId) {
        List<ThreadEntry> thread = new ArrayList<>(queries.touches(leadId));
        thread.addAll(queries.replies(leadId));
        // at the same instant our touch comes first: a reply cannot precede what it answers
        thread.sort(Comparator.comparing(ThreadEntry::at).thenComparing(entry -> entry.ours() ? 0 : 1));
        return List.copyOf(thread);
    }

    @Transactional(readOnly = true)
    public LeadCard leadCard(long leadId) {
        InboxQueries.LeadFacts lead = queries.lead(leadId)
                .orElseThrow(() -> new NotFoundException("Lead " + leadId + " does not exist"));
        return new LeadCard(leadId, InboxQueries.name(lead.firstName(), lead.lastName(), lead.email()),
                optional(lead.email()), optional(lead.company()), optional(lead.title()), statusLabel(lead.status()),
                outcome(lead.outcome()), queries.enrollments(leadId), List.copyOf(new LinkedHashSet<>(queries.labels(leadId))),
                state.assigneeOf(leadId));
    }

    /**
     * Makes {@code username} (an enabled user) the one who handles the lead; null or blank: nobody.
     * Audited with the assignee before and after. Refuses an unknown or disabled user, naming {@code assignee}.
     */
    @Transactional
    public void assign(long leadId, String username) {
        queries.lead(leadId).orElseThrow(() -> new NotFoundException("Lead " + leadId + " does not exist"));
        String wanted = username == null ? "" : username.strip();
        Optional<String> before = state.assigneeOf(leadId);
        if (wanted.isEmpty()) {
            state.unassign(leadId);
        } else {
            Optional<Boolean> enabled = queries.userEnabled(wanted);
            if (enabled.isEmpty()) {
                throw new InvalidInputException("assignee", "No user is called '" + wanted + "'");
            }
            if (!enabled.get()) {
                throw new InvalidInputException("assignee", "User '" + wanted + "' is disabled");
            }
            state.assign(leadId, wanted, actor(), clock.instant());
        }
        Optional<String> after = wanted.isEmpty() ? Optional.empty() : Optional.of(wanted);
        if (!before.equals(after)) {
            auditLog.record("inbox.assign", "lead", leadId, before.orElse("nobody"), after.orElse("nobody"));
        }
    }

    @Transactional(readOnly = true)
    public Optional<String> assigneeOf(long leadId) {
        return state.assigneeOf(leadId);
    }

    /** The users a lead can be assigned to: the enabled ones, by username. */
    @Transactional(readOnly = true)
    public List<String> assignees() {
        return queries.users();
    }

    /** The campaigns, mailboxes and users the filters offer. */
    @Transactional(readOnly = true)
    public InboxChoices choices() {
        return new InboxChoices(campaigns.findAll().stream().map(c -> new InboxChoices.Choice(c.id(), c.name())).toList(),
                queries.mailboxes(), queries.users());
    }

    private void requireReply(long replyId) {
        if (!queries.isInboxReply(replyId)) {
            throw notFound(replyId);
        }
    }

    private static NotFoundException notFound(long replyId) {
        return new NotFoundException("Reply " + replyId + " does not exist");
    }

    private static String statusLabel(String status) {
        try {
            return LeadStatus.valueOf(status).label();
        } catch (RuntimeException unknown) {
            return status == null ? "" : status;
        }
    }

    private static Optional<LeadOutcome> outcome(String outcome) {
        return Stream.of(LeadOutcome.values()).filter(known -> known.name().equals(outcome)).findFirst();
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "unknown" : authentication.getName();
    }
}
